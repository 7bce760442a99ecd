package io.antrest.core.limit;

import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How long a request may take from the moment it is spent to the moment the exchange counts it.
 * The exchange counts a request when it arrives, and a request spent just before a window turns
 * may arrive after the turn: the budget then counts it in the next window too. The arrival itself
 * cannot be seen, but it comes before the answer, so the time from spending to answering bounds
 * it: this keeps the longest such time of the answers heard in the last 10 to 20 seconds (on
 * loopback a few milliseconds, to an exchange across the world a few hundred). Before the first
 * answer it is {@link #COLD_MILLIS}: a fresh process's first requests load classes, open
 * connections and sign for the first time. When nothing was answered for a while, the last figure
 * heard stays. Thread-safe.
 */
public final class Transit {
    /** The figure before the first answer is heard, in milliseconds. */
    public static final long COLD_MILLIS = 500;
    /** The answers of one period and of the one before it count. */
    static final long PERIOD_MILLIS = 10_000;

    private final Clock clock;
    private long period = Long.MIN_VALUE;
    private long longest = -1;
    private long longestBefore = -1;
    private long last = COLD_MILLIS;

    /** A transit with nothing heard yet, its periods on {@code clock}. */
    public Transit(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Hears that an attempt was answered {@code spentToAnswer} after its budget was spent. */
    public synchronized void answered(Duration spentToAnswer) {
        long millis = Math.max(0, spentToAnswer.toMillis());
        roll(clock.millis());
        longest = Math.max(longest, millis);
        last = Math.max(longest, longestBefore);
    }

    /** The longest time from spending to an answer heard lately, in milliseconds. */
    public synchronized long millis() {
        roll(clock.millis());
        long recent = Math.max(longest, longestBefore);
        return recent >= 0 ? recent : last;
    }

    /**
     * How long before the end of a window of {@code windowMillis} a request spent counts in the
     * next window too: {@link #millis()}, at least {@link RateLimitBudget#guard(long)} (our clock's
     * error) and at most a quarter of the window (what the double count may cost).
     */
    public long lead(long windowMillis) {
        return Math.max(RateLimitBudget.guard(windowMillis), Math.min(millis(), windowMillis / 4));
    }

    /**
     * Whether a request spent at {@code now} in the window {@code [start, start + windowMillis)}
     * counts in the next window too: within {@link #lead(long)} of its end. The transit is asked
     * only in the last quarter of the window, where the lead may reach.
     */
    public boolean inLead(long now, long start, long windowMillis) {
        long end = start + windowMillis;
        return now >= end - Math.max(RateLimitBudget.guard(windowMillis), windowMillis / 4) && now >= end - lead(windowMillis);
    }

    private void roll(long now) {
        long index = Math.floorDiv(now, PERIOD_MILLIS);
        if (index == period) {
            return;
        }
        longestBefore = index == period + 1 ? longest : -1;
        longest = -1;
        period = index;
    }

    @Override
    public synchronized String toString() {
        return "Transit{" + millis() + " ms}";
    }
}
