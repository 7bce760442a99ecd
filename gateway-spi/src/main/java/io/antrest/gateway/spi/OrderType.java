package io.antrest.gateway.spi;

/** The order types every plugin supports. */
public enum OrderType {
    /** At a limit price, resting on the book. */
    LIMIT,
    /** At the market, at once. */
    MARKET
}
