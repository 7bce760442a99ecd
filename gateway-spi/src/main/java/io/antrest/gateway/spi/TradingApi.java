package io.antrest.gateway.spi;

import io.antrest.core.Request;
import io.antrest.core.Response;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The typed trading calls of an exchange: each builds the request (unsigned: the runtime signs it
 * per attempt) and reads the answer into antrest's value types. Every parser is given what its
 * request was made from, so that an exchange that answers with ids only (OKX) still yields the
 * whole order, without the plugin keeping any state. Errors are not a parser's business: the
 * runtime has already read every answer with {@link Exchange#readError} before a parser sees it.
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

    /** Reads the order placed by {@code order} from the answer to {@link #newOrder}. */
    Order parseNewOrder(OrderRequest order, Response response);

    /** The request that cancels an order. */
    Request cancelOrder(OrderRef ref);

    /**
     * Reads the cancelled order from the answer to {@link #cancelOrder}; empty when the exchange
     * acknowledges with ids only, in which case the runtime looks the order up with
     * {@link #queryOrder} (by the order id the answer gave, or {@code ref}) and returns that.
     */
    Optional<Order> parseCancel(OrderRef ref, Response response);

    /** The request that looks an order up. */
    Request queryOrder(OrderRef ref);

    /** Reads the order from the answer to {@link #queryOrder}. */
    Order parseQuery(OrderRef ref, Response response);

    /**
     * How long after an order request is signed the exchange may still accept it: a copy of the
     * request that reaches the exchange later is refused, whatever became of the connection that
     * carried it (Binance: {@code recvWindow} from the signed {@code timestamp}; BitMEX: the
     * signed {@code api-expires}; OKX: the {@code expTime} header). The runtime uses it to tell an
     * order whose answer was lost and that is not found once this window has passed as certainly
     * not placed. Empty (the default) when the exchange sets no such bound: such an order is then
     * never called not placed, only found or still unknown.
     */
    default Optional<Duration> orderAcceptanceWindow() {
        return Optional.empty();
    }
}
