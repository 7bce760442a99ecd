package io.antrest.gateway.spi;

/** What kind of error an exchange answered, whatever its own codes: what the caller can do about it. */
public enum ErrorKind {
    /** Bad, unknown or unauthorised API key, or a signature that does not verify. */
    AUTHENTICATION,
    /** Too many requests: wait for {@code retryAfter}. */
    RATE_LIMITED,
    /** Banned for going on after being rate-limited: wait for {@code retryAfter}. */
    BANNED,
    /** The request's timestamp is outside the exchange's receive window: resynchronise the clock. */
    TIMESTAMP_OUT_OF_WINDOW,
    /** Not enough balance for the order. */
    INSUFFICIENT_FUNDS,
    /** The order was refused (filters, duplicate client order id, market closed…). */
    ORDER_REJECTED,
    /** The order or resource does not exist. */
    NOT_FOUND,
    /** The request itself is malformed (bad parameter, unknown symbol). */
    INVALID_REQUEST,
    /** The exchange is down, overloaded or in maintenance. */
    EXCHANGE_UNAVAILABLE,
    /** Anything else. */
    UNKNOWN
}
