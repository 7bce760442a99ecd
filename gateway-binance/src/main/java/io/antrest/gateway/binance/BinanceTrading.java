package io.antrest.gateway.binance;

import io.antrest.core.Request;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderType;
import io.antrest.gateway.spi.TradingApi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Binance spot's account and order calls. Parameters go in the query string (Binance reads them
 * there for every method), unsigned: the signer adds {@code recvWindow}, {@code timestamp} and
 * {@code signature} on every attempt.
 */
final class BinanceTrading implements TradingApi {
    private final Duration acceptanceWindow;

    /** With the {@code recvWindow} the signer puts on every order request. */
    BinanceTrading(Duration recvWindow) {
        this.acceptanceWindow = requireNonNull(recvWindow, "recvWindow is null");
    }

    /**
     * The {@code recvWindow} signed with every order request (option {@code recv_window}): Binance
     * rejects a request whose {@code serverTime - timestamp} exceeds it, at receipt and again just
     * before it is forwarded to the matching engine (rest-api.md, "Timing security"; CHANGELOG
     * 2025-05-22), answering -1021 "Timestamp for this request is outside of the recvWindow.". That
     * check "does not cover potential delays inside the Matching Engine itself" (CHANGELOG).
     */
    @Override
    public Optional<Duration> orderAcceptanceWindow() {
        return Optional.of(acceptanceWindow);
    }

    @Override
    public String newClientOrderId() {
        return ClientOrderIds.next();
    }

    @Override
    public Request account() {
        return Request.get(BinanceEndpoints.ACCOUNT).weight(20).build();
    }

    @Override
    public List<Balance> parseBalances(Response response) {
        return BinanceParsers.balances(response);
    }

    /** A LIMIT GTC or MARKET order, answered with {@code newOrderRespType=RESULT}; never idempotent. */
    @Override
    public Request newOrder(OrderRequest order) {
        requireNonNull(order, "order is null");
        Request.Builder b = Request.post(BinanceEndpoints.ORDER)
                .param("symbol", order.symbol())
                .param("side", order.side().name())
                .param("type", order.type().name());
        if (order.type() == OrderType.LIMIT) {
            b.param("timeInForce", "GTC");
        }
        b.param("quantity", order.quantity());
        order.price().ifPresent(p -> b.param("price", p));
        return b.param("newClientOrderId", order.clientOrderId().orElseGet(this::newClientOrderId))
                .param("newOrderRespType", "RESULT")
                .idempotent(false)
                .weight(1)
                .build();
    }

    @Override
    public Request cancelOrder(OrderRef ref) {
        return byRef(Request.delete(BinanceEndpoints.ORDER), ref).weight(1).build();
    }

    @Override
    public Request queryOrder(OrderRef ref) {
        return byRef(Request.get(BinanceEndpoints.ORDER), ref).weight(4).build();
    }

    private static Request.Builder byRef(Request.Builder b, OrderRef ref) {
        requireNonNull(ref, "ref is null");
        b.param("symbol", ref.symbol());
        ref.orderId().ifPresent(id -> b.param("orderId", id));
        ref.clientOrderId().ifPresent(id -> b.param("origClientOrderId", id));
        return b;
    }

    /** Binance answers a new order with the whole order (newOrderRespType RESULT). */
    @Override
    public Order parseNewOrder(OrderRequest order, Response response) {
        return BinanceParsers.order(response);
    }

    /** Binance answers a cancel with the whole order as cancelled. */
    @Override
    public Optional<Order> parseCancel(OrderRef ref, Response response) {
        return Optional.of(BinanceParsers.order(response));
    }

    @Override
    public Order parseQuery(OrderRef ref, Response response) {
        return BinanceParsers.order(response);
    }
}
