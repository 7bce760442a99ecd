package io.antrest.core;

/** An answer could not be read: not JSON where JSON was expected, truncated, or over the size limit. */
public class MalformedResponseException extends RestException {
    /** Creates one with a message. */
    public MalformedResponseException(String message) {
        super(message);
    }

    /** Creates one with a message and a cause. */
    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
