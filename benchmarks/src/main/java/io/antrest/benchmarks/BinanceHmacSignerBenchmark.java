package io.antrest.benchmarks;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Binance with an HMAC-SHA256 key: a new LIMIT order signed through the plugin (recvWindow,
 * timestamp, hex signature, API-key header), against HMAC-SHA256 alone over the same payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class BinanceHmacSignerBenchmark {
    private RequestSigner signer;
    private Request order;
    private String baseUrl;
    private Clock clock;
    private byte[] payload;

    /** Finds the plugin, makes the signer once (as a gateway does) and the order to sign. */
    @Setup
    public void setUp() {
        Exchange binance = Fixtures.exchange("binance", Credentials.hmac(Fixtures.API_KEY, Fixtures.SECRET));
        signer = binance.signer();
        order = Fixtures.newOrder(binance, "BTCUSDT", "0.00150000", "64123.45");
        baseUrl = binance.baseUrl();
        clock = Clock.systemUTC();
        payload = Fixtures.binancePayload(signer.sign(order, Fixtures.firstAttempt(binance)));
    }

    /** One attempt's signing, as the engine does it before every send. */
    @Benchmark
    public Request signOrder() {
        return signer.sign(order, new SigningContext(baseUrl, 1, clock));
    }

    /** HMAC-SHA256 of the same payload with a {@link Mac} kept by this thread: the floor. */
    @Benchmark
    public byte[] primitive(ThreadMac mac) {
        return mac.mac.doFinal(payload);
    }

    /** One keyed {@link Mac} per benchmark thread. */
    @State(Scope.Thread)
    public static class ThreadMac {
        Mac mac;

        /** Keys the thread's Mac once. */
        @Setup
        public void setUp() throws GeneralSecurityException {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Fixtures.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }
    }
}
