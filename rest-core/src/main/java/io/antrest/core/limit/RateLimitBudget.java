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
 *
 * <p>Our clock is the exchange's only to within some milliseconds, and a request sent just before a
 * window turns may arrive just after. So a request spent within a guard after a boundary
 * ({@link #guard(long)}: a twentieth of the window, at most 1 s) counts in the window before it
 * too, and one spent within a lead before a boundary ({@link Transit#lead(long)}: the longest
 * time from spending to an answer heard lately, at least the guard) in the window after it too:
 * whichever window the exchange counts it in stays within the limit.
 */
public final class RateLimitBudget implements RequestBudget {
    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    /**
     * How far after a boundary a request may still be counted in the window before it: our clock is
     * the exchange's only to within the measurement's error (half a round trip): {@link #guard(long)}.
     * Before a boundary, the transit's lead.
     */
    private final long guardMillis;
    /** How long requests take to be answered: how far before a boundary a request counts in the next window too. */
    private final Transit transit;
    /** The current window's index (its start over its length); units used in it, the one before and the one after. */
    private long window = Long.MIN_VALUE;
    private long used;
    private long usedBefore;
    private long usedAfter;
    private long pausedUntil;

    private RateLimitBudget(int limit, Duration window, Clock clock, Transit transit) {
        if (limit < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1, was " + limit);
        }
        requireNonNull(window, "window is null");
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("rate-limit window must be at least 1 ms, was " + window);
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.guardMillis = guard(windowMillis);
        this.clock = requireNonNull(clock, "clock is null");
        this.transit = requireNonNull(transit, "transit is null");
    }

    /**
     * How far after a boundary of a window of {@code windowMillis} a request may still be counted in
     * the window before it: a twentieth of the window, at most 1 s (50 ms for a 1 s window, 500 ms
     * for 10 s, 1 s for a minute). It covers our clock's error; the time a request takes to reach the
     * exchange, before a boundary, is the {@link Transit}'s lead, never shorter than this.
     */
    public static long guard(long windowMillis) {
        return Math.min(1_000, windowMillis / 20);
    }

    /** A budget of {@code limit} weight per {@code window}. */
    public static RateLimitBudget perWindow(int limit, Duration window, Clock clock) {
        return new RateLimitBudget(limit, window, clock, new Transit(clock));
    }

    /**
     * A budget of {@code limit} weight per {@code window}, its lead before a boundary from
     * {@code transit}: several buckets of one client share theirs.
     */
    public static RateLimitBudget perWindow(int limit, Duration window, Clock clock, Transit transit) {
        return new RateLimitBudget(limit, window, clock, transit);
    }

    /** A budget that never makes anyone wait (but still honours {@link #pauseUntil}). */
    public static RateLimitBudget unlimited(Clock clock) {
        return new RateLimitBudget(Integer.MAX_VALUE, Duration.ofMinutes(1), clock, new Transit(clock));
    }

    /** Spends the request's {@link Request#weight()}; see {@link #tryAcquire(int)}. */
    @Override
    public long tryAcquire(Request request) {
        return tryAcquire(request.weight());
    }

    /** Hears how long an attempt took from being spent to its answer: see {@link Transit}. */
    @Override
    public void answered(Duration spentToAnswer) {
        transit.answered(spentToAnswer);
    }

    /**
     * Spends {@code weight} if the budget has room.
     *
     * @return 0 when spent; otherwise how many milliseconds to wait before asking again
     */
    public synchronized long tryAcquire(int weight) {
        long wait = waitFor(weight);
        if (wait == 0) {
            spend(weight);
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
        long start = window * windowMillis;
        long wait = 0;
        // A request heavier than the whole budget still goes, alone, in a fresh window.
        if (used > 0 && used + weight > limit) {
            wait = start + windowMillis + guardMillis - now;   // until this window is behind the guard
        } else if (now < start + guardMillis && usedBefore > 0 && usedBefore + weight > limit) {
            wait = start + guardMillis - now;                   // until the last window is surely over
        } else if (usedAfter > 0 && usedAfter + weight > limit && transit.inLead(now, start, windowMillis)) {
            wait = start + 2 * windowMillis + guardMillis - now;
        }
        return wait > 0 ? Math.max(1, wait) : 0;
    }

    /** Spends {@code weight} whatever the room (after {@link #waitFor(int)} said there was some). */
    public synchronized void spend(int weight) {
        long now = clock.millis();
        roll(now);
        long start = window * windowMillis;
        used += weight;
        if (now < start + guardMillis) {
            usedBefore += weight;
        }
        if (transit.inLead(now, start, windowMillis)) {
            usedAfter += weight;
        }
    }

    /**
     * Corrects the budget with what the exchange says was used in the current window (Binance's
     * {@code X-MBX-USED-WEIGHT-1M}). The larger of the two counts wins: the exchange also counts
     * other clients on the same IP or key.
     */
    public synchronized void observeUsed(long usedByExchange) {
        raise(clock.millis(), usedByExchange);
    }

    /** Raises the count of the window the exchange most likely meant: within the guard after a boundary, the one before. */
    private void raise(long now, long usedByExchange) {
        roll(now);
        if (now < window * windowMillis + guardMillis) {
            usedBefore = Math.max(usedBefore, usedByExchange);
        } else if (usedByExchange > used) {
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
        raise(now, limit - Math.max(0, remaining));
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
        long index = Math.floorDiv(now, windowMillis);
        if (index == window) {
            return;
        }
        if (index == window + 1) {
            usedBefore = used;
            used = usedAfter;
        } else {
            usedBefore = 0;
            used = 0;
        }
        usedAfter = 0;
        window = index;
    }

    @Override
    public synchronized String toString() {
        return "RateLimitBudget{" + used + "/" + limit + " per " + windowMillis + " ms}";
    }
}
