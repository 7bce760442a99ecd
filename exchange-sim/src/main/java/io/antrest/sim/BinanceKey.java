package io.antrest.sim;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** A registered Binance API key: an HMAC secret, or an Ed25519 / RSA public key. */
final class BinanceKey {

    private final HmacSha256 hmac;
    private final PublicKey publicKey;
    private final String algorithm;

    private BinanceKey(HmacSha256 hmac, PublicKey publicKey, String algorithm) {
        this.hmac = hmac;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
    }

    static BinanceKey hmac(String secret) {
        return new BinanceKey(new HmacSha256(secret), null, null);
    }

    static BinanceKey publicKey(PublicKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("Binance API keys are HMAC, Ed25519 or RSA; got a "
                    + key.getAlgorithm() + " public key");
        };
        return new BinanceKey(null, key, algorithm);
    }

    /**
     * Checks a signature of the payload: lower- or upper-case hex for HMAC keys, base64 (already
     * URL-decoded) for Ed25519 and RSA keys.
     */
    boolean verify(byte[] payload, String signature) {
        if (hmac != null) {
            return hmac.verifyHex(payload, signature);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(payload);
            return verifier.verify(raw);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
