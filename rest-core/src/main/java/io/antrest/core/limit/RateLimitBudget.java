package io.antrest.core.limit;

import io.antrest.core.Request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A client-side rate-limit budget: so much request weight per fixed window (aligned to the
 * clock, as Binance's minute windows are), spent before each attempt and corrected by what the
 * exchange reports in its answer headers. A busy platform waits its turn here instead of being
 * answered 429, or banned with 418 for going on. Thread-safe.
 */
public final class RateLimitBudget implements RequestBudget {
    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    /**
     * How late our windows turn after the exchange's: our clock is the exchange's only to within
     * the measurement's error (half a round trip), and a request let into a new window a few
     * milliseconds before the exchange's own window turned is counted in the old one (a 429, a
     * -1015). 50 ms, or a twentieth of a shorter window.
     */
    private final long guardMillis;
    private long windowStart;
    private long used;
    private long pausedUntil;

    private RateLimitBudget(int limit, Duration window, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1, was " + limit);
        }
        requireNonNull(window, "window is null");
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("rate-limit window must be at least 1 ms, was " + window);
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.guardMillis = Math.min(50, windowMillis / 20);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A budget of {@code limit} weight per {@code window}. */
    public static RateLimitBudget perWindow(int limit, Duration window, Clock clock) {
        return new RateLimitBudget(limit, window, clock);
    }

    /** A budget that never makes anyone wait (but still honours {@link #pauseUntil}). */
    public static RateLimitBudget unlimited(Clock clock) {
        return new RateLimitBudget(Integer.MAX_VALUE, Duration.ofMinutes(1), clock);
    }

    /** Spends the request's {@link Request#weight()}; see {@link #tryAcquire(int)}. */
    @Override
    public long tryAcquire(Request request) {
        return tryAcquire(request.weight());
    }

    /**
     * Spends {@code weight} if the budget has room.
     *
     * @return 0 when spent; otherwise how many milliseconds to wait before asking again
     */
    public synchronized long tryAcquire(int weight) {
        long wait = waitFor(weight);
        if (wait == 0) {
            used += weight;
        }
        return wait;
    }

    /**
     * How long {@code weight} would have to wait, spending nothing: with {@link #spend(int)} under
     * the caller's own lock, this spends several budgets all or nothing.
     *
     * @return 0 when there is room now; otherwise milliseconds to wait
     */
    public synchronized long waitFor(int weight) {
        long now = clock.millis();
        if (now < pausedUntil) {
            return pausedUntil - now;
        }
        roll(now);
        // A request heavier than the whole budget still goes, alone, in a fresh window.
        if (used + weight <= limit || used == 0) {
            return 0;
        }
        return Math.max(1, windowStart + windowMillis + guardMillis - now);
    }

    /** Spends {@code weight} whatever the room (after {@link #waitFor(int)} said there was some). */
    public synchronized void spend(int weight) {
        roll(clock.millis());
        used += weight;
    }

    /**
     * Corrects the budget with what the exchange says was used in the current window (Binance's
     * {@code X-MBX-USED-WEIGHT-1M}). The larger of the two counts wins: the exchange also counts
     * other clients on the same IP or key.
     */
    public synchronized void observeUsed(long usedByExchange) {
        roll(clock.millis());
        if (usedByExchange > used) {
            used = usedByExchange;
        }
    }

    /**
     * Corrects the budget with what the exchange says remains until {@code resetAt} (BitMEX's
     * {@code x-ratelimit-remaining} and {@code x-ratelimit-reset}). A window resets within one
     * window's length: a later reset time (a wrong or hostile header) pauses no longer than that.
     */
    public synchronized void observeRemaining(long remaining, Instant resetAt) {
        long now = clock.millis();
        roll(now);
        long usedNow = limit - Math.max(0, remaining);
        if (usedNow > used) {
            used = usedNow;
        }
        if (remaining <= 0 && resetAt != null && resetAt.toEpochMilli() > now) {
            pausedUntil = Math.max(pausedUntil, Math.min(resetAt.toEpochMilli(), now + windowMillis + guardMillis));
        }
    }

    /** Lets nothing through until {@code until}: after a 429 or a 418 ban with its Retry-After. */
    public synchronized void pauseUntil(Instant until) {
        pausedUntil = Math.max(pausedUntil, until.toEpochMilli());
    }

    /** This budget as one bucket named {@code weight}. */
    @Override
    public List<BucketUsage> usage() {
        return List.of(new BucketUsage("weight", used(), limit, window()));
    }

    /** The weight allowed per window. */
    public int limit() {
        return limit;
    }

    /** The window length. */
    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    /** The weight used in the current window. */
    public synchronized long used() {
        roll(clock.millis());
        return used;
    }

    /** The weight left in the current window. */
    public synchronized long remaining() {
        roll(clock.millis());
        return Math.max(0, limit - used);
    }

    /** Until when nothing is let through, or null when not paused. */
    public synchronized Instant pausedUntil() {
        return pausedUntil > clock.millis() ? Instant.ofEpochMilli(pausedUntil) : null;
    }

    private void roll(long now) {
        long late = now - guardMillis;
        long start = late - Math.floorMod(late, windowMillis);
        if (start != windowStart) {
            windowStart = start;
            used = 0;
        }
    }

    @Override
    public synchronized String toString() {
        return "RateLimitBudget{" + used + "/" + limit + " per " + windowMillis + " ms}";
    }
}
