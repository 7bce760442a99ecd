package io.antrest.gateway.okx;

import com.fasterxml.jackson.core.JsonGenerator;
import io.antrest.core.Body;
import io.antrest.core.Json;
import io.antrest.core.Request;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderType;
import io.antrest.gateway.spi.Side;
import io.antrest.gateway.spi.TradingApi;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * OKX v5 spot's balance and order calls. Place and cancel send a JSON body (numbers as strings,
 * as OKX writes them), signed exactly as sent; the order query names the order in the query
 * string. Spot orders trade in {@code cash} mode; a market order gives its size in the base
 * currency ({@code tgtCcy=base_ccy}: without it OKX reads a market buy's {@code sz} in the quote
 * currency).
 */
final class OkxTrading implements TradingApi {
    private final Duration acceptanceWindow;

    /** With the time the signer gives every order placement and amendment ({@code expTime} = signing time + it). */
    OkxTrading(Duration orderExpTime) {
        this.acceptanceWindow = requireNonNull(orderExpTime, "orderExpTime is null");
    }

    /**
     * The option {@code order_exp_time_ms}: the signer sets {@code expTime} to the signing time plus
     * it on every order placement, and OKX does not process a request that arrives after its
     * {@code expTime} (Overview &gt; Transaction Timeouts: "the request will not be processed if the
     * current system time of the server is after the expTime"), answering 50036.
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
        return Request.get(OkxEndpoints.BALANCE).weight(1).build();
    }

    @Override
    public List<Balance> parseBalances(Response response) {
        return OkxParsers.balances(response);
    }

    /**
     * {@code POST /api/v5/trade/order}; never idempotent.
     *
     * @throws IllegalArgumentException when the order's client order id is not a valid OKX clOrdId
     */
    @Override
    public Request newOrder(OrderRequest order) {
        requireNonNull(order, "order is null");
        String clOrdId = ClientOrderIds.require(order.clientOrderId().orElseGet(this::newClientOrderId));
        String body = json(g -> {
            g.writeStringField("instId", order.symbol());
            g.writeStringField("tdMode", "cash");
            g.writeStringField("clOrdId", clOrdId);
            g.writeStringField("side", order.side() == Side.BUY ? "buy" : "sell");
            g.writeStringField("ordType", order.type() == OrderType.LIMIT ? "limit" : "market");
            if (order.type() == OrderType.LIMIT) {
                g.writeStringField("px", plain(order.price().orElseThrow()));
            } else {
                g.writeStringField("tgtCcy", "base_ccy");
            }
            g.writeStringField("sz", plain(order.quantity()));
        });
        return Request.post(OkxEndpoints.ORDER).body(Body.json(body)).idempotent(false).weight(1).build();
    }

    /**
     * {@code POST /api/v5/trade/cancel-order} by {@code ordId}, else {@code clOrdId}. Idempotent:
     * a second cancel of the same order changes nothing (OKX answers 51400).
     */
    @Override
    public Request cancelOrder(OrderRef ref) {
        requireNonNull(ref, "ref is null");
        String body = json(g -> {
            g.writeStringField("instId", ref.symbol());
            if (ref.orderId().isPresent()) {
                g.writeStringField("ordId", ref.orderId().get());
            } else {
                g.writeStringField("clOrdId", ref.clientOrderId().orElseThrow());
            }
        });
        return Request.post(OkxEndpoints.CANCEL_ORDER).body(Body.json(body)).idempotent(true).weight(1).build();
    }

    /** {@code GET /api/v5/trade/order?instId=...&ordId=...} (or {@code clOrdId}). */
    @Override
    public Request queryOrder(OrderRef ref) {
        requireNonNull(ref, "ref is null");
        Request.Builder b = Request.get(OkxEndpoints.ORDER).param("instId", ref.symbol());
        if (ref.orderId().isPresent()) {
            b.param("ordId", ref.orderId().get());
        } else {
            b.param("clOrdId", ref.clientOrderId().orElseThrow());
        }
        return b.weight(1).build();
    }

    /** OKX acknowledges a new order with its ids only: the order is built from the request and them. */
    @Override
    public Order parseNewOrder(OrderRequest order, Response response) {
        return OkxParsers.placed(order, response);
    }

    /** OKX acknowledges a cancel with ids only: empty, so that the runtime looks the order up. */
    @Override
    public Optional<Order> parseCancel(OrderRef ref, Response response) {
        return Optional.empty();
    }

    @Override
    public Order parseQuery(OrderRef ref, Response response) {
        return OkxParsers.order(response);
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    /** Writes the fields of one JSON object. */
    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(Fields fields) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing an OKX request body as JSON failed", e);
        }
        return out.toString();
    }
}
