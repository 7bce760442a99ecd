package io.antrest.gateway.spi;

/** Buy or sell. */
public enum Side {
    /** Buy the base asset. */
    BUY,
    /** Sell the base asset. */
    SELL
}
