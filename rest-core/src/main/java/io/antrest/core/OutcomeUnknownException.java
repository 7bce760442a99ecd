package io.antrest.core;

/** A request that is not idempotent (an order) may have reached the exchange but its answer was lost; it was not retried. Look the order up (by its client order id) before placing it again. */
public class OutcomeUnknownException extends RestException {
    /** Creates one with a message. */
    public OutcomeUnknownException(String message) {
        super(message);
    }

    /** Creates one with a message and a cause. */
    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
