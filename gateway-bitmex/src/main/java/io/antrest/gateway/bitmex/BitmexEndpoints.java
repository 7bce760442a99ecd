package io.antrest.gateway.bitmex;

import io.antrest.core.Method;
import io.antrest.core.Request;

/** BitMEX's REST paths under {@code /api/v1} as antrest uses them, and which of them need a key. */
final class BitmexEndpoints {
    static final String INSTRUMENT = "/instrument";
    static final String INSTRUMENT_ACTIVE = "/instrument/active";
    static final String MARGIN = "/user/margin";
    static final String ORDER = "/order";

    private BitmexEndpoints() {
    }

    /** Whether BitMEX answers this path only to an authenticated request (account, orders, positions…). */
    static boolean isPrivate(String path) {
        return under(path, "/order") || under(path, "/user") || under(path, "/position") || under(path, "/execution")
                || under(path, "/apiKey") || under(path, "/wallet") || under(path, "/address")
                || path.equals("/leaderboard/name");
    }

    /**
     * Whether the request is on an order route, which BitMEX also limits per second (BitMEX REST API
     * docs, "Limits": the order placement, amendment and cancellation routes, i.e. POST, PUT and
     * DELETE under /order, /order/bulk, /order/all and the like).
     */
    static boolean isOrderRoute(Request request) {
        return request.method() != Method.GET && under(request.path(), ORDER);
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
