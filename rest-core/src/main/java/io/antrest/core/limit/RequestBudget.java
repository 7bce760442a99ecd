package io.antrest.core.limit;

import io.antrest.core.Request;

import java.time.Duration;
import java.util.List;

/**
 * What the engine spends before every attempt: one rate-limit bucket ({@link RateLimitBudget}),
 * or every bucket a request touches (the gateway runtime's per-exchange rules). Spending is all or
 * nothing: a request that would overdraw any bucket spends none of them and waits. Thread-safe.
 */
@FunctionalInterface
public interface RequestBudget {

    /**
     * Spends what {@code request} costs if there is room for all of it.
     *
     * @return 0 when spent; otherwise how many milliseconds to wait before asking again
     */
    long tryAcquire(Request request);

    /**
     * Hears that an attempt was answered {@code spentToAnswer} after its cost was spent: it arrived
     * at the exchange within that time, so a budget knows how far before a window's turn a request
     * may still be counted after it ({@link Transit}). Nothing by default.
     */
    default void answered(Duration spentToAnswer) {
    }

    /** Every bucket as it stands now, the exchange's general one first; none by default. */
    default List<BucketUsage> usage() {
        return List.of();
    }

    /** Whether the buckets are this process's alone or shared with other processes; local by default. */
    default Sharing sharing() {
        return Sharing.LOCAL;
    }
}
