package io.antrest.benchmarks;

import io.antrest.core.Request;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import org.openjdk.jmh.annotations.Setup;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * BitMEX with an HMAC-SHA256 key: a new limit order (JSON body) signed through the plugin
 * (api-expires, api-key and hex api-signature headers over verb, full path, expiry and body),
 * against HMAC-SHA256 alone over the same message.
 */
public class BitmexHmacSignerBenchmark extends SignerBenchmark {
    private Mac mac;
    private byte[] message;

    /** Finds the plugin, makes the signer once (as a gateway does), the order to sign and a keyed Mac. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        Exchange bitmex = Fixtures.exchange("bitmex", Credentials.hmac(Fixtures.API_KEY, Fixtures.SECRET));
        Request signed = use(bitmex, Fixtures.newOrder(bitmex, "XBTUSD", "100", "64123.5"));
        message = (signed.method().name() + Fixtures.firstAttempt(bitmex).fullPathWithQuery(signed)
                + signed.header("api-expires").orElseThrow() + signed.bodyText()).getBytes(StandardCharsets.UTF_8);
        mac = Fixtures.hmacSha256();
    }

    @Override
    protected byte[] signPrimitive() {
        return mac.doFinal(message);
    }
}
