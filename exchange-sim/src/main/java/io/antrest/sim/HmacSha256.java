package io.antrest.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with one secret, one {@link Mac} per thread so the hot path never re-initialises a
 * key. The secret never leaves this object (no accessor, no {@code toString}).
 */
final class HmacSha256 {

    private final ThreadLocal<Mac> macs;

    HmacSha256(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
            }
        });
    }

    byte[] sign(byte[] message) {
        return macs.get().doFinal(message);
    }

    /** Whether {@code hexSignature} is this secret's signature of the message, compared in constant time. */
    boolean verifyHex(byte[] message, String hexSignature) {
        byte[] given = Codec.unhex(hexSignature);
        return given != null && MessageDigest.isEqual(sign(message), given);
    }

    /**
     * Whether {@code base64Signature} (standard alphabet, padded, as OKX sends it) is this secret's
     * signature of the message, compared in constant time.
     */
    boolean verifyBase64(byte[] message, String base64Signature) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(base64Signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(message), given);
    }

    @Override
    public String toString() {
        return "HmacSha256[secret hidden]";
    }
}
