package io.antrest.gateway.spi;

import io.antrest.core.Printable;

import java.math.BigDecimal;

/**
 * Reads a number an exchange sent as text (Binance's {@code "0.01000000"}, OKX's {@code "0.1"}) into
 * a {@link BigDecimal}, refusing text too long to be a price or a size before parsing it: the JDK
 * parses a number of millions of digits in time that grows with the square of its length.
 */
public final class Decimals {
    /** The longest text read as a number: {@link Contract#MAX_DIGITS_WRITTEN} digits, with room for sign, point and exponent. */
    public static final int MAX_LENGTH = Contract.MAX_DIGITS_WRITTEN + 20;
    private static final int SHOWN = 40;

    private Decimals() {
    }

    /**
     * The number {@code text} writes, surrounding white space ignored.
     *
     * @throws NumberFormatException when it is not a decimal number, or longer than {@value #MAX_LENGTH}
     *                               characters; the message quotes at most its start, control characters escaped
     */
    public static BigDecimal parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() > MAX_LENGTH) {
            throw new NumberFormatException("a number written with " + t.length() + " characters (" + Printable.of(t, SHOWN)
                    + "), more than the " + MAX_LENGTH + " read");
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a decimal number: \"" + Printable.of(t, SHOWN) + "\"");
        }
    }
}
