package io.antrest.gateway.binance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/** Hex HMAC-SHA256 with a shared secret; one {@link Mac}, keyed once, per thread. */
final class HmacPayloadSigner implements PayloadSigner {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    HmacPayloadSigner(String secret) {
        requireNonNull(secret, "secret is null");
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.mac = ThreadLocal.withInitial(this::newMac);
        newMac();
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            // The message names the algorithm only: the exception of a key init may describe the key.
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String sign(byte[] payload) {
        Mac m = mac.get();
        return HexFormat.of().formatHex(m.doFinal(payload));
    }

    @Override
    public String toString() {
        return "HmacPayloadSigner{****}";
    }
}
