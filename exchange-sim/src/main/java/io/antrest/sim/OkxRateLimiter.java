package io.antrest.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OKX's per-endpoint request limits: each bucket (an endpoint plus the rule's subject, e.g. "IP",
 * "User ID" or "User ID + Instrument ID") allows {@code limit} requests per two-second window.
 * The windows are fixed and aligned to even seconds of the simulator's clock (OKX does not
 * document how it counts within the window; a fixed window is the simplest that never allows more
 * than the limit in one window). Each bucket keeps a record of its last {@link #HISTORY} windows
 * in which anything arrived: allowed and refused counts, for tests to read.
 */
final class OkxRateLimiter {

    /** The length of every OKX REST limit window: "N requests per 2 seconds". */
    static final long WINDOW_MILLIS = 2_000L;

    /** How many finished windows a bucket remembers (about 17 minutes of busy windows). */
    static final int HISTORY = 512;

    private static final class Window {
        long start = Long.MIN_VALUE;
        int limit;
        int used;
        int refused;
        final ArrayDeque<LimitWindow> finished = new ArrayDeque<>();

        LimitWindow record() {
            return new LimitWindow(Instant.ofEpochMilli(start), limit, used, refused);
        }
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    OkxRateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Counts one request against the bucket; false (counted as refused) when the limit is reached. */
    boolean tryAcquire(String bucket, int limit) {
        long start = Math.floorDiv(clock.millis(), WINDOW_MILLIS) * WINDOW_MILLIS;
        Window window = windows.computeIfAbsent(bucket, b -> new Window());
        synchronized (window) {
            if (window.start != start) {
                if (window.start != Long.MIN_VALUE) {
                    if (window.finished.size() == HISTORY) {
                        window.finished.removeFirst();
                    }
                    window.finished.addLast(window.record());
                }
                window.start = start;
                window.used = 0;
                window.refused = 0;
            }
            window.limit = limit;
            if (window.used >= limit) {
                window.refused++;
                return false;
            }
            window.used++;
            return true;
        }
    }

    /** The bucket's remembered windows, oldest first, the current one last; empty for an unknown bucket. */
    List<LimitWindow> windows(String bucket) {
        Window window = windows.get(bucket);
        if (window == null) {
            return List.of();
        }
        synchronized (window) {
            List<LimitWindow> all = new ArrayList<>(window.finished.size() + 1);
            all.addAll(window.finished);
            if (window.start != Long.MIN_VALUE) {
                all.add(window.record());
            }
            return List.copyOf(all);
        }
    }

    void reset() {
        windows.clear();
    }
}
