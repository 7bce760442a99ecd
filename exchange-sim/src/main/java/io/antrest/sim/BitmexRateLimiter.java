package io.antrest.sim;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BitMEX's request limit: a token bucket per API key (or per client address for public calls)
 * holding {@code limit} requests that refills over one minute.
 */
final class BitmexRateLimiter {

    /** The state after charging one request. */
    record Verdict(boolean allowed, long limit, long remaining, long resetEpochSeconds, long retryAfterSeconds) {
    }

    private static final class Bucket {
        double tokens;
        long lastMillis;
    }

    private final Clock clock;
    private final int limit;
    private final double perMilli;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    BitmexRateLimiter(Clock clock, int limit) {
        this.clock = clock;
        this.limit = limit;
        this.perMilli = limit / 60_000.0;
    }

    Verdict charge(String who) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(who, w -> {
            Bucket b = new Bucket();
            b.tokens = limit;
            b.lastMillis = now;
            return b;
        });
        synchronized (bucket) {
            if (now > bucket.lastMillis) {
                bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.lastMillis) * perMilli);
                bucket.lastMillis = now;
            }
            boolean allowed = bucket.tokens >= 1.0;
            if (allowed) {
                bucket.tokens -= 1.0;
            }
            long missing = (long) Math.ceil((limit - bucket.tokens) / perMilli);
            long reset = (now + missing + 999) / 1000;
            long retry = allowed ? 0 : Math.max(1, (long) Math.ceil((1.0 - bucket.tokens) / perMilli / 1000.0));
            return new Verdict(allowed, limit, (long) Math.floor(bucket.tokens), reset, retry);
        }
    }

    void reset() {
        buckets.clear();
    }
}
