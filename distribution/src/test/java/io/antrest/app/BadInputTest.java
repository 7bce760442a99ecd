package io.antrest.app;

import io.antrest.app.config.AppConfig;
import io.antrest.app.config.ConfigException;
import io.antrest.app.config.ConfigLoader;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad settings given to {@code antrest run}, one case per test: each stops it at once, before
 * any gateway connects, with exit code 2 and one message naming the settings file, the setting,
 * the bad value and what to write; no secret is ever printed. The settings are read by the real
 * {@link ConfigLoader}; the plugins are the real Binance and BitMEX jars; the good gateway beside
 * the bad one points at the real simulator, which must receive nothing.
 *
 * <p>Before these checks, an unknown exchange or settings its plugin refused made {@code run} retry
 * that gateway every 30 s for ever; the time-out turns such a regression into a failure.
 */
@Timeout(120)
class BadInputTest {
    private static final String SECRET = SimExchange.DEMO_BINANCE_SECRET;

    @TempDir
    Path dir;

    private SimExchange sim;

    @BeforeEach
    void startSim() {
        sim = SimExchange.builder().port(0).build().start();
    }

    @AfterEach
    void stopSim() {
        sim.close();
    }

    /** What {@code antrest run --config FILE} printed and returned. */
    private record Run(int exit, String out, String err) {
    }

    /** A settings file with one good gateway (binance, at the simulator) and then {@code bad}. */
    private Path settings(String... bad) throws IOException {
        Path conf = dir.resolve("antrest.properties");
        Files.writeString(conf, String.join("\n",
                "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("contracts"),
                "gateway.good.exchange=binance",
                "gateway.good.url=" + sim.binanceUrl(),
                "gateway.good.api-key=" + SimExchange.DEMO_BINANCE_API_KEY,
                "gateway.good.secret=" + SECRET,
                String.join("\n", bad), ""));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        return conf;
    }

