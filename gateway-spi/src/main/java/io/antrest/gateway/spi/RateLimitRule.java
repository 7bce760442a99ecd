package io.antrest.gateway.spi;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * An exchange's request-rate limit: {@code limit} weight per {@code window}.
 *
 * @param limit  the weight allowed per window
 * @param window the window
 */
public record RateLimitRule(int limit, Duration window) {
    /** Checks the arguments. */
    public RateLimitRule {
        requireNonNull(window, "window is null");
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs limit >= 1 and a positive window");
        }
    }
}
