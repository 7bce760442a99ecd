package io.antrest.gateway;

import io.antrest.core.OutcomeUnknownException;
import io.antrest.gateway.spi.OrderRef;

import static java.util.Objects.requireNonNull;

/**
 * An order may or may not have been placed: its answer was lost. {@link #order()} names it by
 * its client order id, so that {@link Gateway#queryOrder} can tell before it is placed again.
 */
public class OrderOutcomeUnknownException extends OutcomeUnknownException {
    private final transient OrderRef order;

    /** Creates one for an order and the engine's exception. */
    public OrderOutcomeUnknownException(OrderRef order, OutcomeUnknownException cause) {
        super(cause.getMessage() + " (client order id " + order.clientOrderId().orElse("?") + ")", cause);
        this.order = requireNonNull(order, "order is null");
    }

    /** The order, by its client order id. */
    public OrderRef order() {
        return order;
    }
}
