package io.antrest.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.MalformedResponseException;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.ContractListing;
import io.antrest.gateway.spi.Decimals;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.OrderType;
import io.antrest.gateway.spi.Side;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads Binance's answers (exchange info, server time, account, orders) into antrest's value types; numbers as BigDecimal. */
final class BinanceParsers {
    private BinanceParsers() {
    }

    static Instant serverTime(Response response) {
        JsonNode t = object(response, "GET /api/v3/time").path("serverTime");
        if (!t.canConvertToLong()) {
            throw malformed("GET /api/v3/time", "has no serverTime");
        }
        return Instant.ofEpochMilli(t.asLong());
    }

    /**
     * One entry of exchangeInfo's {@code rateLimits}: {@code {"rateLimitType":"REQUEST_WEIGHT",
     * "interval":"MINUTE","intervalNum":1,"limit":6000}} (enums.md, "Rate limiters (rateLimitType)").
     */
    record StatedLimit(String type, String interval, int intervalNum, int limit) {
    }

    /**
     * The well-formed entries of exchangeInfo's {@code rateLimits} with a limit of at least 1; none
     * when the answer has no such array. Never throws: a limit is no reason to refuse the contracts.
     */
    static List<StatedLimit> statedLimits(Response response) {
        JsonNode json;
        try {
            json = response.json();
        } catch (RuntimeException notJson) {
            return List.of();
        }
        JsonNode limits = json == null ? null : json.path("rateLimits");
        if (limits == null || !limits.isArray()) {
            return List.of();
        }
        List<StatedLimit> out = new ArrayList<>(limits.size());
        for (JsonNode l : limits) {
            JsonNode type = l.path("rateLimitType");
            JsonNode interval = l.path("interval");
            JsonNode num = l.path("intervalNum");
            JsonNode limit = l.path("limit");
            if (type.isTextual() && interval.isTextual() && num.canConvertToInt() && limit.canConvertToLong()
                    && limit.asLong() >= 1) {
                out.add(new StatedLimit(type.asText(), interval.asText(), num.asInt(),
                        (int) Math.min(Integer.MAX_VALUE, limit.asLong())));
            }
        }
        return out;
    }

    static List<Contract> contracts(Response response) {
        JsonNode symbols = object(response, "GET /api/v3/exchangeInfo").path("symbols");
        if (!symbols.isArray()) {
            throw malformed("GET /api/v3/exchangeInfo", "has no symbols array");
        }
        ContractListing.Builder out = ContractListing.builder();
        for (JsonNode s : symbols) {
            out.add(() -> contract(s));
        }
        return out.build();
    }

    /** One entry of exchangeInfo's {@code symbols}. */
    private static Contract contract(JsonNode s) {
        String quote = text(s, "quoteAsset");
        String status = text(s, "status");
        Contract.Builder c = Contract.builder(BinanceProvider.NAME, text(s, "symbol")).baseAsset(text(s, "baseAsset"))
                .quoteAsset(quote).settlementCurrency(quote).tickSize(BigDecimal.ZERO).lotSize(BigDecimal.ZERO)
                .status(status, "TRADING".equals(status)).type("SPOT");
        // Binance spot API docs, "Filters": PRICE_FILTER (minPrice, maxPrice, tickSize), LOT_SIZE (minQty,
        // maxQty, stepSize), NOTIONAL / MIN_NOTIONAL (minNotional). A 0 maxPrice means "no limit" there too. A 0
        // tickSize ("rule disabled" there) or a missing filter is no step a Contract can hold: the symbol is left out.
        for (JsonNode f : s.path("filters")) {
            switch (f.path("filterType").asText()) {
                case "PRICE_FILTER" -> c.tickSize(decimal(f, "tickSize")).maxPrice(decimal(f, "maxPrice"));
                case "LOT_SIZE" -> c.lotSize(decimal(f, "stepSize")).minQuantity(decimal(f, "minQty"))
                        .maxQuantity(decimal(f, "maxQty"));
                case "NOTIONAL", "MIN_NOTIONAL" -> c.minNotional(decimal(f, "minNotional"));
                default -> {
                    // other filters (PERCENT_PRICE, ICEBERG_PARTS…) are not part of a Contract
                }
            }
        }
        return c.build();
    }

    static List<Balance> balances(Response response) {
        JsonNode balances = object(response, "GET /api/v3/account").path("balances");
        if (!balances.isArray()) {
            throw malformed("GET /api/v3/account", "has no balances array");
        }
        List<Balance> out = new ArrayList<>(balances.size());
        for (JsonNode b : balances) {
            out.add(new Balance(text(b, "asset"), decimal(b, "free"), decimal(b, "locked")));
        }
        return out;
    }

    /**
     * An order from the answer to a new order (RESULT or FULL), a query or a cancel. A cancel's
     * {@code clientOrderId} is the cancel's own id, so the order's is read from {@code origClientOrderId}.
     */
    static Order order(Response response) {
        JsonNode o = object(response, "order answer");
        String clientOrderId = o.hasNonNull("origClientOrderId") ? text(o, "origClientOrderId") : text(o, "clientOrderId");
        if (!o.has("status")) {
            throw malformed("order answer", "has no status: ask for newOrderRespType=RESULT");
        }
        String type = text(o, "type");
        BigDecimal price = o.hasNonNull("price") ? decimal(o, "price") : BigDecimal.ZERO;
        return new Order(BinanceProvider.NAME, text(o, "symbol"), o.path("orderId").asText(), clientOrderId,
                "SELL".equals(text(o, "side")) ? Side.SELL : Side.BUY,
                type.contains("LIMIT") ? OrderType.LIMIT : OrderType.MARKET,
                status(text(o, "status")),
                price.signum() > 0 ? Optional.of(price) : Optional.empty(),
                decimal(o, "origQty"), decimal(o, "executedQty"), time(o));
    }

    static OrderStatus status(String s) {
        return switch (s) {
            case "NEW", "PENDING_NEW" -> OrderStatus.NEW;
            case "PARTIALLY_FILLED" -> OrderStatus.PARTIALLY_FILLED;
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELED", "PENDING_CANCEL" -> OrderStatus.CANCELED;
            case "REJECTED" -> OrderStatus.REJECTED;
            case "EXPIRED", "EXPIRED_IN_MATCH" -> OrderStatus.EXPIRED;
            default -> OrderStatus.UNKNOWN;
        };
    }

    /** The latest of the times Binance gives (update, transaction, creation), epoch ms in UTC. */
    private static Instant time(JsonNode o) {
        for (String field : new String[] {"updateTime", "transactTime", "time", "workingTime"}) {
            if (o.path(field).canConvertToLong()) {
                return Instant.ofEpochMilli(o.get(field).asLong());
            }
        }
        throw malformed("order answer", "has no time (updateTime, transactTime or time)");
    }

    private static JsonNode object(Response response, String what) {
        JsonNode json = response.json();
        if (json == null || !json.isObject()) {
            throw malformed(what, "is not a JSON object");
        }
        return json;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw malformed("Binance answer", "lacks field " + field);
        }
        return v.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw malformed("Binance answer", "lacks field " + field);
        }
        try {
            return v.isNumber() ? v.decimalValue() : Decimals.parse(v.asText());
        } catch (NumberFormatException e) {
            throw malformed("Binance answer", "has a field " + field + " that is " + e.getMessage());
        }
    }

    private static MalformedResponseException malformed(String what, String problem) {
        return new MalformedResponseException("binance " + what + " " + problem);
    }
}
