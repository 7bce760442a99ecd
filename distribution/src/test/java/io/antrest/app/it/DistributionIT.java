package io.antrest.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.Json;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The real distribution: {@code bin/antrest} of the unpacked tree, run as a user runs it. */
class DistributionIT extends InstalledCopy {
    @Test
    void theTreeHoldsTheLauncherSettingsLibrariesPluginsAndData() {
        Path home = antrest.home();
        assertThat(home.resolve("bin/antrest")).isExecutable();
        assertThat(home.resolve("bin/antrest.cmd")).content().contains("\r\n").contains("io.antrest.app.Main");
        assertThat(home.resolve("bin/antrest")).content().doesNotContain("\r");
        assertThat(home.resolve("conf/antrest.properties")).exists();
        assertThat(home.resolve("conf/logback.xml")).content().contains("SecretsTurboFilter");
        assertThat(home.resolve("data")).isDirectory();
        assertThat(home.resolve("lib/antrest-rest-core-0.1.0-SNAPSHOT.jar")).exists();
        assertThat(home.resolve("lib")).isDirectoryNotContaining("glob:**/antrest-gateway-binance*");
        assertThat(home.resolve("plugins/antrest-gateway-binance-0.1.0-SNAPSHOT.jar")).exists();
        assertThat(home.resolve("plugins/antrest-gateway-bitmex-0.1.0-SNAPSHOT.jar")).exists();
        assertThat(home.resolve("plugins/antrest-gateway-okx-0.1.0-SNAPSHOT.jar")).exists();
        assertThat(home.resolve("lib")).isDirectoryNotContaining("glob:**/antrest-gateway-okx*");
        assertThat(Path.of("target/antrest-0.1.0-SNAPSHOT.zip")).exists();
    }

