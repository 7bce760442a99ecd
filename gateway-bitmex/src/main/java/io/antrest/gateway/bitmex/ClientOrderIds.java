package io.antrest.gateway.bitmex;

import java.math.BigInteger;
import java.util.UUID;

/**
 * Makes BitMEX {@code clOrdID}s (at most 36 characters): {@code antrest-} and 122 random bits in
 * base 36 (at most 33 characters), so two ids never collide in practice.
 */
final class ClientOrderIds {
    static final String PREFIX = "antrest-";

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
}
