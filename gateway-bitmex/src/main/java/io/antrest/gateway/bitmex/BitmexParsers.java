package io.antrest.gateway.bitmex;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.MalformedResponseException;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.ContractListing;
import io.antrest.gateway.spi.Decimals;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.ExchangeException;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.OrderType;
import io.antrest.gateway.spi.Side;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads BitMEX's answers (instruments, margin, orders) into antrest's value types; numbers as BigDecimal. */
final class BitmexParsers {
    private BitmexParsers() {
    }

    /**
     * Contracts from {@code GET /instrument/active}. Entries without a tick or lot size (indices,
     * which cannot be traded) are left out.
     */
    static List<Contract> contracts(Response response) {
        JsonNode list = response.json();
        if (list == null || !list.isArray()) {
            throw malformed("GET /instrument/active", "is not a JSON array");
        }
        ContractListing.Builder out = ContractListing.builder();
        for (JsonNode i : list) {
            if (isNumber(i.get("tickSize")) && isNumber(i.get("lotSize"))) {
                out.add(() -> contract(i));
            }
        }
        return out.build();
    }

    /** One instrument that has a tick and a lot size. */
    private static Contract contract(JsonNode i) {
        String state = text(i, "state");
        BigDecimal lot = decimal(i, "lotSize");
        String settlement = i.path("settlCurrency").isTextual() ? i.get("settlCurrency").asText() : "";
        // BitMEX API explorer, Instrument: an order is a whole number of lots (so one lot is the
        // least), at most maxOrderQty, at a price up to maxPrice; settlCurrency is what it settles in.
        return Contract.builder(BitmexProvider.NAME, text(i, "symbol")).baseAsset(text(i, "underlying"))
                .quoteAsset(text(i, "quoteCurrency")).settlementCurrency(settlement).tickSize(decimal(i, "tickSize"))
                .lotSize(lot).minQuantity(lot).maxQuantity(decimalOrZero(i, "maxOrderQty"))
                .maxPrice(decimalOrZero(i, "maxPrice")).status(state, "Open".equals(state)).type(text(i, "typ"))
                .build();
    }

    /**
     * Balances from {@code GET /user/margin} (one object, or an array for {@code currency=all}), in
     * each currency's own unit ({@code XBt} satoshis, {@code USDt} millionths): free is
     * {@code availableMargin}; locked is {@code initMargin + maintMargin}, the margin that open
     * orders and positions hold (never negative, unlike walletBalance - availableMargin, which
     * unrealised profit can push below zero).
     */
    static List<Balance> balances(Response response) {
        JsonNode json = response.json();
        if (json == null || !(json.isArray() || json.isObject())) {
            throw malformed("GET /user/margin", "is neither a JSON object nor an array");
        }
        List<Balance> out = new ArrayList<>();
        for (JsonNode m : json.isArray() ? json : List.of(json)) {
            BigDecimal locked = decimalOrZero(m, "initMargin").add(decimalOrZero(m, "maintMargin"));
            out.add(new Balance(text(m, "currency"), decimal(m, "availableMargin"), locked));
        }
        return out;
    }

    /**
     * An order from the answer to a new order (an object), a cancel or a query (arrays: the first
     * element).
     *
     * @throws ExchangeException NOT_FOUND when the array is empty (no order matched the query)
     */
    static Order order(Response response) {
        JsonNode json = response.json();
        JsonNode o;
        if (json != null && json.isArray()) {
            if (json.isEmpty()) {
                throw new ExchangeError(ErrorKind.NOT_FOUND, response.status(), "", "no order matches", Optional.empty())
                        .toException(BitmexProvider.NAME, "order lookup");
            }
            o = json.get(0);
        } else {
            o = json;
        }
        if (o == null || !o.isObject()) {
            throw malformed("order answer", "is not a JSON object");
        }
        String ordType = text(o, "ordType");
        Optional<BigDecimal> price = isNumber(o.get("price")) ? Optional.of(decimal(o, "price")) : Optional.empty();
        return new Order(BitmexProvider.NAME, text(o, "symbol"), text(o, "orderID"),
                o.hasNonNull("clOrdID") ? o.get("clOrdID").asText() : "",
                "Sell".equals(text(o, "side")) ? Side.SELL : Side.BUY,
                ordType.contains("Limit") ? OrderType.LIMIT : OrderType.MARKET,
                status(text(o, "ordStatus")),
                price.filter(p -> p.signum() > 0),
                decimal(o, "orderQty"), decimalOrZero(o, "cumQty"), timestamp(o));
    }

    static OrderStatus status(String s) {
        return switch (s) {
            case "New", "PendingNew", "Untriggered", "Triggered" -> OrderStatus.NEW;
            case "PartiallyFilled" -> OrderStatus.PARTIALLY_FILLED;
            case "Filled" -> OrderStatus.FILLED;
            case "Canceled", "PendingCancel" -> OrderStatus.CANCELED;
            case "Rejected" -> OrderStatus.REJECTED;
            case "Expired" -> OrderStatus.EXPIRED;
            default -> OrderStatus.UNKNOWN;
        };
    }

    private static Instant timestamp(JsonNode o) {
        String t = o.hasNonNull("timestamp") ? o.get("timestamp").asText() : o.path("transactTime").asText("");
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw malformed("order answer", "has a timestamp that is not ISO-8601: " + t);
        }
    }

    private static boolean isNumber(JsonNode v) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isNumber()) {
            return true;
        }
        try {
            Decimals.parse(v.asText());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw malformed("BitMEX answer", "lacks field " + field);
        }
        return v.asText();
    }

    private static BigDecimal decimalOrZero(JsonNode node, String field) {
        return isNumber(node.get(field)) ? decimal(node, field) : BigDecimal.ZERO;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (!isNumber(v)) {
            throw malformed("BitMEX answer", "lacks numeric field " + field);
        }
        return v.isNumber() ? v.decimalValue() : Decimals.parse(v.asText());
    }

    private static MalformedResponseException malformed(String what, String problem) {
        return new MalformedResponseException("bitmex " + what + " " + problem);
    }
}
