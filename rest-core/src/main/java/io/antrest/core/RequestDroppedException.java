package io.antrest.core;

/** A droppable request was refused by admission: its gateway is not up, or the queue is over its soft limit. */
public class RequestDroppedException extends RestException {
    /** Creates one with a message. */
    public RequestDroppedException(String message) {
        super(message);
    }

    /** Creates one with a message and a cause. */
    public RequestDroppedException(String message, Throwable cause) {
        super(message, cause);
    }
}
