package io.antrest.benchmarks;

import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.KeyType;
import org.openjdk.jmh.annotations.Setup;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;

/**
 * Binance with an asymmetric key: a new LIMIT order signed through the plugin (the PEM key parsed
 * once, when the signer is made; base64 signature), against the signature algorithm alone over the
 * same payload.
 */
public abstract class KeyPairSignerBenchmark extends SignerBenchmark {
    private final KeyType type;
    private final String algorithm;
    private Signature signature;
    private byte[] payload;

    KeyPairSignerBenchmark(KeyType type, String algorithm) {
        this.type = type;
        this.algorithm = algorithm;
    }

    /** Makes a key, gives its PEM text to the plugin as a user would, and makes the order to sign. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        KeyPair keys = Fixtures.keyPair(type);
        Exchange binance = Fixtures.exchange("binance",
                new Credentials(Fixtures.API_KEY, Fixtures.pkcs8Pem(keys.getPrivate()), type));
        payload = Fixtures.binancePayload(use(binance, Fixtures.newOrder(binance, "BTCUSDT", "0.00150000", "64123.45")));
        signature = Signature.getInstance(algorithm);
        signature.initSign(keys.getPrivate());
    }

    @Override
    protected byte[] signPrimitive() throws GeneralSecurityException {
        signature.update(payload);
        return signature.sign();
    }
}
