package io.antrest.core;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with buckets about 6% wide from 1 µs to about 70 minutes:
 * cheap enough to record every call, precise enough for p50 and p99.
 */
final class LatencyHistogram {
    private static final int SUB_BUCKETS = 16;
    private static final int MAX_EXPONENT = 42;
    private final AtomicLongArray counts = new AtomicLongArray(MAX_EXPONENT * SUB_BUCKETS);

    void record(long nanos) {
        counts.incrementAndGet(index(Math.max(nanos / 1000, 1)));
    }

    /** The value in milliseconds below which {@code fraction} of the recordings fall; 0 when empty. */
    double percentileMillis(double fraction) {
        long total = 0;
        int n = counts.length();
        long[] snapshot = new long[n];
        for (int i = 0; i < n; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < n; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return upperMicros(i) / 1000.0;
            }
        }
        return upperMicros(n - 1) / 1000.0;
    }

    private static int index(long micros) {
        int exp = 63 - Long.numberOfLeadingZeros(micros);
        if (exp >= MAX_EXPONENT) {
            return MAX_EXPONENT * SUB_BUCKETS - 1;
        }
        int sub = exp < 4 ? (int) (micros - (1L << exp)) * SUB_BUCKETS >> exp : (int) ((micros >> (exp - 4)) & 15);
        return exp * SUB_BUCKETS + sub;
    }

    private static long upperMicros(int index) {
        int exp = index / SUB_BUCKETS;
        int sub = index % SUB_BUCKETS;
        long base = 1L << exp;
        return base + (base * (sub + 1)) / SUB_BUCKETS;
    }
}
