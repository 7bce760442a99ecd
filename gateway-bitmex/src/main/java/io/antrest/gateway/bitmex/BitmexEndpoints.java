package io.antrest.gateway.bitmex;

import io.antrest.core.Request;

import java.util.Set;

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
     * The routes BitMEX also limits per second, as "METHOD path" (BitMEX REST API docs, "Limits":
     * "10 requests per second on certain routes"; the BitMEX blog, "Second Layer Rate Limits", lists
     * them). POST /order/closePosition and /order/cancelAllAfter are not among them.
     */
    private static final Set<String> ORDER_ROUTES = Set.of("POST /order", "PUT /order", "DELETE /order",
            "POST /order/bulk", "PUT /order/bulk", "DELETE /order/all", "POST /position/isolate",
            "POST /position/leverage", "POST /position/transferMargin");

    /** Whether the request is on one of BitMEX's order routes, which it also limits per second. */
    static boolean isOrderRoute(Request request) {
        return ORDER_ROUTES.contains(request.method().name() + " " + request.path());
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
