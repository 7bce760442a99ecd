package io.antrest.app.it;

import io.antrest.app.secrets.SecretScan;
import io.antrest.app.secrets.TraceLogConfig;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's security test on the real distribution: {@code bin/antrest demo} with every logger at
 * TRACE through {@code ANTREST_OPTS}, its standard output, standard error and log files searched
 * for the demo accounts' keys and secrets and for anything shaped like a signature. Signatures
 * cannot be recorded from outside the process; every one the demo sends is an HMAC-SHA256, in hex
 * (64 digits: Binance, BitMEX) or Base64 (44 characters: OKX), and none may appear, nor any
 * {@code signature=} or key, signature or passphrase header with a value.
 */
class SecretsAtTraceIT extends InstalledCopy {
    private static final List<String> DEMO_SECRETS = List.of(SimExchange.DEMO_BINANCE_API_KEY, SimExchange.DEMO_BINANCE_SECRET,
            SimExchange.DEMO_BITMEX_API_KEY, SimExchange.DEMO_BITMEX_SECRET, SimExchange.DEMO_OKX_API_KEY,
            SimExchange.DEMO_OKX_SECRET, SimExchange.DEMO_OKX_PASSPHRASE);

    @Test
    void theDemoAtTraceWithTheShippedConfigurationPrintsNoKeySecretOrSignature() throws Exception {
        String everything = demoAtTrace(true);

        assertThat(SecretScan.leaks(everything, DEMO_SECRETS)).as("secrets printed at TRACE").isEmpty();
    }

    @Test
    void theDemoAtTraceWithAConfigurationLackingTheFilterStillPrintsNoKeySecretOrSignature() throws Exception {
        String everything = demoAtTrace(false);

        assertThat(SecretScan.leaks(everything, DEMO_SECRETS)).as("secrets printed at TRACE without the filter configured")
                .isEmpty();
    }

    /** Runs the demo with the installed conf/logback.xml at TRACE; returns its output and its log files. */
    private String demoAtTrace(boolean keepSecretsFilter) throws Exception {
        Path config = dir.resolve("logback-trace.xml");
        Files.writeString(config, TraceLogConfig.of(antrest.home().resolve("conf/logback.xml"), keepSecretsFilter));

        Installation.Run r = antrest.run(Map.of("ANTREST_OPTS", "-Dlogback.configurationFile=" + config), 120, "demo");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("demo done")
                .as("Logback's own account of the levels it set")
                .contains("Setting level of logger [org.apache.hc.client5.http.wire] to TRACE")
                .contains("Setting level of ROOT logger to TRACE");
        assertThat(r.err()).as("the console, its threshold lowered").contains("INFO").contains("REST client 'binance' started");
        String logs = logFiles(antrest.home().resolve("logs"));
        assertThat(logs).as("the log file").contains("gateway 'binance' is UP").contains("gateway 'bitmex' is UP");
        return r.all() + "\n" + logs;
    }

    private static String logFiles(Path logs) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return sb.toString();
    }
}
