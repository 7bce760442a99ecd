package io.antrest.gateway.spi;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an answer's headers say about the rate limit: weight used in the current window
 * (Binance's {@code X-MBX-USED-WEIGHT-1M}), or requests remaining until a reset (BitMEX's
 * {@code x-ratelimit-remaining} and {@code x-ratelimit-reset}), and order counts.
 *
 * @param used       weight used in the current window, if said
 * @param limit      the limit, if said
 * @param remaining  what remains, if said
 * @param resetAt    when the window resets, if said
 * @param orderCount orders counted in the exchange's shortest order window, if said
 */
public record RateLimitStatus(OptionalLong used, OptionalLong limit, OptionalLong remaining, Optional<Instant> resetAt,
                              OptionalLong orderCount) {
    /** Nothing said. */
    public static RateLimitStatus unknown() {
        return new RateLimitStatus(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                OptionalLong.empty());
    }
}
