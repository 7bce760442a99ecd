package io.antrest.gateway.okx;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.MalformedResponseException;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.ContractListing;
import io.antrest.gateway.spi.Decimals;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.OrderType;
import io.antrest.gateway.spi.Side;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads OKX v5's answers (system time, instruments, balance, order acknowledgements and order
 * details) into antrest's value types; every number as a BigDecimal from OKX's strings. Errors
 * have been read before (readError); a body that is not the documented shape is a
 * {@link MalformedResponseException}.
 */
final class OkxParsers {
    private OkxParsers() {
    }

    /** Public Data &gt; Get system time: {@code data[0].ts}, Unix milliseconds. */
    static Instant serverTime(Response response) {
        return Instant.ofEpochMilli(millis(first(response, "GET /api/v5/public/time"), "ts", "GET /api/v5/public/time"));
    }

    /**
     * Public Data &gt; Get instruments ({@code instType=SPOT}): {@code instId}, {@code baseCcy},
     * {@code quoteCcy}, {@code tickSz}, {@code lotSz}, {@code minSz}, {@code maxLmtSz} (the
     * largest limit order), {@code state} ({@code live} trades). Spot has no settlement currency
     * ({@code settleCcy} is for derivatives): the quote currency settles. OKX publishes no maximum
     * price nor minimum notional for spot: both stay zero (none).
     */
    static List<Contract> contracts(Response response) {
        String what = "GET /api/v5/public/instruments";
        JsonNode data = data(response, what);
        ContractListing.Builder out = ContractListing.builder();
        for (JsonNode i : data) {
            out.add(() -> contract(i, what));
        }
        return out.build();
    }

    /** One instrument of {@code data}. */
    private static Contract contract(JsonNode i, String what) {
        String state = text(i, "state", what);
        String quote = text(i, "quoteCcy", what);
        String settle = i.path("settleCcy").asText("");
        return Contract.builder(OkxProvider.NAME, text(i, "instId", what))
                .baseAsset(text(i, "baseCcy", what))
                .quoteAsset(quote)
                .settlementCurrency(settle.isEmpty() ? quote : settle)
                .tickSize(decimal(i, "tickSz", what))
                .lotSize(decimal(i, "lotSz", what))
                .minQuantity(decimalOrZero(i, "minSz", what))
                .maxQuantity(decimalOrZero(i, "maxLmtSz", what))
                .status(state, state.equals("live"))
                .type(i.path("instType").asText("SPOT"))
                .build();
    }

    /**
     * Trading Account &gt; Get balance: {@code data[0].details[]}, each {@code ccy} with
     * {@code availBal} (free) and {@code frozenBal} (held by orders); an empty field is zero.
     */
    static List<Balance> balances(Response response) {
        String what = "GET /api/v5/account/balance";
        JsonNode details = first(response, what).path("details");
        if (!details.isArray()) {
            throw malformed(what, "has no details array");
        }
        List<Balance> out = new ArrayList<>(details.size());
        for (JsonNode d : details) {
            out.add(new Balance(text(d, "ccy", what), decimalOrZero(d, "availBal", what), decimalOrZero(d, "frozenBal", what)));
        }
        return out;
    }

    /**
     * Trade &gt; Place order: OKX acknowledges with ids only ({@code ordId}, {@code clOrdId},
     * {@code ts}), so the order is the request's, accepted and not yet filled.
     */
    static Order placed(OrderRequest order, Response response) {
        String what = "POST /api/v5/trade/order";
        JsonNode item = first(response, what);
        String clOrdId = item.path("clOrdId").asText("");
        return new Order(OkxProvider.NAME, order.symbol(), text(item, "ordId", what),
                clOrdId.isEmpty() ? order.clientOrderId().orElse("") : clOrdId,
                order.side(), order.type(), OrderStatus.NEW, order.price(), order.quantity(), BigDecimal.ZERO,
                Instant.ofEpochMilli(millis(item, "ts", what)));
    }

    /**
     * Trade &gt; Get order details: {@code instId}, {@code ordId}, {@code clOrdId}, {@code side},
     * {@code ordType}, {@code state}, {@code px}, {@code sz}, {@code accFillSz}, {@code uTime}
     * (else {@code cTime}), times in Unix milliseconds.
     */
    static Order order(Response response) {
        String what = "GET /api/v5/trade/order";
        JsonNode o = first(response, what);
        String ordType = text(o, "ordType", what);
        Optional<BigDecimal> px = isNumber(o.get("px")) ? Optional.of(decimal(o, "px", what)) : Optional.empty();
        String time = o.path("uTime").asText("").isEmpty() ? "cTime" : "uTime";
        return new Order(OkxProvider.NAME, text(o, "instId", what), text(o, "ordId", what), o.path("clOrdId").asText(""),
                side(text(o, "side", what), what), ordType.equals("market") ? OrderType.MARKET : OrderType.LIMIT,
                status(text(o, "state", what)), px.filter(p -> p.signum() > 0), decimal(o, "sz", what),
                decimalOrZero(o, "accFillSz", what), Instant.ofEpochMilli(millis(o, time, what)));
    }

    /** Trade &gt; Get order details, {@code state}: live, partially_filled, filled, canceled, mmp_canceled. */
    static OrderStatus status(String state) {
        return switch (state) {
            case "live" -> OrderStatus.NEW;
            case "partially_filled" -> OrderStatus.PARTIALLY_FILLED;
            case "filled" -> OrderStatus.FILLED;
            case "canceled", "mmp_canceled" -> OrderStatus.CANCELED;
            default -> OrderStatus.UNKNOWN;
        };
    }

    private static Side side(String side, String what) {
        return switch (side) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw malformed(what, "has side " + io.antrest.core.Printable.of(side, 20) + ", neither buy nor sell");
        };
    }

    private static JsonNode data(Response response, String what) {
        JsonNode json;
        try {
            json = response.json();
        } catch (MalformedResponseException e) {
            throw new MalformedResponseException("okx " + what + " answer is not JSON: " + e.getMessage(), e);
        }
        JsonNode data = json == null ? null : json.get("data");
        if (data == null || !data.isArray()) {
            throw malformed(what, "has no data array");
        }
        return data;
    }

    private static JsonNode first(Response response, String what) {
        JsonNode data = data(response, what);
        if (data.isEmpty() || !data.get(0).isObject()) {
            throw malformed(what, "has an empty data array");
        }
        return data.get(0);
    }

    private static boolean isNumber(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode()) {
            return false;
        }
        if (v.isNumber()) {
            return true;
        }
        String t = v.asText().trim();
        if (t.isEmpty()) {
            return false;
        }
        try {
            Decimals.parse(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode() || v.asText().isEmpty()) {
            throw malformed(what, "lacks field " + field);
        }
        return v.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field, String what) {
        JsonNode v = node.get(field);
        if (!isNumber(v)) {
            throw malformed(what, "lacks numeric field " + field);
        }
        return v.isNumber() ? v.decimalValue() : Decimals.parse(v.asText());
    }

    /** A number, or zero when the field is absent or empty (OKX's "" for none); anything else is malformed. */
    private static BigDecimal decimalOrZero(JsonNode node, String field, String what) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
            return BigDecimal.ZERO;
        }
        return decimal(node, field, what);
    }

    private static long millis(JsonNode node, String field, String what) {
        String t = text(node, field, what).trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw malformed(what, "has " + field + " that is not Unix milliseconds: " + io.antrest.core.Printable.of(t, 40));
        }
    }

    private static MalformedResponseException malformed(String what, String problem) {
        return new MalformedResponseException("okx " + what + " answer " + problem);
    }
}
