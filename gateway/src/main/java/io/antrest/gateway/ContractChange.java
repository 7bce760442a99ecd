package io.antrest.gateway;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * How one symbol's contract changed between the store and the exchange, field by field.
 *
 * @param symbol the symbol
 * @param fields the fields that differ
 */
public record ContractChange(String symbol, List<Field> fields) {
    /** Checks the arguments. */
    public ContractChange {
        requireNonNull(symbol, "symbol is null");
        fields = List.copyOf(fields);
    }

    /**
     * One field that differs.
     *
     * @param name   the field, e.g. {@code tickSize}
     * @param before the stored value
     * @param after  the exchange's value
     */
    public record Field(String name, String before, String after) {
        /** Checks the arguments. */
        public Field {
            requireNonNull(name, "name is null");
            requireNonNull(before, "before is null");
            requireNonNull(after, "after is null");
        }

        @Override
        public String toString() {
            return name + " " + before + " -> " + after;
        }
    }

    /** {@code BTCUSDT: tickSize 0.01 -> 0.1, trading true -> false}. */
    @Override
    public String toString() {
        return symbol + ": " + fields.stream().map(Field::toString).collect(Collectors.joining(", "));
    }
}
