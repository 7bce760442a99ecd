package io.antrest.benchmarks;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.KeyType;
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

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Binance with a 2048-bit RSA key (SHA256withRSA, PKCS#1 v1.5): a new LIMIT order signed through the plugin (the PEM key parsed once,
 * when the signer is made; base64 signature), against the SHA256withRSA signature alone over the
 * same payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class BinanceRsaSignerBenchmark {
    private KeyPair keys;
    private RequestSigner signer;
    private Request order;
    private String baseUrl;
    private Clock clock;
    private byte[] payload;

    /** Makes a key, gives its PEM text to the plugin as a user would, and makes the order to sign. */
    @Setup
    public void setUp() {
        keys = Fixtures.keyPair(KeyType.RSA);
        Exchange binance = Fixtures.exchange("binance",
                new Credentials(Fixtures.API_KEY, Fixtures.pkcs8Pem(keys.getPrivate()), KeyType.RSA));
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

    /** SHA256withRSA of the same payload with a {@link Signature} kept by this thread: the floor. */
    @Benchmark
    public byte[] primitive(ThreadSignature signature) throws GeneralSecurityException {
        signature.signature.update(payload);
        return signature.signature.sign();
    }

    /** One {@link Signature}, initialised with the benchmark's key, per benchmark thread. */
    @State(Scope.Thread)
    public static class ThreadSignature {
        Signature signature;

        /** Initialises the thread's Signature once with the benchmark's private key. */
        @Setup
        public void setUp(BinanceRsaSignerBenchmark benchmark) throws GeneralSecurityException {
            signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(benchmark.keys.getPrivate());
        }
    }
}
