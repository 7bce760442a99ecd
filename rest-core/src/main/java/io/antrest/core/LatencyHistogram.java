package io.antrest.core;

import org.HdrHistogram.AtomicHistogram;

/**
 * The latencies of one client's calls, on HdrHistogram's lock-free {@link AtomicHistogram}: from
 * 1 µs to an hour with two significant digits (1% wide buckets), cheap enough to record every call.
 * Longer calls count as an hour.
 */
final class LatencyHistogram {
    private static final long HIGHEST_MICROS = 3_600_000_000L;
    private final AtomicHistogram micros = new AtomicHistogram(1, HIGHEST_MICROS, 2);

    void record(long nanos) {
        micros.recordValue(Math.min(Math.max(nanos / 1000, 1), HIGHEST_MICROS));
    }

    /** The value in milliseconds below which {@code fraction} of the recordings fall; 0 when empty. */
    double percentileMillis(double fraction) {
        return micros.getValueAtPercentile(fraction * 100) / 1000.0;
    }
}
