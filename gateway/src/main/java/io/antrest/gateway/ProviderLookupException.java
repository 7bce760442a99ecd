package io.antrest.gateway;

import io.antrest.core.RestException;

/**
 * No single exchange plugin answers to a name: none was found at all, none has that name, or
 * two have it. The message says what was found and what to do.
 */
public class ProviderLookupException extends RestException {
    /** Creates one with a message. */
    public ProviderLookupException(String message) {
        super(message);
    }
}
