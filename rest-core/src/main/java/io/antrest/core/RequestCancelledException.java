package io.antrest.core;

/** The client stopped before this request was sent. */
public class RequestCancelledException extends RestException {
    /** Creates one with a message. */
    public RequestCancelledException(String message) {
        super(message);
    }

    /** Creates one with a message and a cause. */
    public RequestCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
