package io.antrest.gateway.spi;

import java.math.BigDecimal;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An order to place: symbol, side, type, quantity, a price for limit orders, and the client
 * order id that makes it safe to look up when its answer is lost. Immutable; build with
 * {@link #limit} or {@link #market}.
 *
 * @param symbol        the exchange's symbol
 * @param side          buy or sell
 * @param type          limit or market
 * @param quantity      how much, in the base asset (BitMEX: contracts)
 * @param price         the limit price; empty for market orders
 * @param clientOrderId the caller's id; empty to let the runtime make one
 */
public record OrderRequest(String symbol, Side side, OrderType type, BigDecimal quantity, Optional<BigDecimal> price,
                           Optional<String> clientOrderId) {
    /** Checks the arguments. */
    public OrderRequest {
        requireNonNull(symbol, "symbol is null");
        requireNonNull(side, "side is null");
        requireNonNull(type, "type is null");
        requireNonNull(quantity, "quantity is null");
        requireNonNull(price, "price is null");
        requireNonNull(clientOrderId, "clientOrderId is null");
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("an order needs a symbol");
        }
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("order quantity must be positive, was " + quantity.toPlainString());
        }
        if (type == OrderType.LIMIT && price.isEmpty()) {
            throw new IllegalArgumentException("a limit order needs a price");
        }
        if (price.isPresent() && price.get().signum() <= 0) {
            throw new IllegalArgumentException("order price must be positive, was " + price.get().toPlainString());
        }
    }

    /** A limit order. */
    public static OrderRequest limit(String symbol, Side side, BigDecimal quantity, BigDecimal price) {
        return new OrderRequest(symbol, side, OrderType.LIMIT, quantity, Optional.of(price), Optional.empty());
    }

    /** A market order. */
    public static OrderRequest market(String symbol, Side side, BigDecimal quantity) {
        return new OrderRequest(symbol, side, OrderType.MARKET, quantity, Optional.empty(), Optional.empty());
    }

    /** The same order with this client order id. */
    public OrderRequest withClientOrderId(String id) {
        return new OrderRequest(symbol, side, type, quantity, price, Optional.of(requireNonNull(id, "id is null")));
    }
}
