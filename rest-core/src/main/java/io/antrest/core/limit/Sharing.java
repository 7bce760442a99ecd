package io.antrest.core.limit;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Whether a budget is this process's alone or shared with other processes on the same account,
 * and whether the sharing works right now: for metrics and status tables.
 *
 * @param mode  how the budget counts now
 * @param where where it is shared (a Redis URL without its password), or {@code "process"} for a local one
 * @param since when it came to count so (for {@link Mode#LOCAL}, the epoch)
 */
public record Sharing(Mode mode, String where, Instant since) {

    /** A budget of this process alone. */
    public static final Sharing LOCAL = new Sharing(Mode.LOCAL, "process", Instant.EPOCH);

    /** How a budget counts. */
    public enum Mode {
        /** In this process alone (the default). */
        LOCAL,
        /** Shared with the other processes on the account, through the shared store. */
        SHARED,
        /**
         * Meant to be shared, but the shared store is unreachable: this process keeps to its
         * fallback fraction of every limit until the store answers again.
         */
        FALLBACK
    }

    /** Checks the arguments. */
    public Sharing {
        requireNonNull(mode, "mode is null");
        requireNonNull(where, "where is null");
        requireNonNull(since, "since is null");
    }

    /** {@code local}, {@code shared}, or {@code fallback}, lower case, for tables and metric tags. */
    public String label() {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
