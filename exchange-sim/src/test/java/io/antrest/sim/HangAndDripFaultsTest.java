package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The faults of a hostile or frozen exchange: {@code hang}, {@code drip}, {@code retry-after} and the {@code /*} path. */
class HangAndDripFaultsTest {
    private SimExchange sim;

    @BeforeEach
    void start() {
        sim = SimExchange.builder().build().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Socket get(String path) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), sim.port());
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    @Test
    void aFrozenExchangeAcceptsButAnswersNothingUntilItThawsThenAnswersLate() throws Exception {
        sim.faults().apply("/*:hang=5");
        try (Socket s = get("/api/v3/time")) {
            s.setSoTimeout(500);
            InputStream in = s.getInputStream();
            assertThatThrownBy(in::read).as("nothing comes while frozen").isInstanceOf(SocketTimeoutException.class);
            sim.faults().clear();
            s.setSoTimeout(10_000);
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("serverTime");
        }
    }

    @Test
    void aDripAnswersOneByteAtATimeUntilTheFaultsAreCleared() throws Exception {
        sim.faults().apply("/api/v3/ping:drip");
        try (Socket s = get("/api/v3/ping")) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            StringBuilder got = new StringBuilder();
            while (!got.toString().contains("\r\n\r\n")) {
                got.append((char) in.read());
            }
            assertThat(got.toString()).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked");
            int spaces = 0;
            StringBuilder body = new StringBuilder();
            while (spaces < 3) {
                char c = (char) in.read();
                body.append(c);
                spaces += c == ' ' ? 1 : 0;
            }
            sim.faults().clear();
            String rest = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(rest).contains("{}");
        }
    }

    @Test
    void aRetryAfterFaultSetsTheRetryAfterOfInjected429s() throws Exception {
        sim.faults().apply("/api/v3/ping:status=429;retry-after=999999999");
        RawHttp.Reply r = RawHttp.get(sim.port(), "/api/v3/ping");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isEqualTo("999999999");
    }

    @Test
    void theNewFaultsParseAndBadOnesAreRefused() {
        FaultSpec spec = FaultSpec.parse("/*:hang=2;drip;retry-after=60");
        assertThat(spec.path()).isEqualTo("/*");
        assertThat(spec.retryAfter()).isEqualTo(60L);
        assertThat(spec.steps()).extracting(FaultStep::kind)
                .containsExactly(FaultStep.Kind.HANG, FaultStep.Kind.HANG, FaultStep.Kind.DRIP);
        assertThatThrownBy(() -> FaultSpec.parse("/x:retry-after=soon")).isInstanceOf(FaultSpecException.class)
                .hasMessageContaining("retry-after needs a whole number of seconds");
        assertThatThrownBy(() -> FaultSpec.parse("/x:freeze")).hasMessageContaining("hang, drip, retry-after");
    }
}
