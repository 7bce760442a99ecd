package io.antrest.gateway.binance;

import java.math.BigInteger;
import java.util.UUID;

/**
 * Makes client order ids in Binance's allowed form {@code [.A-Z:/a-z0-9_-]{1,36}}: {@code antrest-}
 * and 122 random bits in base 36 (at most 33 characters), so two ids never collide in practice.
 */
final class ClientOrderIds {
    static final String PREFIX = "antrest-";

    private ClientOrderIds() {
    }

    static String next() {
        UUID u = UUID.randomUUID();
        BigInteger bits = new BigInteger(1, longsToBytes(u.getMostSignificantBits(), u.getLeastSignificantBits()));
        return PREFIX + bits.toString(36);
    }

    private static byte[] longsToBytes(long hi, long lo) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }
}
