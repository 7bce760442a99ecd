package io.antrest.gateway.spi;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Names an existing order by the exchange's order id, the client order id, or both.
 *
 * @param symbol        the symbol (Binance needs it; BitMEX ignores it)
 * @param orderId       the exchange's order id
 * @param clientOrderId the client order id
 */
public record OrderRef(String symbol, Optional<String> orderId, Optional<String> clientOrderId) {
    /** Checks that at least one id is given. */
    public OrderRef {
        requireNonNull(symbol, "symbol is null");
        requireNonNull(orderId, "orderId is null");
        requireNonNull(clientOrderId, "clientOrderId is null");
        if (orderId.isEmpty() && clientOrderId.isEmpty()) {
            throw new IllegalArgumentException("an order reference needs an order id or a client order id");
        }
    }

    /** By the exchange's order id. */
    public static OrderRef byOrderId(String symbol, String orderId) {
        return new OrderRef(symbol, Optional.of(orderId), Optional.empty());
    }

    /** By the client order id. */
    public static OrderRef byClientOrderId(String symbol, String clientOrderId) {
        return new OrderRef(symbol, Optional.empty(), Optional.of(clientOrderId));
    }
}
