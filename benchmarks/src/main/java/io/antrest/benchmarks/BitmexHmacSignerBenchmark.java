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
 * BitMEX with an HMAC-SHA256 key: a new limit order (JSON body) signed through the plugin
 * (api-expires, api-key and hex api-signature headers over verb, full path, expiry and body),
 * against HMAC-SHA256 alone over the same message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class BitmexHmacSignerBenchmark {
    private RequestSigner signer;
    private Request order;
    private String baseUrl;
    private Clock clock;
    private byte[] message;

    /** Finds the plugin, makes the signer once (as a gateway does) and the order to sign. */
    @Setup
    public void setUp() {
        Exchange bitmex = Fixtures.exchange("bitmex", Credentials.hmac(Fixtures.API_KEY, Fixtures.SECRET));
        signer = bitmex.signer();
        order = Fixtures.newOrder(bitmex, "XBTUSD", "100", "64123.5");
        baseUrl = bitmex.baseUrl();
        clock = Clock.systemUTC();
        SigningContext context = Fixtures.firstAttempt(bitmex);
        Request signed = signer.sign(order, context);
        String expires = signed.header("api-expires").orElseThrow();
        message = (signed.method().name() + context.fullPathWithQuery(signed) + expires + signed.bodyText())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One attempt's signing, as the engine does it before every send. */
    @Benchmark
    public Request signOrder() {
        return signer.sign(order, new SigningContext(baseUrl, 1, clock));
    }

    /** HMAC-SHA256 of the same message with a {@link Mac} kept by this thread: the floor. */
    @Benchmark
    public byte[] primitive(ThreadMac mac) {
        return mac.mac.doFinal(message);
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
