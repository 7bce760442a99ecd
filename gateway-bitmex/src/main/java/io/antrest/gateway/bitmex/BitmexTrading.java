package io.antrest.gateway.bitmex;

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
 * BitMEX's margin and order calls. A new order and a cancel are JSON bodies (swagger.json declares
 * their parameters {@code formData}, and the API takes JSON or a form: "consumes"
 * application/json, application/x-www-form-urlencoded), signed exactly as sent; a query names the
 * order in its {@code filter} query parameter (GET /order: {@code in: query}).
 */
final class BitmexTrading implements TradingApi {
    private final Duration acceptanceWindow;

    /** With how far ahead, in seconds, the signer sets {@code api-expires}. */
    BitmexTrading(long expiresWindowSeconds) {
        if (expiresWindowSeconds < 1) {
            throw new IllegalArgumentException("expiresWindowSeconds must be at least 1, was " + expiresWindowSeconds);
        }
        // the second api-expires names is counted in: see orderAcceptanceWindow()
        this.acceptanceWindow = Duration.ofSeconds(expiresWindowSeconds + 1);
    }

    /**
     * The option {@code expires_window_seconds} plus one second. api-expires is "A UNIX timestamp
     * after which the request is no longer valid [...] compared against our system time before
     * reaching the trading engine" (API Keys Usage), in whole seconds: the signer sets it to the
     * signing second plus the option, and BitMEX, which reads its own time in whole seconds too
     * ("`expires` is in the past. Current time: N"), may still take the request during the second
     * it names. BitMEX adds that the check "cannot be used as a mechanism to cancel submission of an
     * order that is waiting in queue to be processed".
     */
    @Override
    public Optional<Duration> orderAcceptanceWindow() {
        return Optional.of(acceptanceWindow);
    }

    @Override
    public String newClientOrderId() {
        return ClientOrderIds.next();
    }

    /** Every currency's margin ({@code currency=all}). */
    @Override
    public Request account() {
        return Request.get(BitmexEndpoints.MARGIN).param("currency", "all").build();
    }

    @Override
    public List<Balance> parseBalances(Response response) {
        return BitmexParsers.balances(response);
    }

    @Override
    public Request newOrder(OrderRequest order) {
        requireNonNull(order, "order is null");
        String clOrdID = order.clientOrderId().orElseGet(this::newClientOrderId);
        if (clOrdID.length() > 36) {
            throw new IllegalArgumentException("a BitMEX clOrdID has at most 36 characters, was " + clOrdID.length());
        }
        requireWholeContracts(order.quantity());
        StringWriter out = new StringWriter(160);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("symbol", order.symbol());
            g.writeStringField("side", order.side() == Side.BUY ? "Buy" : "Sell");
            g.writeFieldName("orderQty");
            g.writeNumber(plain(order.quantity()));
            if (order.price().isPresent()) {
                g.writeFieldName("price");
                g.writeNumber(plain(order.price().get()));
            }
            g.writeStringField("ordType", order.type() == OrderType.LIMIT ? "Limit" : "Market");
            g.writeStringField("clOrdID", clOrdID);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a BitMEX order as JSON failed", e);
        }
        return Request.post(BitmexEndpoints.ORDER).body(Body.json(out.toString())).idempotent(false).weight(1).build();
    }

    /**
     * BitMEX counts an order in whole contracts: swagger.json, POST /order, {@code orderQty} is
     * {@code "type": "integer", "format": "int32"}, and BitMEX refuses a fraction ("Invalid orderQty").
     * Refused here, before anything is sent, with what to do instead.
     */
    private static void requireWholeContracts(BigDecimal quantity) {
        BigDecimal whole = quantity.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw new IllegalArgumentException("a BitMEX order quantity is a whole number of contracts (orderQty is an"
                    + " integer), not " + quantity.toPlainString() + ": round it to a whole number, a multiple of the"
                    + " instrument's lot size (the contract's lotSize)");
        }
        if (whole.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("a BitMEX order quantity is at most " + Integer.MAX_VALUE
                    + " contracts (orderQty is a 32-bit integer), not " + quantity.toPlainString()
                    + ": split the order, and keep each part within the contract's maxOrderQty");
        }
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    /** {@code DELETE /order} with the orderID (or clOrdID) in a JSON body: swagger.json declares both {@code in: formData}. */
    @Override
    public Request cancelOrder(OrderRef ref) {
        requireNonNull(ref, "ref is null");
        return Request.delete(BitmexEndpoints.ORDER).body(Body.json(naming(ref))).weight(1).build();
    }

    /** {@code GET /order} filtered by orderID (or clOrdID), newest first, one answer. */
    @Override
    public Request queryOrder(OrderRef ref) {
        requireNonNull(ref, "ref is null");
        Request.Builder b = Request.get(BitmexEndpoints.ORDER);
        if (!ref.symbol().isBlank()) {
            b.param("symbol", ref.symbol());
        }
        return b.param("filter", naming(ref)).param("count", "1").param("reverse", "true").weight(1).build();
    }

    /** {@code {"orderID":"..."}}, or {@code {"clOrdID":"..."}} when the reference has no order id. */
    private static String naming(OrderRef ref) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            if (ref.orderId().isPresent()) {
                g.writeStringField("orderID", ref.orderId().get());
            } else {
                g.writeStringField("clOrdID", ref.clientOrderId().orElseThrow());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a BitMEX order reference as JSON failed", e);
        }
        return out.toString();
    }

    @Override
    public Order parseNewOrder(OrderRequest order, Response response) {
        return BitmexParsers.order(response);
    }

    /** BitMEX answers a cancel with the cancelled orders, whole. */
    @Override
    public Optional<Order> parseCancel(OrderRef ref, Response response) {
        return Optional.of(BitmexParsers.order(response));
    }

    @Override
    public Order parseQuery(OrderRef ref, Response response) {
        return BitmexParsers.order(response);
    }
}
