package io.antrest.gateway.binance;

import io.antrest.core.Method;
import io.antrest.core.Request;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Binance spot's REST endpoints as its documentation gives them: each one's security type (which
 * decides whether it is signed), its request weight (some by their parameters) and how many
 * orders it adds to the unfilled order count.
 *
 * <p>Source: binance/binance-spot-api-docs, {@code rest-api.md} at commit a5e0bc3 (2026-07-21),
 * each endpoint's own section ("Weight", "Unfilled Order Count", the security type in its title);
 * "Request Security": "Except for NONE, all endpoints with a security type are considered SIGNED".
 * The retired listenKey endpoints ({@code /api/v3/userDataStream}, security type USER_STREAM)
 * follow the {@code rest-api.md} of 2025-10-23 (commit cb8238b): "This request does not require
 * signature", the API key only. The table test {@code binance-spot-endpoints.tsv} lists every row.
 */
final class BinanceEndpoints {
    static final String PING = "/api/v3/ping";
    static final String TIME = "/api/v3/time";
    static final String EXCHANGE_INFO = "/api/v3/exchangeInfo";
    static final String ACCOUNT = "/api/v3/account";
    static final String ORDER = "/api/v3/order";

    /** The security types of rest-api.md, "Request Security". */
    enum Security {
        /** Public market data: no API key, no signature. */
        NONE,
        /** Placing and cancelling orders: signed. */
        TRADE,
        /** Account information, order status, trade history: signed. */
        USER_DATA,
        /** The listenKey endpoints of the user data stream: the API key, no signature. */
        USER_STREAM
    }

    /** One documented endpoint: its security type, its weight and the orders it adds to the unfilled order count. */
    private record Endpoint(Security security, ToIntFunction<Request> weight, int orders) {
    }

    /** What the signer does with a request. */
    enum Signing {
        /** Nothing: a public request goes as it is. */
        NONE,
        /** The API key header, no signature (USER_STREAM). */
        KEY_ONLY,
        /** recvWindow, timestamp, signature and the API key (TRADE, USER_DATA, /sapi/, the marker header). */
        SIGNED
    }

    /** By method, then path: looked up on every request's signing and costing, without building a key. */
    private static final Map<Method, Map<String, Endpoint>> ENDPOINTS = table();
    /**
     * A security type of each documented path, for a method the docs do not give it with: every
     * method of a path is signed or none is (order: TRADE to place and cancel, USER_DATA to query).
     */
    private static final Map<String, Security> SECURITY_BY_PATH = securityByPath();

    private BinanceEndpoints() {
    }

