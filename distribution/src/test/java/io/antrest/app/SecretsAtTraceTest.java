package io.antrest.app;

import io.antrest.app.faults.FaultRun;
import io.antrest.app.faults.FaultScenario;
import io.antrest.app.faults.ScenarioResult;
import io.antrest.app.secrets.SecretRecorder;
import io.antrest.app.secrets.SecretScan;
import io.antrest.app.secrets.TraceLogConfig;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.ContractPolicy;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.Gateway;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.monitor.MonitorEngine;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's security test in this JVM: the demo and a shorter run of every fault scenario with
 * every logger at TRACE (the shipped {@code conf/logback.xml}, levels raised, header and wire
 * logs included), everything written to standard output, standard error and the log file
 * captured, and searched for the API keys, the secrets and every signature the plugins' signers
 * actually put on a request. A control shows the same configuration without the secrets filter
 * printing them, so the search is known to find what it looks for. Direct clients send with
 * HttpCore alone, which logs no headers; a gateway behind a proxy sends through HttpClient 5,
 * whose loggers would, so both tests include one.
 */
class SecretsAtTraceTest {
    /** Requests per fault scenario: a shorter run of each than the fault suite's, to keep time. */
    private static final int REQUESTS = 500;

    @TempDir
    Path dir;

    @Test
    void theDemoAndEveryFaultScenarioAtTraceNeverPrintAKeySecretOrSignature() throws Exception {
        SecretRecorder recorder = new SecretRecorder();
        Path home = dir.resolve("home");
        StringWriter demoOut = new StringWriter();
        StringWriter demoErr = new StringWriter();
        List<ScenarioResult> results = new ArrayList<>();
        String console;
        try (TraceCapture capture = TraceCapture.start(TraceLogConfig.shipped(true), home)) {
            DemoCommand demo = new DemoCommand();
            demo.registry = recorder.registry();
            CommandLine cmd = new CommandLine(demo);
            cmd.setOut(new PrintWriter(demoOut, true));
            cmd.setErr(new PrintWriter(demoErr, true));
            assertThat(cmd.execute("--db", "jdbc:h2:file:" + dir.resolve("demo"))).as("the demo's exit code").isZero();

            FaultRun faults = new FaultRun(dir.resolve("faults"), recorder.registry());
            for (FaultScenario scenario : FaultScenario.all()) {
                results.add(faults.run(scenario, REQUESTS));
            }
            callThroughAProxy(recorder, dir.resolve("proxied-store"));
            console = capture.console();
        }
        String logFile = TraceCapture.logFiles(home);
        String everything = console + demoOut + demoErr + logFile;

        assertThat(results).allSatisfy(r -> {
            assertThat(r.unended()).as("%s: requests never ended", r.scenario()).isZero();
            assertThat(r.violations()).as("%s: broken promises", r.scenario()).isEmpty();
        });
        assertThat(demoOut.toString()).contains("demo done");
        assertThat(recorder.values()).as("signatures and keys the signers sent")
                .hasSizeGreaterThan(FaultScenario.all().size() * REQUESTS / 10);
        assertThat(console).as("Logback's own account of the levels it set")
                .contains("Setting level of logger [org.apache.hc.client5.http.wire] to TRACE")
                .contains("Setting level of logger [io.antrest] to TRACE");
        assertThat(console).as("the console, its threshold lowered").contains("INFO").contains("REST client '");
        assertThat(logFile).as("the log file").contains("gateway 'binance' is UP").contains("gateway 'bitmex' is UP");

        assertThat(SecretScan.leaks(everything, secrets(recorder))).as("secrets printed at TRACE").isEmpty();
    }

    @Test
    void withoutTheSecretsFilterTheSameConfigurationPrintsTheKeyAndTheSignatures() throws Exception {
        SecretRecorder recorder = new SecretRecorder();
        Path home = dir.resolve("home");
        String console;
        try (TraceCapture capture = TraceCapture.start(TraceLogConfig.shipped(false), home)) {
            callThroughAProxy(recorder, dir.resolve("control-store"));
            console = capture.console();
        }
        String everything = console + TraceCapture.logFiles(home);

        assertThat(recorder.values()).contains(FaultRun.API_KEY).hasSizeGreaterThan(1);
        assertThat(everything).as("HttpClient's header log, unfiltered").contains(FaultRun.API_KEY);
        assertThat(recorder.values()).as("a signature in HttpClient's request line, unfiltered")
                .anySatisfy(value -> assertThat(everything).contains("signature=" + value));
        assertThat(SecretScan.leaks(everything, secrets(recorder))).isNotEmpty();
    }

    /**
     * A signed call from a gateway behind a proxy: such clients send through HttpClient 5, whose
     * header and DEBUG loggers print keys and signed request lines. The simulator itself stands in
     * as the proxy.
     */
    private static void callThroughAProxy(SecretRecorder recorder, Path store) throws Exception {
        try (SimExchange sim = SimExchange.builder().port(0).demoKeys(false).build().start();
             MonitorEngine monitor = new MonitorEngine();
             GatewayManager manager = new GatewayManager(recorder.registry(), ContractStore.h2(store),
                     monitor, RestClientConfig.defaults())) {
            sim.addBinanceKey(FaultRun.API_KEY, FaultRun.SECRET);
            try (Gateway gateway = manager.connect("binance", GatewaySettings.builder().contractPolicy(ContractPolicy.SYNC)
                    .proxy("127.0.0.1", sim.port())
                    .exchange(ExchangeSettings.builder().url(sim.binanceUrl())
                            .credentials(Credentials.hmac(FaultRun.API_KEY, FaultRun.SECRET)).build())
                    .build())) {
                gateway.account().get(20, TimeUnit.SECONDS);
                assertThat(gateway.client().proxy()).isPresent();
            }
        }
    }

    private static Set<String> secrets(SecretRecorder recorder) {
        Set<String> all = new java.util.HashSet<>(recorder.values());
        all.addAll(List.of(FaultRun.API_KEY, FaultRun.SECRET, SimExchange.DEMO_BINANCE_API_KEY, SimExchange.DEMO_BINANCE_SECRET,
                SimExchange.DEMO_BITMEX_API_KEY, SimExchange.DEMO_BITMEX_SECRET));
        return all;
    }
}
