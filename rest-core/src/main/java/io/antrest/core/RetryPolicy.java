package io.antrest.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

import static java.util.Objects.requireNonNull;

/**
 * How long to wait before a retry: exponential back-off with full jitter (a uniform wait between
 * zero and {@code min(maxDelay, baseDelay * 2^(retry-1))}), or the exchange's {@code Retry-After}
 * when it sent one. A {@code Retry-After} longer than {@code maxRetryAfter} is not waited for:
 * the call ends and the caller decides.
 *
 * @param baseDelay     the ceiling of the first back-off
 * @param maxDelay      the largest back-off ceiling
 * @param maxRetryAfter the longest {@code Retry-After} that is waited for
 */
public record RetryPolicy(Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** Checks the arguments. */
    public RetryPolicy {
        requireNonNull(baseDelay, "baseDelay is null");
        requireNonNull(maxDelay, "maxDelay is null");
        requireNonNull(maxRetryAfter, "maxRetryAfter is null");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry delays must be 0 <= baseDelay <= maxDelay and maxRetryAfter >= 0");
        }
    }

    /** 100 ms base, 5 s ceiling, Retry-After honoured up to 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry).
     *
     * @param retry  which retry, from 1
     * @param random the source of jitter
     */
    public Duration backoff(int retry, RandomGenerator random) {
        long base = baseDelay.toNanos();
        long ceiling = maxDelay.toNanos();
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long cap = base > (ceiling >> shift) ? ceiling : Math.min(ceiling, base << shift);
        return cap <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(cap + 1));
    }
}
