package io.antrest.gateway.binance;

import io.antrest.core.Method;
import io.antrest.core.Request;

import java.util.Set;

/**
 * Binance spot's REST endpoints as antrest uses them: which are signed (security type TRADE or
 * USER_DATA) and what each costs in request weight, from Binance's spot API documentation.
 */
final class BinanceEndpoints {
    static final String PING = "/api/v3/ping";
    static final String TIME = "/api/v3/time";
    static final String EXCHANGE_INFO = "/api/v3/exchangeInfo";
    static final String ACCOUNT = "/api/v3/account";
    static final String ORDER = "/api/v3/order";

    /** The signed endpoints under {@code /api/v3}; every {@code /sapi/} endpoint is signed too. */
    private static final Set<String> SIGNED = Set.of(
            ACCOUNT, ORDER, "/api/v3/order/test", "/api/v3/order/cancelReplace", "/api/v3/openOrders",
            "/api/v3/allOrders", "/api/v3/myTrades", "/api/v3/rateLimit/order", "/api/v3/myPreventedMatches",
            "/api/v3/myAllocations", "/api/v3/account/commission", "/api/v3/orderList", "/api/v3/orderList/oco",
            "/api/v3/orderList/oto", "/api/v3/orderList/otoco", "/api/v3/allOrderList", "/api/v3/openOrderList",
            "/api/v3/sor/order", "/api/v3/sor/order/test");

    private BinanceEndpoints() {
    }

    /** Whether the request must carry a timestamp and signature: a known signed path, any /sapi/ path, or the marker header. */
    static boolean isSigned(Request request) {
        String path = request.path();
        return SIGNED.contains(path) || path.startsWith("/sapi/")
                || request.header(BinanceProvider.SIGNED_MARKER_HEADER).isPresent();
    }

    /**
     * Whether the request places an order, counted in the ORDERS limits: a POST of a new order, or of
     * one through the smart order router (Binance spot API docs, "LIMITS": the unfilled order count
     * goes up with each new order; a test order does not count).
     */
    static boolean placesOrder(Request request) {
        return request.method() == Method.POST && (ORDER.equals(request.path()) || "/api/v3/sor/order".equals(request.path()));
    }

    /** The request weight of a call, by Binance's table (IP weight; 1 for endpoints not listed). */
    static int weightOf(Request request) {
        boolean oneSymbol = request.param("symbol").isPresent();
        switch (request.path()) {
            case PING, TIME:
                return 1;
            case "/api/v3/avgPrice", "/api/v3/klines", "/api/v3/uiKlines":
                return 2;
            case EXCHANGE_INFO, ACCOUNT, "/api/v3/allOrders", "/api/v3/myTrades", "/api/v3/account/commission",
                    "/api/v3/allOrderList", "/api/v3/rateLimit/order":
                return 20;
            case "/api/v3/ticker/price", "/api/v3/ticker/bookTicker":
                return oneSymbol ? 2 : 4;
            case "/api/v3/ticker/24hr":
                return oneSymbol ? 2 : 80;
            case "/api/v3/openOrders":
                return oneSymbol ? 6 : 80;
            case "/api/v3/trades":
                return 25;
            case "/api/v3/depth":
                return depthWeight(request);
            case ORDER:
                return request.method() == Method.GET ? 4 : 1;
            default:
                return 1;
        }
    }

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

    private static int intOr100(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
