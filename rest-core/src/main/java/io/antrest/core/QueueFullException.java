package io.antrest.core;

/** The client's queue is full: the request was refused at once, nothing was sent. Slow down or raise the queue capacity. */
public class QueueFullException extends RestException {
    /** Creates one with a message. */
    public QueueFullException(String message) {
        super(message);
    }

    /** Creates one with a message and a cause. */
    public QueueFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
