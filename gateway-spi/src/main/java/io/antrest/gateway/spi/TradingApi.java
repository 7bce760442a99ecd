package io.antrest.gateway.spi;

import io.antrest.core.Request;
import io.antrest.core.Response;

import java.util.List;

/**
 * The typed trading calls of an exchange: each builds the request (with its weight, unsigned:
 * the runtime signs it per attempt) and reads the answer into antrest's value types.
 */
public interface TradingApi {

    /** A new client order id in the exchange's allowed form, unique enough never to collide. */
    String newClientOrderId();

    /** The request for the account's balances. */
    Request account();

    /** Reads balances from the answer to {@link #account()}. */
    List<Balance> parseBalances(Response response);

    /**
     * The request that places {@code order}, which carries its client order id (the runtime makes
     * one with {@link #newClientOrderId()} when the caller gave none). Not idempotent.
     */
    Request newOrder(OrderRequest order);

    /** The request that cancels an order. */
    Request cancelOrder(OrderRef ref);

    /** The request that looks an order up. */
    Request queryOrder(OrderRef ref);

    /** Reads the order from the answer to a new, cancel or query request. */
    Order parseOrder(Response response);
}
