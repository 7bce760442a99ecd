package io.antrest.gateway.bitmex;

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

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