    private Run run(Path conf) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new RunCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute("--config", conf.toString());
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs with the bad settings and checks what every case has in common; returns the error text. */
    private String refused(Path conf) {
        Run r = run(conf);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).as("nothing connected").doesNotContain("is UP");
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
        assertThat(sim.totalReceived()).as("the good gateway did not connect either").isZero();
        assertThat(r.err()).contains("settings file " + conf);
        return r.err();
    }

    @Test
    void aSettingsFileThatIsNotAPropertiesFileIsRefusedNamingTheFileAndTheFormat() throws IOException {
        Path conf = settings("gateway.bad.exchange=bin\\u00zzance");

        assertThat(refused(conf)).contains("cannot be read: Malformed \\uxxxx encoding")
                .contains("it must be a Java properties file in UTF-8");
    }

    @Test
    void aMisspelledSettingIsRefusedListingTheSettingsThereAre() throws IOException {
        Path conf = settings("gateway.bad.exchange=bitmex", "gateway.bad.sesions=2");

        assertThat(refused(conf)).contains("gateway.bad.sesions is not a gateway setting")
                .contains("the settings of gateway.bad.* are exchange, enabled, url, sessions");
    }

    @Test
    void aSoftLimitOverTheQueueCapacityNamesBothSettingsAndASmallCapacityAloneIsFine() throws IOException {
        Path conf = settings("antrest.client.queue-capacity=100", "antrest.client.droppable-soft-limit=500");

        assertThat(refused(conf)).contains("antrest.client.droppable-soft-limit is 500, more than antrest.client.queue-capacity (100)")
                .contains("lower antrest.client.droppable-soft-limit or raise antrest.client.queue-capacity")
                .doesNotContain("jdbc-url");

        // The soft limit's default (10 000) follows a smaller capacity instead of failing on it.
        Path alone = settings("antrest.client.queue-capacity=100");
        AppConfig config = new ConfigLoader(dir, k -> null, k -> null).load(alone);
        assertThat(config.client().queueCapacity()).isEqualTo(100);
        assertThat(config.client().droppableSoftLimit()).isEqualTo(100);
    }

    @Test
    void anUnknownExchangeNameStopsRunBeforeAnythingConnectsListingThePluginsThereAre() throws IOException {
        Path conf = settings("gateway.odd.exchange=kraken", "gateway.odd.url=" + sim.binanceUrl());

        assertThat(refused(conf)).contains("gateway.odd.exchange is 'kraken'")
                .contains("no exchange plugin named 'kraken'; available: binance, bitmex")
                .contains("Check the exchange name, or add its plugin jar to plugins/");
    }

    @Test
    void settingsThePluginRefusesStopRunNamingTheGatewayAndTheSetting() throws IOException {
        Path window = settings("gateway.fast.exchange=binance", "gateway.fast.url=" + sim.binanceUrl(),
                "gateway.fast.option.recv_window=90000");
        assertThat(refused(window)).contains("the settings of gateway 'fast' (gateway.fast.*) do not suit the binance plugin")
                .contains("'recv_window' must be 1 to 60000 milliseconds").contains("was 90000")
                .contains("leave it unset for the default 5000");

        Path keyType = settings("gateway.perp.exchange=bitmex", "gateway.perp.url=" + sim.bitmexUrl(),
                "gateway.perp.api-key=k", "gateway.perp.secret=" + SECRET, "gateway.perp.key-type=ed25519");
        assertThat(refused(keyType)).contains("gateway 'perp' (gateway.perp.*) do not suit the bitmex plugin")
                .contains("bitmex API keys are HMAC keys").contains("gateway.NAME.key-type");

        Path pem = settings("gateway.ed.exchange=binance", "gateway.ed.url=" + sim.binanceUrl(),
                "gateway.ed.api-key=k", "gateway.ed.secret=" + SECRET, "gateway.ed.key-type=ed25519");
        assertThat(refused(pem)).contains("gateway 'ed'").contains("private key is not a PKCS#8 PEM key")
                .contains("secret-file");
    }

    @Test
    void halfTheCredentialsAreRefusedNamingTheMissingSetting() throws IOException {
        Path keyOnly = settings("gateway.half.exchange=binance", "gateway.half.api-key=k");
        assertThat(refused(keyOnly)).contains("gateway.half.secret is missing")
                .contains("set both gateway.half.api-key and gateway.half.secret (or gateway.half.secret-file), or neither");

        Path unsetVariable = settings("gateway.env.exchange=binance", "gateway.env.api-key=k",
                "gateway.env.secret=${env:ANTREST_TEST_NO_SUCH_VARIABLE}");
        assertThat(refused(unsetVariable)).contains("gateway.env.secret refers to the environment variable "
                + "ANTREST_TEST_NO_SUCH_VARIABLE, which is not set: export ANTREST_TEST_NO_SUCH_VARIABLE");
    }

    @Test
    void aBaseUrlThatIsNotAUrlIsRefusedNamingTheSettingAndAnExample() throws IOException {
        Path conf = settings("gateway.bad.exchange=binance", "gateway.bad.url=htps//api.binance.com");

        assertThat(refused(conf)).contains("gateway.bad.url is wrong: base URL \"htps//api.binance.com\" is not an http(s) URL")
                .contains("give one like https://testnet.binance.vision");
    }

    @Test
    void aNegativeSessionCountIsRefusedNamingTheSettingAndTheUsualValue() throws IOException {
        Path conf = settings("gateway.bad.exchange=binance", "gateway.bad.sessions=-2");

        assertThat(refused(conf)).contains("gateway.bad.sessions is -2, outside 1 to 256")
                .contains("3 is the usual value");
    }

    @Test
    void embeddersGetTheSamePluginCheckAsAConfigException() {
        Properties p = new Properties();
        p.setProperty("gateway.x.exchange", "coinbase");
        AppConfig config = new ConfigLoader(dir, k -> null, k -> null).load(p, null);

        assertThatThrownBy(() -> ConfigLoader.checkPlugins(config, ProviderRegistry.discover()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("settings: gateway.x.exchange is 'coinbase'")
                .hasMessageContaining("available: binance, bitmex");
    }
}
