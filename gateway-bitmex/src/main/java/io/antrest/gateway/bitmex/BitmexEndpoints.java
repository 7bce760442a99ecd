package io.antrest.gateway.bitmex;

import io.antrest.core.Method;
import io.antrest.core.Request;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** BitMEX's REST paths under {@code /api/v1} as antrest uses them, and which of them need a key. */
final class BitmexEndpoints {
    static final String INSTRUMENT = "/instrument";
    static final String INSTRUMENT_ACTIVE = "/instrument/active";
    static final String MARGIN = "/user/margin";
    static final String ORDER = "/order";

    private BitmexEndpoints() {
    }

    /** Roots under which every route needs a key (swagger.json: the global api-key security applies). */
    private static final List<String> PRIVATE_ROOTS = List.of("/order", "/user", "/position", "/execution", "/apiKey",
            "/address", "/userEvent", "/userAffiliates", "/globalNotification", "/announcement/urgent",
            "/leaderboard/name", "/porl/nonce");
    /** The routes under {@code /user} that swagger.json marks public ({@code "security": []}). */
    private static final Set<String> PUBLIC_USER_ROUTES = Set.of("/user/staking/tiers", "/user/cancelWithdrawal",
            "/user/confirmWithdrawal", "/user/confirmEmail", "/user/checkReferralCode", "/user/logout");

    /**
     * Whether BitMEX answers this request only when authenticated: swagger.json requires the api-key
     * headers on every operation but those it marks {@code "security": []} (instruments, quotes,
     * trades, the order book, {@code /wallet/assets}, GET {@code /chat} and {@code /guild}…). A path
     * swagger.json does not list is taken as public.
     */
    static boolean isPrivate(Method method, String path) {
        if (PUBLIC_USER_ROUTES.contains(path)) {
            return false;
        }
        if (under(path, "/chat") || under(path, "/guild")) {
            return method != Method.GET;
        }
        return PRIVATE_ROOTS.stream().anyMatch(root -> under(path, root));
    }

    /**
     * The routes BitMEX also limits per second, by method (BitMEX REST API docs, "Limits":
     * "10 requests per second on certain routes"; the BitMEX blog, "Second Layer Rate Limits", lists
     * them). POST /order/closePosition and /order/cancelAllAfter are not among them.
     */
    private static final Map<Method, Set<String>> ORDER_ROUTES = Map.of(
            Method.POST, Set.of("/order", "/order/bulk", "/position/isolate", "/position/leverage", "/position/transferMargin"),
            Method.PUT, Set.of("/order", "/order/bulk"),
            Method.DELETE, Set.of("/order", "/order/all"));

    /** Whether the request is on one of BitMEX's order routes, which it also limits per second. */
    static boolean isOrderRoute(Request request) {
        return ORDER_ROUTES.getOrDefault(request.method(), Set.of()).contains(request.path());
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
