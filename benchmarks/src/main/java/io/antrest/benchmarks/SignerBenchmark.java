package io.antrest.benchmarks;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Exchange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * What every signer benchmark measures: {@code signOrder}, a new order signed through the plugin's
 * {@link RequestSigner} with a fresh {@link SigningContext} (the call the engine makes before every
 * attempt), and {@code primitive}, the JDK algorithm alone over the same bytes: the floor. The
 * state is per thread, so each thread keeps its own keyed {@code Mac} or {@code Signature}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public abstract class SignerBenchmark {
    private final Clock clock = Clock.systemUTC();
    private RequestSigner signer;
    private Request order;
    private String baseUrl;

    /** Signs with {@code exchange}'s signer, made once as a gateway makes it; returns its first signing of {@code order}. */
    Request use(Exchange exchange, Request order) {
        this.signer = exchange.signer();
        this.order = order;
        this.baseUrl = exchange.baseUrl();
        return signer.sign(order, Fixtures.firstAttempt(exchange));
    }

    /** One attempt's signing, as the engine does it before every send. */
    @Benchmark
    public Request signOrder() {
        return signer.sign(order, new SigningContext(baseUrl, 1, clock));
    }

    /** The JDK primitive alone over the bytes the plugin signs, with this thread's keyed instance. */
    @Benchmark
    public byte[] primitive() throws GeneralSecurityException {
        return signPrimitive();
    }

    /** Signs the prepared bytes with the bare primitive. */
    protected abstract byte[] signPrimitive() throws GeneralSecurityException;
}
