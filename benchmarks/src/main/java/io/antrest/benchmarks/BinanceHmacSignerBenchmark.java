package io.antrest.benchmarks;

import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import org.openjdk.jmh.annotations.Setup;

import javax.crypto.Mac;
import java.security.GeneralSecurityException;

/**
 * Binance with an HMAC-SHA256 key: a new LIMIT order signed through the plugin (recvWindow,
 * timestamp, hex signature, API-key header), against HMAC-SHA256 alone over the same payload.
 */
public class BinanceHmacSignerBenchmark extends SignerBenchmark {
    private Mac mac;
    private byte[] payload;

    /** Finds the plugin, makes the signer once (as a gateway does), the order to sign and a keyed Mac. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        Exchange binance = Fixtures.exchange("binance", Credentials.hmac(Fixtures.API_KEY, Fixtures.SECRET));
        payload = Fixtures.binancePayload(use(binance, Fixtures.newOrder(binance, "BTCUSDT", "0.00150000", "64123.45")));
        mac = Fixtures.hmacSha256();
    }

    @Override
    protected byte[] signPrimitive() {
        return mac.doFinal(payload);
    }
}
