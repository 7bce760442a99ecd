package io.antrest.sim;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What the simulator did with one rate-limit bucket in one fixed window: the limit in force, how
 * many requests it allowed and how many it refused (429), so that a test can prove clients kept
 * to a limit window by window.
 *
 * @param windowStart when the window began (OKX: an even second of the simulator's clock)
 * @param limit       the requests the bucket allowed per window, scale included
 * @param allowed     the requests counted against the limit in this window
 * @param refused     the requests refused in this window because the limit was reached
 */
public record LimitWindow(Instant windowStart, int limit, int allowed, int refused) {

    /** Checks the figures: a start, a positive limit, counts of zero or more. */
    public LimitWindow {
        requireNonNull(windowStart, "windowStart is null");
        if (limit < 1 || allowed < 0 || refused < 0) {
            throw new IllegalArgumentException("limit must be at least 1 and the counts zero or more, got limit "
                    + limit + ", allowed " + allowed + ", refused " + refused);
        }
    }
}
