package io.antrest.gateway.binance;

/**
 * Signs the bytes of a Binance payload with one key: hex HMAC-SHA256, or base64 Ed25519 / RSA.
 * Thread-safe; never prints its key.
 */
interface PayloadSigner {

    /** The signature of {@code payload}, as Binance expects it in the {@code signature} parameter (not URL-encoded). */
    String sign(byte[] payload);
}
