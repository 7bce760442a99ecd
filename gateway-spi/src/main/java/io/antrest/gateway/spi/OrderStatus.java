package io.antrest.gateway.spi;

/** Where an order stands, in antrest's words; plugins map the exchange's own. */
public enum OrderStatus {
    /** Accepted, nothing filled. */
    NEW,
    /** Partly filled. */
    PARTIALLY_FILLED,
    /** Completely filled. */
    FILLED,
    /** Cancelled. */
    CANCELED,
    /** Refused. */
    REJECTED,
    /** Expired. */
    EXPIRED,
    /** A status antrest does not know. */
    UNKNOWN
}
