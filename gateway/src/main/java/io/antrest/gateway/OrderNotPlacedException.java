package io.antrest.gateway;

import io.antrest.core.RestException;
import io.antrest.gateway.spi.OrderRef;

import static java.util.Objects.requireNonNull;

/**
 * An order whose answer was lost and that the exchange certainly did not place: it was not found
 * once the exchange's acceptance window had passed (a copy of the request arriving later is
 * refused), and the gateway was told not to send it again ({@link IfNotPlaced#REPORT}). Placing
 * it again, with the same or a new client order id, cannot make a double order of this one.
 */
public class OrderNotPlacedException extends RestException {
    private final transient OrderRef order;

    /** Creates one for the order, with what was found and the lost answer's exception. */
    public OrderNotPlacedException(OrderRef order, String message, Throwable cause) {
        super(message, cause);
        this.order = requireNonNull(order, "order is null");
    }

    /** The order, by its client order id. */
    public OrderRef order() {
        return order;
    }
}
