package io.antrest.gateway.okx;

import java.math.BigInteger;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * OKX client order ids (Trade &gt; Place order, {@code clOrdId}): "a combination of case-sensitive
 * alphanumerics, all numbers, or all letters of up to 32 characters". New ones are
 * {@code antrest} and a random UUID's 128 bits in base 36 (at most 25 characters): at most 32
 * characters, letters and digits only, never colliding in practice.
 */
final class ClientOrderIds {
    static final String PREFIX = "antrest";
    static final int MAX_LENGTH = 32;
    static final String RULE = "an OKX clOrdId is 1 to 32 letters (a-z, A-Z) and digits (0-9), nothing else";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]{1," + MAX_LENGTH + "}");

    private ClientOrderIds() {
    }

    static String next() {
        UUID u = UUID.randomUUID();
        byte[] b = new byte[16];
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return PREFIX + new BigInteger(1, b).toString(36);
    }

    static boolean isValid(String id) {
        return VALID.matcher(id).matches();
    }

    /**
     * Checks a caller's id.
     *
     * @throws IllegalArgumentException naming the rule, quoting at most the id's first 40 characters
     */
    static String require(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("client order id \"" + io.antrest.core.Printable.of(id, 40)
                    + "\" is refused: " + RULE + " (OKX v5 docs, Trade > Place order, clOrdId)");
        }
        return id;
    }
}
