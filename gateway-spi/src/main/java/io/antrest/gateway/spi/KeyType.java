package io.antrest.gateway.spi;

/** The kind of API key: a shared HMAC secret, or a private key whose public half the exchange holds. */
public enum KeyType {
    /** HMAC-SHA256 with a shared secret. */
    HMAC,
    /** Ed25519 private key (PKCS#8 PEM). */
    ED25519,
    /** RSA private key (PKCS#8 PEM), signing SHA256withRSA. */
    RSA
}
