package io.antrest.app.it;

import io.antrest.app.secrets.HostileFront;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords inside URLs, JDBC URLs, proxies and settings taken from the environment, and an
 * exchange's hostile error text, through the real {@code bin/antrest}: no password is printed on
 * standard output or error or written to the log files, and no exchange text reaches them raw.
 */
class SecretsInUrlsIT extends InstalledCopy {
    private static final String URL_PASSWORD = "Url-Pass-7c1x9q";
    private static final String DB_PASSWORD = "Db-Pass-4k2m8z";
    private static final String PROXY_PASSWORD = "Proxy-Pass-3j6w0v";
    private static final String SESSIONS_VALUE = "sessions-from-env-5t8y2u";

    @Test
    void runPrintsTheDatabaseUrlWithItsPasswordMasked() throws Exception {
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            Path conf = settings(
                    "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("run-contracts") + ";USER=sa;PASSWORD=${env:DBPW}",
                    "gateway.spot.exchange=binance",
                    "gateway.spot.url=" + sim.binanceUrl());
            Process run = antrest.start(Map.of("DBPW", DB_PASSWORD), "run", "--config", conf.toString());
            String printed;
            try {
                printed = Installation.readUntil(run, "running; Ctrl-C stops", 60);
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor()).isZero();
                assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
                printed += new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                run.destroyForcibly();
            }
            assertThat(printed).contains("gateway 'spot' (binance) is UP", ";USER=sa;PASSWORD=****", "stopped cleanly");
            assertThat(printed + antrest.logs()).doesNotContain(DB_PASSWORD);
        }
    }

    @Test
    void runRefusesAGatewayUrlWithUserAndPasswordWithoutPrintingThePassword() throws Exception {
        Path conf = settings(
                "gateway.spot.exchange=binance",
                "gateway.spot.url=http://trader:" + URL_PASSWORD + "@127.0.0.1:9");
        Installation.Run r = antrest.run(Map.of(), 60, "run", "--config", conf.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("gateway.spot.url", "http://trader:****@127.0.0.1:9", "remove the 'user:password@' part");
        assertThat(r.all() + antrest.logs()).doesNotContain(URL_PASSWORD);
    }

    @Test
    void contractsRefusesAUrlWithUserAndPasswordWithoutPrintingThePassword() throws Exception {
        Installation.Run r = antrest.run("contracts", "binance", "--url", "http://trader:" + URL_PASSWORD + "@127.0.0.1:9");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--url", "http://trader:****@127.0.0.1:9");
        assertThat(r.all() + antrest.logs()).doesNotContain(URL_PASSWORD);
    }

    @Test
    void contractsPrintsNoDatabasePasswordWhateverTheFormOfTheJdbcUrl() throws Exception {
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            Installation.Run mysql = antrest.run("contracts", "binance", "--url", sim.binanceUrl(),
                    "--db", "jdbc:mysql://trader:" + DB_PASSWORD + "@db.example/antrest");
            assertThat(mysql.exit()).isNotZero();
            assertThat(mysql.err()).contains("jdbc:mysql://trader:****@db.example/antrest");

            Installation.Run h2 = antrest.run("contracts", "binance", "--url", sim.binanceUrl(),
                    "--db", "jdbc:h2:file:" + dir.resolve("c") + ";USER=sa;PASSWORD=" + DB_PASSWORD);
            assertThat(h2.exit()).isZero();
            assertThat(h2.out()).contains(";USER=sa;PASSWORD=****", "INITIALISED");

            assertThat(mysql.all() + h2.all() + antrest.logs()).doesNotContain(DB_PASSWORD);
        }
    }

    @Test
    void aProxyWithUserAndPasswordIsRefusedAndNamesTheSettingsForThem() throws Exception {
        for (String proxy : List.of("http://trader:" + PROXY_PASSWORD + "@127.0.0.1:3128",
                "trader:" + PROXY_PASSWORD + "@127.0.0.1:3128", "http://trader:${env:PROXY_PW}@127.0.0.1:3128")) {
            Path conf = settings(
                    "gateway.spot.exchange=binance",
                    "gateway.spot.url=http://127.0.0.1:9",
                    "gateway.spot.proxy=" + proxy);
            Installation.Run r = antrest.run(Map.of("PROXY_PW", PROXY_PASSWORD), 60, "run", "--config", conf.toString());

            assertThat(r.exit()).as(proxy).isEqualTo(2);
            assertThat(r.err()).as(proxy).contains("gateway.spot.proxy", "host:port", "gateway.spot.proxy-user",
                    "gateway.spot.proxy-password");
            assertThat(r.all() + antrest.logs()).as(proxy).doesNotContain(PROXY_PASSWORD);
        }
    }

    @Test
    void aSettingFromTheEnvironmentIsNamedNotQuotedInItsError() throws Exception {
        Path conf = settings(
                "gateway.spot.exchange=binance",
                "gateway.spot.url=http://127.0.0.1:9",
                "gateway.spot.sessions=${env:SPOT_SESSIONS}");
        Installation.Run r = antrest.run(Map.of("SPOT_SESSIONS", SESSIONS_VALUE), 60, "run", "--config", conf.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("gateway.spot.sessions", "the value of ${env:SPOT_SESSIONS}", "whole number");
        assertThat(r.all() + antrest.logs()).doesNotContain(SESSIONS_VALUE);
    }

    @Test
    void anExchangesErrorTextReachesTheTerminalAndTheLogEscaped() throws Exception {
        List<HostileFront.Answer> answers = List.of(
                new HostileFront.Answer(400, "{\"code\":-1121,\"msg\":\"" + HostileFront.HOSTILE_JSON + "\"}"),
                new HostileFront.Answer(200, "<html>" + HostileFront.HOSTILE_TEXT + "</html>"),
                new HostileFront.Answer(503, HostileFront.HOSTILE_TEXT));
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            for (HostileFront.Answer answer : answers) {
                try (HostileFront front = new HostileFront(sim.binanceUrl(), Map.of("GET /api/v3/exchangeInfo", answer)).start()) {
                    Installation.Run r = antrest.run("contracts", "binance", "--url", front.url(),
                            "--db", "jdbc:h2:file:" + dir.resolve("hostile"));

                    assertThat(r.exit()).as(answer.body()).isNotZero();
                    assertThat(r.err()).as(answer.body()).contains("\\u001b[2J", "INFO fake log line");
                    String all = r.all() + antrest.logs();
                    assertThat(all).as(answer.body()).doesNotContain("\u001b").doesNotContain("\nINFO fake log line")
                            .doesNotContain("\r");
                }
            }
        }
    }
}
