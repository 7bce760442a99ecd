package io.antrest.app.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, points 7, 11 and 12, through the real {@code bin/antrest}: settings and files a careless
 * operator gives end at once with exit code 2 and a message naming the setting or option, the
 * problem and the bound, instead of being retried for ever, read until the heap is full, or
 * reported as a raw stack trace. Each {@code run} here would, before the fix, never end (the
 * gateway retried every 30 s): {@link Installation#run} fails it after its safety limit.
 */
class CarelessOperatorIT {
    /** A generous safety limit: the command must END; it normally does in a second or two. */
    private static final int SAFETY_SECONDS = 60;

    /** One installation for the class: none of these commands changes it. */
    private static Installation antrest;

    @TempDir
    Path dir;

    @BeforeAll
    static void install(@TempDir Path installDir) throws Exception {
        antrest = Installation.copyInto(installDir);
    }

    @Test
    void runRefusesAHundredThousandSessionsNamingTheBound() throws Exception {
        Installation.Run r = run("gateway.a.sessions=100000");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("gateway.a.sessions is 100000, outside 1 to 256", "write a whole number from 1 to 256");
        assertThat(r.all()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void runRefusesAHeartBeatIntervalSoLongItOverflowsNamingTheSettingAndTheBound() throws Exception {
        Installation.Run r = run("gateway.a.heartbeat-interval=PT99999999H");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("gateway.a.heartbeat-interval is 'PT99999999H', outside 1ms to 1h")
                .doesNotContain("long overflow");
    }

    @Test
    void runRefusesAUrlWhosePortCannotExist() throws Exception {
        Installation.Run r = run("gateway.a.url=http://127.0.0.1:99999");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("gateway.a.url", "port 99999, outside 1 to 65535");
    }

    @Test
    void runRefusesAJdbcUrlNoDriverAccepts() throws Exception {
        Installation.Run r = run("antrest.contracts.jdbc-url=jdbc:nosuchdb://x");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("antrest.contracts.jdbc-url is accepted by no JDBC driver", "'nosuchdb'",
                "jdbc:h2:file:PATH");
    }

    @Test
    void runRefusesAnH2DatabaseInADirectoryThatCannotBeMadeWithoutAStackTrace() throws Exception {
        Installation.Run r = run("antrest.contracts.jdbc-url=jdbc:h2:file:/proc/nope/db");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("antrest.contracts.jdbc-url names an H2 database in the directory /proc/nope,"
                + " which cannot be created");
        assertThat(r.all()).doesNotContain("org.h2.").doesNotContain("\tat ");
    }

    @Test
    void runRefusesAMisspeltOptionListingThePluginsOptions() throws Exception {
        Installation.Run r = run("gateway.a.option.recv_windw=5000");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("gateway 'a'", "no option 'recv_windw'", "order_limit, recv_window, weight_limit");
    }

    @Test
    void commandLineCountsAreBoundedToo() throws Exception {
        Installation.Run bench = antrest.run(Map.of(), SAFETY_SECONDS, "bench", "--sessions", "100000", "--requests", "1");
        assertThat(bench.exit()).as(bench.all()).isEqualTo(2);
        assertThat(bench.err()).contains("--sessions must be from 1 to 256, was 100000");

        Installation.Run retry = antrest.run(Map.of(), SAFETY_SECONDS, "run", "--retry-interval", "99999999999");
        assertThat(retry.exit()).as(retry.all()).isEqualTo(2);
        assertThat(retry.err()).contains("--retry-interval must be from 1 to 3600 seconds, was 99999999999");
    }

    @Test
    void signRefusesAMisspeltOptionListingThePluginsOptions() throws Exception {
        Installation.Run r = antrest.run(Map.of(), SAFETY_SECONDS, "sign", "binance", "--api-key", "k", "--secret", "s",
                "--option", "recv_windw=5000", "--method", "GET", "--path", "/api/v3/account", "--time-ms", "1499827319559");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("no option 'recv_windw'", "its options are order_limit, recv_window, weight_limit");
    }

    @Test
    void runWithDevZeroAsItsSettingsFileEndsAtOnceNamingTheBound() throws Exception {
        Installation.Run r = antrest.run(Map.of(), SAFETY_SECONDS, "run", "--config", "/dev/zero");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("settings file /dev/zero is larger than 1 MiB").doesNotContain("OutOfMemoryError");
    }

    @Test
    void signWithDevZeroAsItsSecretFileEndsAtOnceNamingTheOptionAndTheBound() throws Exception {
        Installation.Run r = sign("/dev/zero");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("--secret-file /dev/zero is larger than 64 KiB").doesNotContain("OutOfMemoryError");
    }

    @Test
    void signNamesTheOptionOfAMissingSecretFile() throws Exception {
        Installation.Run r = sign("/nonexistent");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("--secret-file /nonexistent does not exist: give the path of the file holding the secret");
    }

    @Test
    void signNamesTheOptionOfASecretFileThatIsADirectory() throws Exception {
        Installation.Run r = sign(dir.toString());

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("--secret-file " + dir + " is a directory: give the path of the file holding");
    }

    @Test
    void signWarnsAboutASecretFileOthersMayRead() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

        Installation.Run r = sign(secret.toString());

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.err()).contains("warning: --secret-file " + secret + " may be read by other users (rw-r--r--):"
                + " run 'chmod 600 " + secret + "'");
        assertThat(r.all()).doesNotContain("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");

        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Installation.Run privately = sign(secret.toString());
        assertThat(privately.exit()).as(privately.all()).isZero();
        assertThat(privately.err()).doesNotContain("warning");
    }

    @Test
    void contractsWithAnInMemoryDatabaseSaysWhatToGiveInstead() throws Exception {
        Installation.Run r = antrest.run(Map.of(), SAFETY_SECONDS, "contracts", "binance", "--url", "http://127.0.0.1:9",
                "--db", "jdbc:h2:mem:x");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("--db names an H2 in-memory database", "jdbc:h2:file:PATH")
                .doesNotContain("Table \"CONTRACTS\" not found");
    }

    /** A server that accepts connections and never answers: connecting times out, and the hint names the setting. */
    @Test
    void aConnectTimeoutNamesTheSettingAsItIsWritten() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path conf = settings("gateway.a.url=http://127.0.0.1:" + silent.getLocalPort(), "gateway.a.connect-timeout=1s");
            Process run = antrest.start(Map.of(), "run", "--config", conf.toString());
            try {
                String printed = Installation.readUntil(run, "did not come up", SAFETY_SECONDS);
                assertThat(printed).contains("raise the connect timeout (gateway.a.connect-timeout in antrest.properties")
                        .doesNotContain("connect_timeout");
            } finally {
                run.destroyForcibly();
                run.waitFor();
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** {@code bin/antrest run} on a gateway a (binance, nothing listening) with these settings added. */
    private Installation.Run run(String... lines) throws Exception {
        return antrest.run(Map.of(), SAFETY_SECONDS, "run", "--config", settings(lines).toString());
    }

    private Path settings(String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of(
                "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("contracts"),
                "gateway.a.exchange=binance"));
        if (List.of(lines).stream().noneMatch(l -> l.startsWith("gateway.a.url="))) {
            all.add("gateway.a.url=http://127.0.0.1:9");
        }
        all.addAll(List.of(lines));
        return Installation.privateSettings(dir.resolve("antrest.properties"), all);
    }

    /** {@code bin/antrest sign binance} with the secret read from {@code file}. */
    private Installation.Run sign(String file) throws Exception {
        return antrest.run(Map.of(), SAFETY_SECONDS, "sign", "binance", "--api-key", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
                "--secret-file", file, "--method", "GET", "--path", "/api/v3/account", "--time-ms", "1499827319559");
    }
}
