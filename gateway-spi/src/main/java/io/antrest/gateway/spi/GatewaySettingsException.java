package io.antrest.gateway.spi;

import io.antrest.core.RestException;

/** A setting is missing or wrong; the message names it and says how to set it. */
public class GatewaySettingsException extends RestException {
    /** Creates one with a message. */
    public GatewaySettingsException(String message) {
        super(message);
    }

    /** Creates one with a message and a cause. */
    public GatewaySettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
