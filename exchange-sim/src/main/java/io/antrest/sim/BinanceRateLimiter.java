package io.antrest.sim;

import java.time.Clock;

/**
 * Binance's request-weight limit for the simulator's one client IP: a fixed one-minute window
 * (reset at every minute boundary, as Binance does); a request over the limit gets 429, a client
 * that keeps sending while limited gets an IP ban (418) for a configurable time.
 */
final class BinanceRateLimiter {

    /** The outcome of charging one request; {@code minute} is the window it was charged in. */
    record Verdict(int status, long usedWeight, long retryAfterSeconds, long bannedUntilMillis, long minute) {
        boolean allowed() {
            return status == 0;
        }
    }

    private final Clock clock;
    private final int limit;
    private final long banMillis;
    private final Object lock = new Object();
    private long windowMinute = Long.MIN_VALUE;
    private long used;
    private boolean limitedInWindow;
    private long bannedUntil;

    BinanceRateLimiter(Clock clock, int limit, long banMillis) {
        this.clock = clock;
        this.limit = limit;
        this.banMillis = banMillis;
    }

    int limit() {
        return limit;
    }

    Verdict charge(int weight) {
        long now = clock.millis();
        synchronized (lock) {
            roll(now);
            if (now < bannedUntil) {
                return new Verdict(418, used, seconds(bannedUntil - now), bannedUntil, windowMinute);
            }
            if (used + weight > limit) {
                if (limitedInWindow) {
                    bannedUntil = now + banMillis;
                    limitedInWindow = false;
                    return new Verdict(418, used, seconds(banMillis), bannedUntil, windowMinute);
                }
                limitedInWindow = true;
                long windowEnd = (windowMinute + 1) * 60_000L;
                return new Verdict(429, used, seconds(windowEnd - now), 0, windowMinute);
            }
            used += weight;
            return new Verdict(0, used, 0, 0, windowMinute);
        }
    }

    /**
     * Gives back the weight of an allowed request that turned out to cost nothing (a successful
     * order placement or cancel, CHANGELOG 2026-03-27), if its minute is still the current one.
     *
     * @return the weight used in the current minute
     */
    long refund(Verdict charged, int weight) {
        long now = clock.millis();
        synchronized (lock) {
            roll(now);
            if (charged.minute() == windowMinute) {
                used = Math.max(0, used - weight);
            }
            return used;
        }
    }

    long used() {
        long now = clock.millis();
        synchronized (lock) {
            roll(now);
            return used;
        }
    }

    void reset() {
        synchronized (lock) {
            used = 0;
            limitedInWindow = false;
            bannedUntil = 0;
        }
    }

    private void roll(long now) {
        long minute = Math.floorDiv(now, 60_000L);
        if (minute != windowMinute) {
            windowMinute = minute;
            used = 0;
            limitedInWindow = false;
        }
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
