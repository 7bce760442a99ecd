package io.antrest.gateway.spi;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * What an answer's headers say about one rate-limit bucket: the units used in its current window
 * (Binance's {@code X-MBX-USED-WEIGHT-1M}, {@code X-MBX-ORDER-COUNT-10S}), or what remains until
 * a reset (BitMEX's {@code x-ratelimit-remaining} and {@code x-ratelimit-reset}). The runtime
 * corrects its bucket with it, never below what it counted itself.
 *
 * @param rule      the rule's name
 * @param key       the instrument for a per-instrument rule, else empty
 * @param used      units used in the current window, if said
 * @param remaining units that remain, if said
 * @param resetAt   when the window resets, if said
 */
public record RateLimitReading(String rule, String key, OptionalLong used, OptionalLong remaining, Optional<Instant> resetAt) {
    /** Checks the arguments. */
    public RateLimitReading {
        requireNonNull(rule, "rule is null");
        requireNonNull(key, "key is null");
        requireNonNull(used, "used is null");
        requireNonNull(remaining, "remaining is null");
        requireNonNull(resetAt, "resetAt is null");
    }

    /** The exchange says {@code used} units of rule {@code rule} are spent in this window. */
    public static RateLimitReading used(String rule, long used) {
        return new RateLimitReading(rule, "", OptionalLong.of(used), OptionalLong.empty(), Optional.empty());
    }

    /** The exchange says {@code remaining} units of rule {@code rule} remain until {@code resetAt} (null: not said). */
    public static RateLimitReading remaining(String rule, long remaining, Instant resetAt) {
        return new RateLimitReading(rule, "", OptionalLong.empty(), OptionalLong.of(remaining), Optional.ofNullable(resetAt));
    }
}
