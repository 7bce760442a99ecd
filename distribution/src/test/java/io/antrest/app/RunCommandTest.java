package io.antrest.app;

import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code antrest run} in this JVM against the simulator, stopped as Ctrl-C stops it. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void runConnectsWhatItCanReportsWhatItCannotFollowsStatesAndStopsCleanly() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            Path conf = dir.resolve("antrest.properties");
            Files.writeString(conf, String.join("\n",
                    "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("contracts"),
                    "antrest.monitor.heartbeat-interval=200ms",
                    "antrest.monitor.http.bind=0",
                    "gateway.spot.exchange=binance",
                    "gateway.spot.url=" + sim.binanceUrl(),
                    "gateway.spot.api-key=" + SimExchange.DEMO_BINANCE_API_KEY,
                    "gateway.spot.secret=" + SimExchange.DEMO_BINANCE_SECRET,
                    "gateway.perp.exchange=bitmex",
                    "gateway.perp.url=" + sim.bitmexUrl(),
                    "gateway.gone.exchange=binance",
                    "gateway.gone.url=http://127.0.0.1:" + deadPort,
                    "gateway.gone.connect-timeout=2s", ""));
            Running r = Running.start(conf);
            StringWriter out = r.out();
            StringWriter err = r.err();
            RunCommand run = r.run();
            CompletableFuture<Integer> exit = r.exit();
            waitFor(out, "running; Ctrl-C stops");
            sim.stop();
            waitFor(out, "spot: \\w+ -> DOWN");
            sim.restart();
            waitFor(out, "spot: DOWN -> UP");
            run.requestStop();

            assertThat(exit.get(30, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
            assertThat(out.toString())
                    .contains("gateway 'spot' (binance) is UP", "gateway 'perp' (bitmex) is UP")
                    .contains("GATEWAY", "spot", "perp")
                    .contains("stopping: closing 2 gateway(s)", "stopped cleanly")
                    .doesNotContain(SimExchange.DEMO_BINANCE_SECRET);
            assertThat(err.toString())
                    .contains("warning: settings file " + conf)
                    .contains("gateway 'gone' (binance) did not come up")
                    .doesNotContain(SimExchange.DEMO_BINANCE_SECRET);
        }
    }

    /** {@code antrest run --config conf} started in this JVM, with what it prints. */
    private record Running(RunCommand run, StringWriter out, StringWriter err, CompletableFuture<Integer> exit) {
        static Running start(Path conf) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            RunCommand run = new RunCommand();
            CommandLine cmd = new CommandLine(run);
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            return new Running(run, out, err, CompletableFuture.supplyAsync(() -> cmd.execute("--config", conf.toString())));
        }
    }

    private static void waitFor(StringWriter out, String regex) throws InterruptedException {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!p.matcher(out.toString()).find()) {
            assertThat(System.nanoTime()).as("waited 30 s for '" + regex + "' in:\n" + out).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void aSettingsFileWithoutGatewaysIsAUsageError() throws IOException {
        Path conf = dir.resolve("empty.properties");
        Files.writeString(conf, "# nothing\n");
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new RunCommand());
        cmd.setErr(new PrintWriter(err, true));

        assertThat(cmd.execute("--config", conf.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("configures no gateway").contains("gateway.NAME.exchange");
    }

    @Test
    void aMonitorAddressThatIsNotHostAndPortIsExitCodeTwoNamingTheSettingAndTheForm() throws IOException {
        for (String bad : java.util.List.of("9464", "localhost:http", "127.0.0.1:70000", "::1:9464", "no-such-host.invalid:9464")) {
            Path conf = dir.resolve("bad-bind.properties");
            Files.writeString(conf, "gateway.spot.exchange=binance\nantrest.monitor.http.bind=" + bad + "\n");
            StringWriter err = new StringWriter();
            CommandLine cmd = new CommandLine(new RunCommand());
            cmd.setErr(new PrintWriter(err, true));

            assertThat(cmd.execute("--config", conf.toString())).as(bad).isEqualTo(2);
            assertThat(err.toString()).as(bad).contains("antrest.monitor.http.bind").containsAnyOf("HOST:PORT", "port", "host");
        }
    }

    @Test
    void aMonitorPortInUseIsExitCodeTwoNamingTheAddressAndTheFix() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path conf = dir.resolve("taken.properties");
            Files.writeString(conf, String.join("\n",
                    "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("taken-contracts"),
                    "antrest.monitor.http.bind=127.0.0.1:" + taken.getLocalPort(),
                    "gateway.spot.exchange=binance", ""));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cmd = new CommandLine(new RunCommand());
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));

            assertThat(cmd.execute("--config", conf.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("antrest.monitor.http.bind: 127.0.0.1:" + taken.getLocalPort() + " is in use")
                    .contains("or 0 to serve no metrics or health");
            assertThat(out.toString()).as("no gateway was connected").doesNotContain("is UP");
        }
    }

    @Test
    void theDefaultMonitorPortInUseIsReportedAndTheRunGoesOn() throws Exception {
        ServerSocket held = null;
        try {
            held = new ServerSocket(9464, 1, java.net.InetAddress.getByName("127.0.0.1"));
        } catch (java.net.BindException takenAlready) {
            // another program holds it: in use all the same
        }
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            Path conf = dir.resolve("default-port.properties");
            Files.writeString(conf, String.join("\n",
                    "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("default-port-contracts"),
                    "gateway.spot.exchange=binance",
                    "gateway.spot.url=" + sim.binanceUrl(), ""));
            Running r = Running.start(conf);
            StringWriter out = r.out();
            StringWriter err = r.err();
            RunCommand run = r.run();
            CompletableFuture<Integer> exit = r.exit();
            waitFor(out, "running; Ctrl-C stops");
            run.requestStop();

            assertThat(exit.get(30, TimeUnit.SECONDS)).as(out + "\n" + err).isZero();
            assertThat(err.toString()).contains("error: metrics and health are not served: the default address"
                    + " 127.0.0.1:9464 is in use").contains("set antrest.monitor.http.bind to another HOST:PORT");
            assertThat(out.toString()).contains("gateway 'spot' (binance) is UP").doesNotContain("metrics on http");
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }
}
