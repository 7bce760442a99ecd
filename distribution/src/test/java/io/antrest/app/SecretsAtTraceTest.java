package io.antrest.app;

import io.antrest.app.faults.FaultRun;
import io.antrest.app.faults.FaultScenario;
import io.antrest.app.faults.FaultVenue;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's security test in this JVM: the demo (Binance, BitMEX and OKX gateways) and a shorter
 * run of every fault scenario on Binance and OKX ({@link #SCENARIO_VENUES}, the two side by side) with
 * every logger at TRACE (the shipped {@code conf/logback.xml}, levels raised, header and wire
 * logs included), everything written to standard output, standard error and the log file
 * captured, and searched for the API keys, the secrets, OKX's passphrases and every signature the
 * plugins' signers actually put on a request (Binance's {@code signature}, BitMEX's
 * {@code api-signature}, OKX's {@code OK-ACCESS-SIGN}, and the key and passphrase headers). A control shows the same configuration without the secrets filter
 * printing them, so the search is known to find what it looks for. Direct clients send with
 * HttpCore alone, which logs no headers; a gateway behind a proxy sends through HttpClient 5,
 * whose loggers would, so both tests include one for each exchange (Binance, OKX, BitMEX).
 */
class SecretsAtTraceTest {
    /** Requests per fault scenario: a shorter run of each than the fault suite's, to keep time. */
    private static final int REQUESTS = 500;
    /**
     * The exchanges whose fault scenarios run at TRACE: one of each way of signing into the query
     * (Binance's {@code signature=}) and into headers (OKX's Base64 {@code OK-ACCESS-SIGN}). BitMEX's
     * hex {@code api-signature} header is logged at TRACE by the demo's BitMEX gateway (its orders
     * and its outage included) and by the call through a proxy (HttpClient's header log); its eleven
     * scenarios at TRACE would cost the build about 27 s, which {@code mvn -B verify}'s 10 minutes
     * do not leave.
     */
    private static final List<FaultVenue> SCENARIO_VENUES = List.of(FaultVenue.BINANCE, FaultVenue.OKX);

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

            results.addAll(everyScenarioSideBySide(new FaultRun(dir.resolve("faults"), recorder.registry())
                    .withoutHeapMeasurement()));
            for (FaultVenue venue : FaultVenue.values()) {
                callThroughAProxy(venue, recorder, dir.resolve("proxied-store-" + venue.exchange()));
            }
            console = capture.console();
        }
        String logFile = TraceCapture.logFiles(home);
        String everything = console + demoOut + demoErr + logFile;

        assertThat(results).extracting(ScenarioResult::exchange).contains("binance", "okx");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.unended()).as("%s %s: requests never ended", r.exchange(), r.scenario()).isZero();
            assertThat(r.violations()).as("%s %s: broken promises", r.exchange(), r.scenario()).isEmpty();
        });
        assertThat(demoOut.toString()).contains("demo done");
        Set<String> sent = recorder.values();
        assertThat(sent).as("signatures and keys the signers sent").hasSizeGreaterThan(results.size() * REQUESTS / 10);
        assertThat(sent).as("the keys and OKX passphrases the signers sent")
                .contains(FaultVenue.BINANCE.apiKey(), FaultVenue.OKX.apiKey(), FaultVenue.OKX.passphrase(),
                        FaultVenue.BITMEX.apiKey(),
                        SimExchange.DEMO_BINANCE_API_KEY, SimExchange.DEMO_BITMEX_API_KEY, SimExchange.DEMO_OKX_API_KEY,
                        SimExchange.DEMO_OKX_PASSPHRASE);
        assertThat(sent.stream().filter(SecretsAtTraceTest::isOkxSignature).count())
                .as("OK-ACCESS-SIGN values (Base64 HMAC-SHA256) recorded from the OKX signer").isGreaterThan(REQUESTS / 10);
        assertThat(console).as("Logback's own account of the levels it set")
                .contains("Setting level of logger [org.apache.hc.client5.http.wire] to TRACE")
                .contains("Setting level of logger [io.antrest] to TRACE");
        assertThat(console).as("the console, its threshold lowered").contains("INFO").contains("REST client '");
        assertThat(logFile).as("the log file").contains("gateway 'binance' is UP").contains("gateway 'bitmex' is UP")
                .contains("gateway 'okx' is UP");

        assertThat(SecretScan.leaks(everything, secrets(recorder))).as("secrets printed at TRACE").isEmpty();
    }

    @Test
    void withoutTheSecretsFilterTheSameConfigurationPrintsTheKeyAndTheSignatures() throws Exception {
        SecretRecorder recorder = new SecretRecorder();
        Path home = dir.resolve("home");
        String console;
        try (TraceCapture capture = TraceCapture.start(TraceLogConfig.shipped(false), home)) {
            for (FaultVenue venue : FaultVenue.values()) {
                callThroughAProxy(venue, recorder, dir.resolve("control-store-" + venue.exchange()));
            }
            console = capture.console();
        }
        String everything = console + TraceCapture.logFiles(home);
        Set<String> sent = recorder.values();

        assertThat(sent).contains(FaultVenue.BINANCE.apiKey(), FaultVenue.OKX.apiKey(), FaultVenue.OKX.passphrase())
                .hasSizeGreaterThan(3);
        assertThat(everything).as("HttpClient's header log, unfiltered").contains(FaultVenue.BINANCE.apiKey())
                .contains(FaultVenue.OKX.apiKey()).contains(FaultVenue.OKX.passphrase())
                .contains(FaultVenue.BITMEX.apiKey());
        assertThat(sent).as("a signature in HttpClient's request line, unfiltered")
                .anySatisfy(value -> assertThat(everything).contains("signature=" + value));
        assertThat(sent.stream().filter(SecretsAtTraceTest::isOkxSignature))
                .as("an OK-ACCESS-SIGN value in HttpClient's header log, unfiltered")
                .anySatisfy(value -> assertThat(everything).contains(value));
        assertThat(SecretScan.leaks(everything, secrets(recorder))).isNotEmpty();
        assertThat(SecretScan.leaks(everything, List.of())).as("leaks found by their shapes alone")
                .anySatisfy(leak -> assertThat(leak).startsWith("a Base64 HMAC-SHA256"));
    }

    /** The shapes OKX's secrets take in a header log are found without knowing their values; the mask is not. */
    @Test
    void theScanFindsOkxHeadersAndBase64SignaturesByTheirShape() {
        String sign = "Hx9Ujy8oPlTc3Yd0Ww2eYl5pQmR7sA1bK4nF6vZ8cJo=";

        assertThat(SecretScan.leaks("http-outgoing-3 >> OK-ACCESS-PASSPHRASE: hunter22", List.of()))
                .singleElement().asString().startsWith("a key or signature header with its value").doesNotContain("hunter22");
        assertThat(SecretScan.leaks("http-outgoing-3 >> OK-ACCESS-KEY: 3f1c9a7e-key", List.of())).hasSize(1);
        assertThat(SecretScan.leaks("[OK-ACCESS-SIGN=" + sign + "]", List.of()))
                .anySatisfy(leak -> assertThat(leak).startsWith("a key or signature header with its value"))
                .anySatisfy(leak -> assertThat(leak).startsWith("a Base64 HMAC-SHA256").doesNotContain(sign));
        assertThat(SecretScan.leaks("headers [OK-ACCESS-KEY=****, OK-ACCESS-SIGN=****, OK-ACCESS-PASSPHRASE=****]",
                List.of())).isEmpty();
    }

    /**
     * Every scenario of each of {@link #SCENARIO_VENUES}, one thread per exchange, the exchanges
     * side by side: each run has its own simulator, monitor and gateway, and the capture takes in
     * every thread's output, so what is printed, and searched, is what one after the other would
     * print; the runs mostly wait (fault stretches, pauses, time-outs), so side by side they take
     * about half the time. The heap is not measured: this test does not check it (the fault suite does).
     */
    private static List<ScenarioResult> everyScenarioSideBySide(FaultRun faults) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SCENARIO_VENUES.size());
        try {
            List<Future<List<ScenarioResult>>> byVenue = new ArrayList<>();
            for (FaultVenue venue : SCENARIO_VENUES) {
                byVenue.add(pool.submit(() -> {
                    List<ScenarioResult> rs = new ArrayList<>();
                    for (FaultScenario scenario : FaultScenario.all(venue)) {
                        rs.add(faults.run(scenario, REQUESTS));
                    }
                    return rs;
                }));
            }
            List<ScenarioResult> all = new ArrayList<>();
            for (Future<List<ScenarioResult>> f : byVenue) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether a recorded value has the shape of an OK-ACCESS-SIGN: Base64 of 32 bytes (HMAC-SHA256). */
    private static boolean isOkxSignature(String value) {
        return value.length() == 44 && value.endsWith("=") && value.matches("[A-Za-z0-9+/]{43}=");
    }

    /**
     * A signed call from a gateway behind a proxy: such clients send through HttpClient 5, whose
     * header and DEBUG loggers print keys and signed request lines. The simulator itself stands in
     * as the proxy.
     */
    private static void callThroughAProxy(FaultVenue venue, SecretRecorder recorder, Path store) throws Exception {
        try (SimExchange sim = SimExchange.builder().port(0).demoKeys(false).build().start();
             MonitorEngine monitor = new MonitorEngine();
             GatewayManager manager = new GatewayManager(recorder.registry(), ContractStore.h2(store),
                     monitor, RestClientConfig.defaults())) {
            venue.register(sim);
            try (Gateway gateway = manager.connect(venue.exchange(), GatewaySettings.builder()
                    .contractPolicy(ContractPolicy.SYNC).proxy("127.0.0.1", sim.port())
                    .exchange(ExchangeSettings.builder().url(venue.url(sim)).credentials(venue.credentials()).build())
                    .build())) {
                gateway.account().get(20, TimeUnit.SECONDS);
                assertThat(gateway.client().proxy()).isPresent();
            }
        }
    }

    private static Set<String> secrets(SecretRecorder recorder) {
        Set<String> all = new java.util.HashSet<>(recorder.values());
        for (FaultVenue venue : FaultVenue.values()) {
            all.add(venue.apiKey());
            all.add(venue.secret());
            if (venue.passphrase() != null) {
                all.add(venue.passphrase());
            }
        }
        all.addAll(List.of(SimExchange.DEMO_BINANCE_API_KEY, SimExchange.DEMO_BINANCE_SECRET,
                SimExchange.DEMO_BITMEX_API_KEY, SimExchange.DEMO_BITMEX_SECRET,
                SimExchange.DEMO_OKX_API_KEY, SimExchange.DEMO_OKX_SECRET, SimExchange.DEMO_OKX_PASSPHRASE));
        return all;
    }
}
