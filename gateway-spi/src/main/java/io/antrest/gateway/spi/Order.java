package io.antrest.gateway.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An order as the exchange reports it.
 *
 * @param exchange         the exchange's name
 * @param symbol           the symbol
 * @param orderId          the exchange's order id
 * @param clientOrderId    the client order id
 * @param side             buy or sell
 * @param type             limit or market
 * @param status           where it stands
 * @param price            the limit price, if any
 * @param quantity         the ordered quantity
 * @param executedQuantity how much was filled
 * @param time             when the exchange last changed it (UTC)
 */
public record Order(String exchange, String symbol, String orderId, String clientOrderId, Side side, OrderType type,
                    OrderStatus status, Optional<BigDecimal> price, BigDecimal quantity, BigDecimal executedQuantity,
                    Instant time) {
    /** Checks the arguments. */
    public Order {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(symbol, "symbol is null");
        requireNonNull(orderId, "orderId is null");
        requireNonNull(clientOrderId, "clientOrderId is null");
        requireNonNull(side, "side is null");
        requireNonNull(type, "type is null");
        requireNonNull(status, "status is null");
        requireNonNull(price, "price is null");
        requireNonNull(quantity, "quantity is null");
        requireNonNull(executedQuantity, "executedQuantity is null");
        requireNonNull(time, "time is null");
    }
}