    private static Map<Method, Map<String, Endpoint>> table() {
        Map<Method, Map<String, Endpoint>> t = new EnumMap<>(Method.class);
        // General endpoints
        add(t, "GET", PING, Security.NONE, fixed(1), 0);
        add(t, "GET", TIME, Security.NONE, fixed(1), 0);
        add(t, "GET", EXCHANGE_INFO, Security.NONE, fixed(20), 0);
        add(t, "GET", "/api/v3/executionRules", Security.NONE, BinanceEndpoints::executionRulesWeight, 0);
        // Market data endpoints
        add(t, "GET", "/api/v3/depth", Security.NONE, BinanceEndpoints::depthWeight, 0);
        add(t, "GET", "/api/v3/trades", Security.NONE, fixed(25), 0);
        add(t, "GET", "/api/v3/historicalTrades", Security.NONE, fixed(25), 0);
        add(t, "GET", "/api/v3/historicalBlockTrades", Security.NONE, fixed(25), 0);
        add(t, "GET", "/api/v3/aggTrades", Security.NONE, fixed(4), 0);
        add(t, "GET", "/api/v3/klines", Security.NONE, fixed(2), 0);
        add(t, "GET", "/api/v3/uiKlines", Security.NONE, fixed(2), 0);
        add(t, "GET", "/api/v3/avgPrice", Security.NONE, fixed(2), 0);
        add(t, "GET", "/api/v3/ticker/24hr", Security.NONE, BinanceEndpoints::ticker24hrWeight, 0);
        add(t, "GET", "/api/v3/ticker/tradingDay", Security.NONE, BinanceEndpoints::fourPerSymbolWeight, 0);
        add(t, "GET", "/api/v3/ticker/price", Security.NONE, BinanceEndpoints::oneOrAllTickerWeight, 0);
        add(t, "GET", "/api/v3/ticker/bookTicker", Security.NONE, BinanceEndpoints::oneOrAllTickerWeight, 0);
        add(t, "GET", "/api/v3/ticker", Security.NONE, BinanceEndpoints::fourPerSymbolWeight, 0);
        add(t, "GET", "/api/v3/referencePrice", Security.NONE, fixed(2), 0);
        add(t, "GET", "/api/v3/referencePrice/calculation", Security.NONE, fixed(2), 0);
        // Trading endpoints
        add(t, "POST", ORDER, Security.TRADE, fixed(1), 1);
        add(t, "POST", "/api/v3/order/test", Security.TRADE, BinanceEndpoints::testOrderWeight, 0);
        add(t, "DELETE", ORDER, Security.TRADE, fixed(1), 0);
        add(t, "DELETE", "/api/v3/openOrders", Security.TRADE, fixed(1), 0);
        add(t, "POST", "/api/v3/order/cancelReplace", Security.TRADE, fixed(1), 1);
        add(t, "PUT", "/api/v3/order/amend/keepPriority", Security.TRADE, fixed(4), 0);
        add(t, "POST", "/api/v3/order/oco", Security.TRADE, fixed(1), 2);
        add(t, "POST", "/api/v3/orderList/oco", Security.TRADE, fixed(1), 2);
        add(t, "POST", "/api/v3/orderList/oto", Security.TRADE, fixed(1), 2);
        add(t, "POST", "/api/v3/orderList/otoco", Security.TRADE, fixed(1), 3);
        add(t, "POST", "/api/v3/orderList/opo", Security.TRADE, fixed(1), 2);
        add(t, "POST", "/api/v3/orderList/opoco", Security.TRADE, fixed(1), 3);
        add(t, "DELETE", "/api/v3/orderList", Security.TRADE, fixed(1), 0);
        add(t, "POST", "/api/v3/sor/order", Security.TRADE, fixed(1), 1);
        add(t, "POST", "/api/v3/sor/order/test", Security.TRADE, BinanceEndpoints::testOrderWeight, 0);
        // Account endpoints
        add(t, "GET", ACCOUNT, Security.USER_DATA, fixed(20), 0);
        add(t, "GET", ORDER, Security.USER_DATA, fixed(4), 0);
        add(t, "GET", "/api/v3/openOrders", Security.USER_DATA, r -> hasParam(r, "symbol") ? 6 : 80, 0);
        add(t, "GET", "/api/v3/allOrders", Security.USER_DATA, fixed(20), 0);
        add(t, "GET", "/api/v3/orderList", Security.USER_DATA, fixed(4), 0);
        add(t, "GET", "/api/v3/allOrderList", Security.USER_DATA, fixed(20), 0);
        add(t, "GET", "/api/v3/openOrderList", Security.USER_DATA, fixed(6), 0);
        add(t, "GET", "/api/v3/myTrades", Security.USER_DATA, r -> hasParam(r, "orderId") ? 5 : 20, 0);
        add(t, "GET", "/api/v3/rateLimit/order", Security.USER_DATA, fixed(40), 0);
        add(t, "GET", "/api/v3/myPreventedMatches", Security.USER_DATA, r -> hasParam(r, "preventedMatchId") ? 2 : 20, 0);
        add(t, "GET", "/api/v3/myAllocations", Security.USER_DATA, fixed(20), 0);
        add(t, "GET", "/api/v3/account/commission", Security.USER_DATA, fixed(20), 0);
        add(t, "GET", "/api/v3/order/amendments", Security.USER_DATA, fixed(4), 0);
        add(t, "GET", "/api/v3/myFilters", Security.USER_DATA, fixed(40), 0);
        // The listenKey endpoints, retired on 2026-02-20 (CHANGELOG 2026-01-21)
        add(t, "POST", "/api/v3/userDataStream", Security.USER_STREAM, fixed(2), 0);
        add(t, "PUT", "/api/v3/userDataStream", Security.USER_STREAM, fixed(2), 0);
        add(t, "DELETE", "/api/v3/userDataStream", Security.USER_STREAM, fixed(2), 0);
        t.replaceAll((method, byPath) -> Map.copyOf(byPath));
        return t;
    }

    private static void add(Map<Method, Map<String, Endpoint>> t, String method, String path, Security security,
            ToIntFunction<Request> weight, int orders) {
        t.computeIfAbsent(Method.valueOf(method), m -> new HashMap<>()).put(path, new Endpoint(security, weight, orders));
    }

    private static Map<String, Security> securityByPath() {
        Map<String, Security> out = new HashMap<>();
        ENDPOINTS.values().forEach(byPath -> byPath.forEach((path, e) -> out.put(path, e.security())));
        return Map.copyOf(out);
    }

    private static ToIntFunction<Request> fixed(int weight) {
        return r -> weight;
    }

    private static Optional<Endpoint> endpoint(Request request) {
        Map<String, Endpoint> byPath = ENDPOINTS.get(request.method());
        return Optional.ofNullable(byPath == null ? null : byPath.get(request.path()));
    }

    /** The request's security type: its documented endpoint's, else its path's, NONE for a path the table does not have. */
    static Security security(Request request) {
        return endpoint(request).map(Endpoint::security)
                .orElseGet(() -> SECURITY_BY_PATH.getOrDefault(request.path(), Security.NONE));
    }

