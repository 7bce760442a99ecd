package io.antrest.sim;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OKX's per-endpoint request limits: each bucket (an endpoint plus the rule's subject, e.g. "IP",
 * "User ID" or "User ID + Instrument ID") allows {@code limit} requests per two-second window.
 * The windows are fixed and aligned to even seconds of the simulator's clock (OKX does not
 * document how it counts within the window; a fixed window is the simplest that never allows more
 * than the limit in one window).
 */
final class OkxRateLimiter {

    /** The length of every OKX REST limit window: "N requests per 2 seconds". */
    static final long WINDOW_MILLIS = 2_000L;

    private static final class Window {
        long start = Long.MIN_VALUE;
        int used;
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    OkxRateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Counts one request against the bucket; false (and nothing counted) when the limit is reached. */
    boolean tryAcquire(String bucket, int limit) {
        long start = Math.floorDiv(clock.millis(), WINDOW_MILLIS) * WINDOW_MILLIS;
        Window window = windows.computeIfAbsent(bucket, b -> new Window());
        synchronized (window) {
            if (window.start != start) {
                window.start = start;
                window.used = 0;
            }
            if (window.used >= limit) {
                return false;
            }
            window.used++;
            return true;
        }
    }

    void reset() {
        windows.clear();
    }
}
