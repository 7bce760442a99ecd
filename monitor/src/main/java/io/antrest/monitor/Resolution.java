package io.antrest.monitor;

/**
 * How the runtime settled an order placement or a cancel whose answer was lost (the connection
 * broke after sending, a 5xx, a time-out, an answer that could not be read), by looking the order
 * up at the exchange.
 */
public enum Resolution {
    /** The order was found at the exchange: it was placed. */
    PLACED,
    /** The order was not found after the exchange's acceptance window had passed: it was certainly not placed. */
    NOT_PLACED,
    /** Neither could be told within the time allowed: the caller was told the outcome is unknown. */
    STILL_UNKNOWN,
    /** A cancel whose answer was lost: the order was found cancelled or otherwise ended (or the cancel was sent again and answered). */
    CANCEL_SETTLED,
    /** A cancel whose answer was lost, still unsettled when the time allowed ran out. */
    CANCEL_STILL_UNKNOWN
}