    @Test
    void exchangesListsEachPluginWithVersionAndJar() throws Exception {
        Installation.Run r = antrest.run("exchanges");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "binance 0.1.0 " + antrest.plugins().resolve("antrest-gateway-binance-0.1.0-SNAPSHOT.jar"),
                "bitmex 0.1.0 " + antrest.plugins().resolve("antrest-gateway-bitmex-0.1.0-SNAPSHOT.jar"),
                "okx 0.1.0 " + antrest.plugins().resolve("antrest-gateway-okx-0.1.0-SNAPSHOT.jar"));
    }

    @Test
    void antrestOptsReachTheJvm() throws Exception {
        Path log = dir.resolve("custom.log");
        Path config = dir.resolve("custom-logback.xml");
        Files.writeString(config, "<configuration><appender name=\"F\" class=\"ch.qos.logback.core.FileAppender\">"
                + "<file>" + log + "</file><encoder><pattern>%msg%n</pattern></encoder></appender>"
                + "<root level=\"INFO\"><appender-ref ref=\"F\"/></root></configuration>");

        Installation.Run r = antrest.run(Map.of("ANTREST_OPTS", "-Dlogback.configurationFile=" + config), 60, "exchanges");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(log).content().contains("exchange plugins found");
    }

    @Test
    void aPluginJarDroppedIntoPluginsIsListedAndARemovedOneIsGone() throws Exception {
        Path jar = ToyPlugin.build(antrest.home().resolve("lib"), dir.resolve("toy"), antrest.plugins());

        Installation.Run with = antrest.run("exchanges");
        assertThat(with.exit()).as(with.all()).isZero();
        assertThat(with.out()).contains(ToyPlugin.NAME + " " + ToyPlugin.VERSION + " " + jar, "binance 0.1.0", "bitmex 0.1.0");

        Files.delete(antrest.plugins().resolve("antrest-gateway-bitmex-0.1.0-SNAPSHOT.jar"));
        Installation.Run without = antrest.run("exchanges");
        assertThat(without.exit()).as(without.all()).isZero();
        assertThat(without.out()).contains("toyex 9.1.0", "binance 0.1.0").doesNotContain("bitmex");
    }

    @Test
    void signPrintsTheBinanceDocumentationExampleAsOneJsonObject() throws Exception {
        Installation.Run r = antrest.run(Map.of("DOC_SECRET", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"), 60,
                "sign", "binance", "--api-key", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
                "--secret-env", "DOC_SECRET", "--method", "POST", "--path", "/api/v3/order",
                "--param", "symbol=LTCBTC", "--param", "side=BUY", "--param", "type=LIMIT", "--param", "timeInForce=GTC",
                "--param", "quantity=1", "--param", "price=0.1", "--time-ms", "1499827319559");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(1);
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("method").asText()).isEqualTo("POST");
        assertThat(json.get("url").asText()).isEqualTo("https://api.binance.com/api/v3/order?symbol=LTCBTC&side=BUY"
                + "&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
                + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
        assertThat(json.get("headers").get("X-MBX-APIKEY").asText()).startsWith("vmPUZE6mv9");
        assertThat(json.get("body").isNull()).isTrue();
        assertThat(r.all()).doesNotContain("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");
    }

    @Test
    void signPrintsTheBitmexDocumentationExample() throws Exception {
        // BitMEX signs api-expires = time + the expiry window (5 s by default): 1518064231 + 5 = 1518064236.
        Installation.Run r = antrest.run("sign", "bitmex", "--api-key", "LAqUlngMIQkIUjXMUreyu3qn",
                "--secret", "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO", "--method", "GET",
                "--path", "/api/v1/instrument", "--time-ms", "1518064231000");

        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("url").asText()).isEqualTo("https://www.bitmex.com/api/v1/instrument");
        assertThat(json.get("headers").get("api-expires").asText()).isEqualTo("1518064236");
        assertThat(json.get("headers").get("api-signature").asText())
                .isEqualTo("c7682d435d0cfe87c16098df34ef2eb5a549d4c5a3c2b1f0f77b8af73423bf00");
    }

    /**
     * OKX v5 docs, "REST Authentication": OK-ACCESS-SIGN = Base64(HMAC-SHA256(secret, timestamp + method +
     * requestPath + body)), the query string part of requestPath for a GET, the timestamp ISO 8601 with milliseconds
     * (their example: 2020-12-08T09:08:57.715Z). The docs publish no signature output, so the expected value is
     * computed here with the JDK from that rule; the passphrase comes from the environment and is never printed.
     */
    @Test
    void signPrintsAnOkxRequestSignedByTheDocumentedRuleWithThePassphraseMasked() throws Exception {
        String secret = "22582BD0CFF14C41EDBF1AB98506286D";
        Installation.Run r = antrest.run(Map.of("OKX_SECRET", secret, "OKX_PASSPHRASE", "my-Pass-phrase-7"), 60,
                "sign", "okx", "--api-key", "985d5b66-57ce-40fb-b714-afc0b9787083", "--secret-env", "OKX_SECRET",
                "--passphrase-env", "OKX_PASSPHRASE", "--method", "GET", "--path", "/api/v5/account/balance",
                "--param", "ccy=BTC", "--time-ms", Long.toString(java.time.Instant.parse("2020-12-08T09:08:57.715Z").toEpochMilli()));

        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode json = Json.mapper().readTree(r.out());
        assertThat(json.get("url").asText()).isEqualTo("https://www.okx.com/api/v5/account/balance?ccy=BTC");
        JsonNode headers = json.get("headers");
        assertThat(headers.get("OK-ACCESS-TIMESTAMP").asText()).isEqualTo("2020-12-08T09:08:57.715Z");
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.Base64.getEncoder().encodeToString(mac.doFinal(
                "2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(headers.get("OK-ACCESS-SIGN").asText()).isEqualTo(expected);
        assertThat(headers.get("OK-ACCESS-PASSPHRASE").asText()).isEqualTo("****");
        assertThat(r.all()).doesNotContain("my-Pass-phrase-7").doesNotContain(secret);

        Installation.Run none = antrest.run(Map.of("OKX_SECRET", secret), 60, "sign", "okx", "--api-key", "k",
                "--secret-env", "OKX_SECRET", "--method", "GET", "--path", "/api/v5/account/balance", "--time-ms", "1");
        assertThat(none.exit()).as(none.all()).isNotZero();
        assertThat(none.err()).contains("passphrase");
    }

    @Test
    void contractsOfOkxAreStoredWithTheirMinimumAndMaximumQuantities() throws Exception {
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            String db = "jdbc:h2:file:" + dir.resolve("okx-contracts");

            Installation.Run first = antrest.run("contracts", "okx", "--url", sim.okxUrl(), "--db", db);

            assertThat(first.exit()).as(first.all()).isZero();
            assertThat(first.out()).contains("INITIALISED");
            try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT min_quantity, max_quantity, settlement_currency, trading"
                         + " FROM contracts WHERE exchange = 'okx' AND symbol = 'BTC-USDT'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isPositive();
                assertThat(rs.getBigDecimal(2)).isGreaterThan(rs.getBigDecimal(1));
                assertThat(rs.getString(3)).isEqualTo("USDT");
                assertThat(rs.getBoolean(4)).isTrue();
            }
        }
    }

    @Test
    void benchDrivesTheOkxPluginAgainstTheSimulator() throws Exception {
        Installation.Run r = antrest.run(Map.of(), 120, "bench", "--exchange", "okx", "--requests", "500", "--warmup", "50");

        assertThat(r.exit()).as(r.all()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("# antrest bench okx account at the built-in simulator");
        assertThat(lines.get(lines.size() - 1)).startsWith("requests=500 ok=500 failed=0 errors=0 ");
        assertThat(r.all()).doesNotContain(SimExchange.DEMO_OKX_PASSPHRASE).doesNotContain(SimExchange.DEMO_OKX_SECRET);
    }

    @Test
    void contractsInitialiseThenMatchThenMismatchUnderStrictThenSync() throws Exception {
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            String db = "jdbc:h2:file:" + dir.resolve("contracts");

            Installation.Run first = antrest.run("contracts", "binance", "--url", sim.binanceUrl(), "--db", db);
            assertThat(first.exit()).as(first.all()).isZero();
            assertThat(first.out()).contains("INITIALISED").containsPattern("store initialised with \\d+ contracts");

            Installation.Run second = antrest.run("contracts", "binance", "--url", sim.binanceUrl(), "--db", db);
            assertThat(second.exit()).as(second.all()).isZero();
            assertThat(second.out()).contains("MATCH", "the store matches the exchange");

            try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("UPDATE contracts SET tick_size = 0.5 WHERE exchange = 'binance' AND symbol = 'BTCUSDT'"))
                        .isEqualTo(1);
                s.executeUpdate("DELETE FROM contracts WHERE exchange = 'binance' AND symbol = 'ETHUSDT'");
            }
            Installation.Run strict = antrest.run("contracts", "binance", "--url", sim.binanceUrl(), "--db", db);
            assertThat(strict.exit()).as(strict.all()).isEqualTo(3);
            assertThat(strict.out()).contains("MISMATCH").containsPattern("added +1 +ETHUSDT").containsPattern("changed +1 +BTCUSDT");
            assertThat(strict.err()).contains("--sync");

            Installation.Run synced = antrest.run("contracts", "binance", "--url", sim.binanceUrl(), "--db", db, "--sync");
            assertThat(synced.exit()).as(synced.all()).isZero();
            assertThat(synced.out()).contains("SYNCED", "synced");
            Installation.Run after = antrest.run("contracts", "binance", "--url", sim.binanceUrl(), "--db", db);
            assertThat(after.exit()).as(after.all()).isZero();
        }
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        // Eight launches that share nothing: two at a time, one per core of the build machines
        ExecutorService launcher = Executors.newFixedThreadPool(2);
        try {
            Map<String, Future<Installation.Run>> helps = new LinkedHashMap<>();
            for (String command : List.of("exchanges", "sim", "contracts", "sign", "run", "demo", "bench")) {
                helps.put(command, launcher.submit(() -> antrest.run(command, "--help")));
            }
            Future<Installation.Run> top = launcher.submit(() -> antrest.run("--help"));
            for (Map.Entry<String, Future<Installation.Run>> help : helps.entrySet()) {
                String command = help.getKey();
                Installation.Run r = help.getValue().get();
                assertThat(r.exit()).as(command + ": " + r.all()).isZero();
                assertThat(r.out()).as(command).contains("Usage: antrest " + command);
            }
            assertThat(top.get().out()).contains("exchanges", "sim", "contracts", "sign", "run", "demo", "bench");
        } finally {
            launcher.shutdownNow();
        }
    }

    @Test
    void aUsageMistakeIsExitCodeTwoWithAClearMessage() throws Exception {
        Installation.Run r = antrest.run("sign", "binance", "--api-key", "k");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option");
    }

    @Test
    void anOldJavaIsRefusedWithAMessageNamingTheFix() throws Exception {
        Path fakeJdk = dir.resolve("jdk11");
        Files.createDirectories(fakeJdk.resolve("bin"));
        Path java = fakeJdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\nexit 0\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Installation.Run r = antrest.run(Map.of("JAVA_HOME", fakeJdk.toString()), 30, "exchanges");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("needs Java 17 or newer").contains("11.0.2").contains("JAVA_HOME");
    }

    @Test
    void theDemoRunsToTheEndAndExitsZero() throws Exception {
        Installation.Run r = antrest.run(Map.of(), 120, "demo");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("binance placed", "bitmex placed", "okx placed", "okx canceled", "5 dropped", "demo done");
        assertThat(r.out().lines().filter(l -> l.contains("okx canceled"))).singleElement().asString().endsWith("CANCELED");
        assertThat(antrest.home().resolve("logs/antrest.log")).exists();
        assertThat(antrest.home().resolve("data/demo")).isDirectory();
    }

    @Test
    void simRunsInTheForegroundAnswersAndStopsOnATerminationSignal() throws Exception {
        Process sim = antrest.start(Map.of(), "sim", "--port", "0");
        try {
            String banner = Installation.readUntil(sim, "Ctrl-C stops it", 60);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("binance +(http://127\\.0\\.0\\.1:\\d+)").matcher(banner);
            assertThat(m.find()).as(banner).isTrue();
            java.net.HttpURLConnection ping = (java.net.HttpURLConnection) java.net.URI.create(m.group(1) + "/api/v3/ping")
                    .toURL().openConnection();
            assertThat(ping.getResponseCode()).isEqualTo(200);
            try (java.io.InputStream in = ping.getInputStream()) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{}");
            }
        } finally {
            sim.destroy();
        }
        assertThat(sim.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void simInjectsTheFaultsGivenOnTheCommandLine() throws Exception {
        Process sim = antrest.start(Map.of(), "sim", "--port", "0", "--fault", "/api/v3/ping:status=503,418");
        try {
            String banner = Installation.readUntil(sim, "Ctrl-C stops it", 60);
            assertThat(banner).contains("1 fault(s) armed: /api/v3/ping:status=503,418");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("binance +(http://127\\.0\\.0\\.1:\\d+)").matcher(banner);
            assertThat(m.find()).as(banner).isTrue();
            List<Integer> codes = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                java.net.HttpURLConnection ping = (java.net.HttpURLConnection) java.net.URI.create(m.group(1) + "/api/v3/ping")
                        .toURL().openConnection();
                codes.add(ping.getResponseCode());
                ping.disconnect();
            }
            assertThat(codes).containsExactly(503, 418, 200);
        } finally {
            sim.destroy();
        }
        assertThat(sim.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        Installation.Run bad = antrest.run("sim", "--fault", "/api/v3/ping:explode");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--fault \"/api/v3/ping:explode\"");
    }

    @Test
    void runConnectsTheConfiguredGatewaysAndStopsCleanlyOnCtrlC() throws Exception {
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            Path conf = dir.resolve("antrest.properties");
            Files.writeString(conf, String.join("\n",
                    "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("run-contracts"),
                    "gateway.spot.exchange=binance",
                    "gateway.spot.url=" + sim.binanceUrl(),
                    "gateway.spot.api-key=${env:SPOT_KEY}",
                    "gateway.spot.secret=${env:SPOT_SECRET}", ""));
            Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
            Process run = antrest.start(Map.of("SPOT_KEY", SimExchange.DEMO_BINANCE_API_KEY,
                    "SPOT_SECRET", SimExchange.DEMO_BINANCE_SECRET), "run", "--config", conf.toString());
            String printed;
            try {
                printed = Installation.readUntil(run, "running; Ctrl-C stops", 60);
                // Ctrl-C is SIGINT to the process
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start();
                assertThat(kill.waitFor()).isZero();
                assertThat(run.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                printed += new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } finally {
                run.destroyForcibly();
            }
            assertThat(printed).contains("gateway 'spot' (binance) is UP", "stopped cleanly")
                    .doesNotContain(SimExchange.DEMO_BINANCE_SECRET).doesNotContain("warning: settings file");
        }
    }

    @Test
    void benchComparesThePipelineWithBareHttpClientAndEndsWithTheSummaryLine() throws Exception {
        // the lines' form is what is checked, not the rates: a thousand requests give every line
        Installation.Run r = antrest.run(Map.of(), 180, "bench", "--requests", "1000", "--warmup", "100", "--compare");

        assertThat(r.exit()).as(r.all()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("# antrest bench binance account at the built-in simulator: 8 sessions")
                .contains("cores", "Java");
        assertThat(lines).anyMatch(l -> l.startsWith("pipeline requests=1000 ok=1000 "))
                .anyMatch(l -> l.startsWith("raw      requests=1000 ok=1000 "))
                .anyMatch(l -> l.matches("ratio pipeline/raw rps=\\d+\\.\\d{3}"))
                .anyMatch(l -> l.startsWith("cpu_us_per_request pipeline="));
        assertThat(lines.get(lines.size() - 1)).matches("requests=1000 ok=1000 failed=0 errors=0 dropped=0 "
                + "secs=\\d+\\.\\d{3} rps=\\d+ p50_ms=\\d+\\.\\d{3} p99_ms=\\d+\\.\\d{3} cpu_us_per_request=\\d+\\.\\d");
        assertThat(r.err()).doesNotContain("\r");   // no progress bar when not on a terminal
    }

    @Test
    void benchAgainstASimulatorInItsOwnProcessAsTheReadmeRunsIt() throws Exception {
        Process sim = antrest.start(Map.of(), "sim", "--port", "0", "--weight-limit", "1000000000");
        try {
            String banner = Installation.readUntil(sim, "Ctrl-C stops it", 60);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("binance +(http://127\\.0\\.0\\.1:\\d+)").matcher(banner);
            assertThat(m.find()).as(banner).isTrue();

            // The limit it was started with is the one its exchangeInfo states, as Binance states its own
            // (rest-api.md, "Exchange information", rateLimits), so a gateway connected to it keeps to it.
            try (java.io.InputStream in = java.net.URI.create(m.group(1) + "/api/v3/exchangeInfo").toURL().openStream()) {
                JsonNode limits = Json.mapper().readTree(in).get("rateLimits");
                assertThat(limits).as("exchangeInfo rateLimits").anySatisfy(l -> {
                    assertThat(l.get("rateLimitType").asText()).isEqualTo("REQUEST_WEIGHT");
                    assertThat(l.get("interval").asText()).isEqualTo("MINUTE");
                    assertThat(l.get("intervalNum").asInt()).isEqualTo(1);
                    assertThat(l.get("limit").asLong()).isEqualTo(1_000_000_000L);
                });
            }

            Installation.Run r = antrest.run(Map.of("BINANCE_SECRET", SimExchange.DEMO_BINANCE_SECRET), 180, "bench",
                    "--url", m.group(1), "--api-key", SimExchange.DEMO_BINANCE_API_KEY, "--secret-env", "BINANCE_SECRET",
                    "--compare", "--requests", "1000", "--warmup", "100");

            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.out()).contains("at " + m.group(1) + ": 8 sessions")
                    .containsPattern("pipeline requests=1000 ok=1000 failed=0")
                    .containsPattern("raw      requests=1000 ok=1000 failed=0")
                    .doesNotContain(SimExchange.DEMO_BINANCE_SECRET);
            assertThat(r.out().lines().reduce((x, y) -> y).orElseThrow()).startsWith("requests=1000 ok=1000 failed=0 errors=0");
        } finally {
            sim.destroy();
        }
        assertThat(sim.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void benchDrawsAProgressBarOnATerminal() throws Exception {
        // util-linux's script gives the command a pseudo-terminal, as a user's shell would. The bar is drawn when the
        // run starts and again when it ends, whatever the count, so a short run shows it.
        Installation.Run r = antrest.runOnTerminal(180, "bench", "--requests", "2000", "--warmup", "100");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("\rpipeline [").contains("] 2000/2000")
                .containsPattern("requests=2000 ok=2000 failed=0 errors=0 dropped=0 secs=");
    }

    @Test
    void benchMemoryQueuesRequestsAtOnceAndAnswersThemAll() throws Exception {
        // 5 000 queued take about a mebibyte (209 bytes each here), measured alike to a few kibibytes run after run
        Installation.Run r = antrest.run(Map.of(), 180, "bench", "--memory", "5000");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out().lines().reduce((a, b) -> b).orElseThrow())
                .matches("queued=5000 heap_mib=\\d+\\.\\d bytes_per_request=\\d+ answered=5000 ok=5000");
    }
}
