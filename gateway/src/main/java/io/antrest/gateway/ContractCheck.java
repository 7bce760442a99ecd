package io.antrest.gateway;

import static java.util.Objects.requireNonNull;

/**
 * What checking an exchange's contracts against the store came to.
 *
 * @param exchange the exchange
 * @param result   what happened
 * @param count    how many contracts the exchange listed
 * @param diff     the differences found (empty for UNCHANGED and INITIALISED)
 */
public record ContractCheck(String exchange, Result result, int count, ContractDiff diff) {
    /** What happened. */
    public enum Result {
        /** The store held nothing for this exchange; it now holds the exchange's contracts. */
        INITIALISED,
        /** The store and the exchange agree. */
        UNCHANGED,
        /** They differed and the store was updated (policy SYNC). */
        SYNCED
    }

    /** Checks the arguments. */
    public ContractCheck {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(result, "result is null");
        requireNonNull(diff, "diff is null");
    }

    @Override
    public String toString() {
        return switch (result) {
            case INITIALISED -> exchange + " contracts initialised in the store: " + count + " symbols";
            case UNCHANGED -> exchange + " contracts unchanged: " + count + " symbols";
            case SYNCED -> exchange + " contracts synced to the store (" + count + " symbols): " + diff;
        };
    }
}