    /**
     * What the signer does with the request: SIGNED (timestamp and signature) for a TRADE or
     * USER_DATA endpoint, any {@code /sapi/} path or a request with the marker header; KEY_ONLY for a
     * USER_STREAM endpoint; NONE otherwise. The endpoint is looked up once.
     */
    static Signing signingOf(Request request) {
        Security security = security(request);
        if (security == Security.TRADE || security == Security.USER_DATA || request.path().startsWith("/sapi/")
                || request.header(BinanceProvider.SIGNED_MARKER_HEADER).isPresent()) {
            return Signing.SIGNED;
        }
        return security == Security.USER_STREAM ? Signing.KEY_ONLY : Signing.NONE;
    }

    /**
     * How many orders the request adds to the unfilled order count (the ORDERS limits): each
     * placing endpoint's "Unfilled Order Count" (new order 1, cancel-replace 1, OCO and OTO and OPO 2,
     * OTOCO and OPOCO 3, SOR 1; test orders and amends none).
     */
    static int ordersOf(Request request) {
        return endpoint(request).map(Endpoint::orders).orElse(0);
    }

    /**
     * The request weight of a call by its endpoint's "Weight" (IP weight), by its parameters where
     * the docs say so; 1 for an endpoint the docs do not list. A successful order, cancel or order
     * list costs nothing since 2026-04-02 (CHANGELOG 2026-03-27) but a failed one its documented
     * weight, so that is what is reserved; the answer's {@code X-MBX-USED-WEIGHT-1M} corrects it.
     */
    static int weightOf(Request request) {
        return endpoint(request).map(e -> e.weight().applyAsInt(request)).orElse(1);
    }

    /** "Order book": by {@code limit} (default 100): 1-100 5, 101-500 25, 501-1000 50, 1001-5000 250 (more gives 5000). */
    private static int depthWeight(Request request) {
        int limit = request.param("limit").map(BinanceEndpoints::intOr100).orElse(100);
        if (limit <= 100) {
            return 5;
        }
        if (limit <= 500) {
            return 25;
        }
        return limit <= 1000 ? 50 : 250;
    }

    /**
     * "24hr ticker price change statistics": {@code symbol} 2; {@code symbols} 1-20 2, 21-100 40,
     * 101 or more 80; neither (every symbol) 80.
     */
    private static int ticker24hrWeight(Request request) {
        if (hasParam(request, "symbol")) {
            return 2;
        }
        int n = request.param("symbols").map(BinanceEndpoints::symbolCount).orElse(Integer.MAX_VALUE);
        if (n <= 20) {
            return 2;
        }
        return n <= 100 ? 40 : 80;
    }

    /** "Symbol price ticker" and "Symbol order book ticker": {@code symbol} 2; {@code symbols} (any) or neither 4. */
    private static int oneOrAllTickerWeight(Request request) {
        return hasParam(request, "symbol") ? 2 : 4;
    }

    /**
     * "Trading Day Ticker" and "Rolling window price change statistics": 4 for each requested
     * symbol, at most 200 ("cap at 200 once the number of symbols ... is more than 50").
     */
    private static int fourPerSymbolWeight(Request request) {
        int n = hasParam(request, "symbol") ? 1 : request.param("symbols").map(BinanceEndpoints::symbolCount).orElse(1);
        return Math.min(200, 4 * Math.max(1, n));
    }

    /** "Query Execution Rules": {@code symbol} 2; {@code symbols} 2 each, at most 40; {@code symbolStatus} or none 40. */
    private static int executionRulesWeight(Request request) {
        if (hasParam(request, "symbol")) {
            return 2;
        }
        return request.param("symbols").map(s -> Math.min(40, 2 * Math.max(1, symbolCount(s)))).orElse(40);
    }

    /** "Test new order" and "Test new order using SOR": 1, or 20 with {@code computeCommissionRates}. */
    private static int testOrderWeight(Request request) {
        return request.param("computeCommissionRates").filter(v -> "true".equalsIgnoreCase(v.trim())).isPresent() ? 20 : 1;
    }

    private static boolean hasParam(Request request, String name) {
        return request.param(name).filter(v -> !v.isBlank()).isPresent();
    }

    /** The number of symbols in a {@code symbols} value, {@code ["BTCUSDT","BNBUSDT"]}. */
    private static int symbolCount(String symbols) {
        String s = symbols.strip();
        if (s.startsWith("[")) {
            s = s.substring(1);
        }
        if (s.endsWith("]")) {
            s = s.substring(0, s.length() - 1);
        }
        int n = 0;
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                n++;
            }
        }
        return n;
    }

    private static int intOr100(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** Every endpoint of the table, as "METHOD path". */
    static Set<String> endpoints() {
        Set<String> out = new java.util.TreeSet<>();
        ENDPOINTS.forEach((method, byPath) -> byPath.keySet().forEach(path -> out.add(method + " " + path)));
        return out;
    }
}
