package io.antrest.gateway.spi;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The contracts read from one answer of an exchange, in the answer's order, with those left out
 * because their numbers were impossible ({@link #refused()}). A plugin returns one from
 * {@link Exchange#parseContracts}: one instrument with a tick size of {@code -0.01} among the
 * 2000 an exchange lists is then left out and reported by the runtime (a warning naming it, the
 * field, the value and the rule), and the other 1999 are still usable, instead of one bad entry
 * keeping the gateway from ever coming up. Immutable.
 *
 * <pre>{@code
 * ContractListing.Builder out = ContractListing.builder();
 * for (JsonNode s : symbols) {
 *     out.add(() -> Contract.builder(NAME, s.get("symbol").asText()).tickSize(...).lotSize(...).build());
 * }
 * return out.build();
 * }</pre>
 */
public final class ContractListing extends AbstractList<Contract> implements RandomAccess {
    private final List<Contract> contracts;
    private final List<InvalidContractException> refused;

    private ContractListing(List<Contract> contracts, List<InvalidContractException> refused) {
        this.contracts = List.copyOf(contracts);
        this.refused = List.copyOf(refused);
    }

    /** A builder that collects an answer's contracts one entry at a time. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Contract get(int index) {
        return contracts.get(index);
    }

    @Override
    public int size() {
        return contracts.size();
    }

    /** The entries left out, each with the reason; empty when every entry made a contract. */
    public List<InvalidContractException> refused() {
        return refused;
    }

    /** Collects contracts, leaving out and keeping the reason for each entry that is not a valid {@link Contract}. */
    public static final class Builder {
        private final List<Contract> contracts = new ArrayList<>();
        private final List<InvalidContractException> refused = new ArrayList<>();

        private Builder() {
        }

        /**
         * Makes one entry's contract: kept when valid, left out and remembered when it throws an
         * {@link InvalidContractException}. Anything else it throws (an answer that is not the
         * documented shape) passes through and refuses the whole answer.
         */
        public Builder add(Supplier<Contract> entry) {
            requireNonNull(entry, "entry is null");
            try {
                contracts.add(requireNonNull(entry.get(), "the entry made no contract"));
            } catch (InvalidContractException e) {
                refused.add(e);
            }
            return this;
        }

        /** The listing, contracts in the order added. */
        public ContractListing build() {
            return new ContractListing(contracts, refused);
        }
    }
}
