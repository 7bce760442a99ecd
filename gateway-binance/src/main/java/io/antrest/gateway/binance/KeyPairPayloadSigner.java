package io.antrest.gateway.binance;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * Base64 signatures with a private key: Ed25519 or SHA256withRSA (PKCS#1 v1.5), as Binance
 * accepts them. The key is parsed once; one {@link Signature}, initialised with it, per thread.
 */
final class KeyPairPayloadSigner implements PayloadSigner {
    private final String algorithm;
    private final PrivateKey key;
    private final ThreadLocal<Signature> signature;

    KeyPairPayloadSigner(String algorithm, PrivateKey key) {
        this.algorithm = requireNonNull(algorithm, "algorithm is null");
        this.key = requireNonNull(key, "key is null");
        this.signature = ThreadLocal.withInitial(this::newSignature);
        newSignature();
    }

    private Signature newSignature() {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            return s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " signing is not available with this key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String sign(byte[] payload) {
        Signature s = signature.get();
        try {
            // sign() resets the object to the state right after initSign, ready for the next payload.
            s.update(payload);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            signature.remove();
            throw new IllegalStateException(algorithm + " signing failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "KeyPairPayloadSigner{" + algorithm + ", ****}";
    }
}
