package io.antrest.core.limit;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * One rate-limit bucket as it stands now, for metrics and status tables.
 *
 * @param name   the bucket's name: its rule, and its instrument for a per-instrument rule ({@code REQUEST_WEIGHT}, {@code POST /api/v5/trade/order BTC-USDT})
 * @param used   the units used in the current window
 * @param limit  the units allowed per window
 * @param window the window
 */
public record BucketUsage(String name, long used, long limit, Duration window) {
    /** Checks the arguments. */
    public BucketUsage {
        requireNonNull(name, "name is null");
        requireNonNull(window, "window is null");
    }
}
