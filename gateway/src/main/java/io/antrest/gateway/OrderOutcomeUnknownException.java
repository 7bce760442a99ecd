package io.antrest.gateway;

import io.antrest.core.OutcomeUnknownException;
import io.antrest.gateway.spi.OrderRef;

import static java.util.Objects.requireNonNull;

/**
 * An order may or may not have been placed (or a cancel taken effect): its answer was lost, and
 * the gateway could not tell by looking it up within {@code gateway.NAME.resolve-within}, or was
 * told not to look ({@code resolve-unknown = false}). The message says what was tried.
 * {@link #order()} names it by its client order id, so that {@link Gateway#queryOrder} can tell
 * before it is placed again.
 */
public class OrderOutcomeUnknownException extends OutcomeUnknownException {
    private final transient OrderRef order;

    /** Creates one for an order and the engine's exception. */
    public OrderOutcomeUnknownException(OrderRef order, OutcomeUnknownException cause) {
        super(cause.getMessage() + " (" + describe(order) + ")", cause);
        this.order = requireNonNull(order, "order is null");
    }

    /** Creates one for an order with the whole message, and the lost answer's exception as the cause. */
    public OrderOutcomeUnknownException(OrderRef order, String message, Throwable cause) {
        super(message, cause);
        this.order = requireNonNull(order, "order is null");
    }

    /** The order, by its client order id. */
    public OrderRef order() {
        return order;
    }

    /** "client order id X" or "order id N", as the reference has it. */
    static String describe(OrderRef order) {
        return order.clientOrderId().map(id -> "client order id " + id).orElseGet(() -> "order id " + order.orderId().orElse("?"));
    }
}
