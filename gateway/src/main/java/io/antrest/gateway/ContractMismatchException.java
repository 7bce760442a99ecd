package io.antrest.gateway;

import io.antrest.core.RestException;

import static java.util.Objects.requireNonNull;

/**
 * The exchange's contracts differ from the store's and the policy is {@link ContractPolicy#STRICT}:
 * the gateway did not come UP. The message lists the differences.
 */
public class ContractMismatchException extends RestException {
    private final transient ContractDiff diff;

    /** Creates one for these differences. */
    public ContractMismatchException(ContractDiff diff) {
        super("the contracts of " + requireNonNull(diff, "diff is null").exchange()
                + " differ from the contract store: " + diff + ". Check the changes, then connect with contract policy"
                + " 'sync' to accept them into the store");
        this.diff = diff;
    }

    /** The differences. */
    public ContractDiff diff() {
        return diff;
    }
}
