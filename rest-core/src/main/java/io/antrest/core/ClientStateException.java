package io.antrest.core;

/** The client is not in a state to take the call: not started, stopped, or called from its own worker. */
public class ClientStateException extends RestException {
    /** Creates one with a message. */
    public ClientStateException(String message) {
        super(message);
    }

    /** Creates one with a message and a cause. */
    public ClientStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
