package io.antrest.sim;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BitMEX's request limits, as its REST API docs ("Limits", "Request Rate Limits") state them: "The
 * limiters implement a Token Bucket mechanism and tokens are continuously refilled"; "120 requests
 * per minute on all routes (reduced to 30 when unauthenticated)" and "10 requests per second on
 * certain routes", the order routes. Every request takes a token from its caller's minute bucket
 * (per API key, or per client address without one); an order-route request also takes one from the
 * key's second bucket. A request refused by either takes none.
 */
final class BitmexRateLimiter {

    /** Requests per minute without a key (API docs, "Limits": "reduced to 30 when unauthenticated"). */
    static final int PUBLIC_PER_MINUTE = 30;
    /** Order-route requests per second (API docs, "Limits": "10 requests per second on certain routes"). */
    static final int ORDER_ROUTES_PER_SECOND = 10;

    /**
     * The state after charging one request.
     *
     * @param limit              the minute bucket's size ({@code x-ratelimit-limit})
     * @param remaining          whole tokens left in it ({@code x-ratelimit-remaining})
     * @param resetEpochSeconds  when it holds a token again: now while it holds one ({@code x-ratelimit-reset})
     * @param remainingPerSecond whole tokens left in the order routes' bucket ({@code x-ratelimit-remaining-1s}),
     *                           or -1 for a request on another route
     * @param retryAfterSeconds  for a refused request, when the buckets it needs hold a token again
     */
    record Verdict(boolean allowed, long limit, long remaining, long resetEpochSeconds, long remainingPerSecond,
            long retryAfterSeconds) {
    }

    /** A token bucket of {@code capacity} tokens refilled evenly over {@code refillMillis}. */
    private static final class Bucket {
        final int capacity;
        final double perMilli;
        double tokens;
        long lastMillis;

        Bucket(int capacity, long refillMillis, long now) {
            this.capacity = capacity;
            this.perMilli = capacity / (double) refillMillis;
            this.tokens = capacity;
            this.lastMillis = now;
        }

        void refill(long now) {
            if (now > lastMillis) {
                tokens = Math.min(capacity, tokens + (now - lastMillis) * perMilli);
                lastMillis = now;
            }
        }

        /** Milliseconds until the bucket holds a whole token: 0 while it does. */
        long millisToToken() {
            return tokens >= 1.0 ? 0 : (long) Math.ceil((1.0 - tokens) / perMilli);
        }
    }

    /** One caller's buckets; the second one is made on its first order-route request. */
    private static final class Caller {
        final Bucket minute;
        Bucket second;

        Caller(Bucket minute) {
            this.minute = minute;
        }
    }

    private final Clock clock;
    private final int perKeyPerMinute;
    private final int publicPerMinute;
    private final int orderRoutesPerSecond;
    private final ConcurrentHashMap<String, Caller> callers = new ConcurrentHashMap<>();

    /**
     * @param perKeyPerMinute requests per minute per key (BitMEX's 120)
     * @param scale           what every limit is multiplied by, the per-key one above, the address's
     *                        30 and the order routes' 10 (1: BitMEX's own); a product beyond an int is
     *                        held at {@link Integer#MAX_VALUE}
     */
    BitmexRateLimiter(Clock clock, int perKeyPerMinute, int scale) {
        this.clock = clock;
        this.perKeyPerMinute = scaled(perKeyPerMinute, scale);
        this.publicPerMinute = scaled(PUBLIC_PER_MINUTE, scale);
        this.orderRoutesPerSecond = scaled(ORDER_ROUTES_PER_SECOND, scale);
    }

    private static int scaled(int limit, int scale) {
        return (int) Math.min(Integer.MAX_VALUE, (long) limit * scale);
    }

    /**
     * Charges one request.
     *
     * @param who        the API key, or the client address for a request without one
     * @param keyed      whether {@code who} is an API key
     * @param orderRoute whether the request is on one of the order routes
     */
    Verdict charge(String who, boolean keyed, boolean orderRoute) {
        long now = clock.millis();
        int perMinute = keyed ? perKeyPerMinute : publicPerMinute;
        Caller caller = callers.computeIfAbsent((keyed ? "key:" : "ip:") + who,
                w -> new Caller(new Bucket(perMinute, 60_000, now)));
        synchronized (caller) {
            Bucket minute = caller.minute;
            minute.refill(now);
            Bucket second = null;
            if (orderRoute) {
                if (caller.second == null) {
                    caller.second = new Bucket(orderRoutesPerSecond, 1_000, now);
                }
                second = caller.second;
                second.refill(now);
            }
            long wait = Math.max(minute.millisToToken(), second == null ? 0 : second.millisToToken());
            boolean allowed = wait == 0;
            if (allowed) {
                minute.tokens -= 1.0;
                if (second != null) {
                    second.tokens -= 1.0;
                }
            }
            // "At the UNIX timestamp designated by x-ratelimit-reset, you will have enough requests
            // left to retry your current request. If you have not exceeded your limit, this value is
            // always the current timestamp." (BitMEX/api-connectors, python-swaggerpy README, "HTTP 429")
            long toToken = minute.millisToToken();
            long reset = toToken == 0 ? Math.floorDiv(now, 1000L) : Math.floorDiv(now + toToken + 999, 1000L);
            return new Verdict(allowed, perMinute, (long) Math.floor(minute.tokens), reset,
                    second == null ? -1 : (long) Math.floor(second.tokens),
                    allowed ? 0 : Math.max(1, (wait + 999) / 1000));
        }
    }

    void reset() {
        callers.clear();
    }
}
