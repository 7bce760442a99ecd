package io.antrest.gateway.spi;

import io.antrest.core.Printable;

import static java.util.Objects.requireNonNull;

/**
 * A contract whose numbers are impossible (a tick size of zero or less, a negative limit) or out
 * of the bounds a {@link Contract} accepts. The message names the exchange, the contract, the
 * field, the value and the rule broken, e.g. {@code binance contract ETHUSDT: tickSize -0.01 must
 * be greater than zero (…)}; the symbol, which is the exchange's text, is printed with control
 * characters escaped.
 */
public final class InvalidContractException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final int SYMBOL_SHOWN = 64;

    private final String exchange;
    private final String symbol;
    private final String field;

    /**
     * A refusal of one field of one contract.
     *
     * @param exchange the exchange's name
     * @param symbol   the contract, as the exchange names it
     * @param field    the field, e.g. {@code tickSize}
     * @param value    the value as it may be printed (short: never a number's full expansion)
     * @param problem  what is wrong with it and the rule, e.g. {@code must be greater than zero}
     */
    public InvalidContractException(String exchange, String symbol, String field, String value, String problem) {
        super(requireNonNull(exchange, "exchange is null") + " contract " + Printable.of(symbol, SYMBOL_SHOWN) + ": "
                + requireNonNull(field, "field is null") + " " + value + " " + problem);
        this.exchange = exchange;
        this.symbol = requireNonNull(symbol, "symbol is null");
        this.field = field;
    }

    /** The exchange's name. */
    public String exchange() {
        return exchange;
    }

    /** The contract's symbol, as the exchange sent it (escape it before printing). */
    public String symbol() {
        return symbol;
    }

    /** The field refused, e.g. {@code tickSize}. */
    public String field() {
        return field;
    }
}
