package io.antrest.gateway;

/**
 * What {@link Gateway#placeOrder} does with an order whose answer was lost and that the exchange
 * certainly did not place: not found once the exchange's acceptance window had passed (Binance's
 * {@code recvWindow}, BitMEX's {@code api-expires}, OKX's {@code expTime}).
 */
public enum IfNotPlaced {
    /** Fail the placement with {@link OrderNotPlacedException}: the caller decides (the default). */
    REPORT,
    /**
     * Send it again with the same client order id, signed afresh (the exchange refuses a true
     * duplicate), and complete with what that placement comes to.
     */
    RESEND
}
