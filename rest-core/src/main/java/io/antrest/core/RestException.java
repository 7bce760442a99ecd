package io.antrest.core;

/** The base of every error the engine reports; messages say what happened and what to do. */
public class RestException extends RuntimeException {
    /** Creates one with a message. */
    public RestException(String message) {
        super(message);
    }

    /** Creates one with a message and a cause. */
    public RestException(String message, Throwable cause) {
        super(message, cause);
    }
}
