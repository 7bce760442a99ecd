package io.antrest.app.config;

import io.antrest.gateway.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The table of bounds ({@link SettingBounds}) as {@link ConfigLoader} applies it, and the bounded
 * reading of files ({@link SettingFiles}): issue 12, points 7, 11 and 12.
 */
class SettingBoundsTest {
    @TempDir
    Path home;

    private Path file(String text) throws IOException {
        Path f = home.resolve("antrest.properties");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private AppConfig load(String text) throws IOException {
        return new ConfigLoader(home, k -> null, k -> null).load(file(text));
    }

    private void assertRefused(String text, String... expected) throws IOException {
        assertThatThrownBy(() -> load(text)).as(text).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(expected));
    }

    @Test
    void everyCountAndDurationSettingIsInTheTable() {
        for (String key : List.of("antrest.monitor.heartbeat-interval", "antrest.monitor.failures-to-down",
                "antrest.monitor.error-window", "antrest.client.queue-capacity", "antrest.client.droppable-soft-limit",
                "antrest.client.max-response-bytes", "antrest.client.connect-timeout", "gateway.x.sessions",
                "gateway.x.heartbeat-interval", "gateway.x.connect-timeout", "gateway.x.request-timeout", "gateway.x.proxy")) {
            assertThat(SettingBounds.bounded(key)).as(key).isTrue();
        }
        assertThat(SettingBounds.duration("gateway.x.some-future-timeout").max()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void countsAreRefusedBeyondTheirBoundNamingIt() throws IOException {
        String gw = "gateway.a.exchange=binance\n";
        assertThat(load(gw + "gateway.a.sessions=256\n").gateways().get(0).settings().sessions()).isEqualTo(256);
        assertRefused(gw + "gateway.a.sessions=100000\n", "gateway.a.sessions is 100000, outside 1 to 256",
                "write a whole number from 1 to 256");
        assertRefused(gw + "gateway.a.sessions=99999999999999999999\n", "gateway.a.sessions", "not a whole number antrest can hold");
        assertRefused("antrest.client.queue-capacity=10000001\n", "antrest.client.queue-capacity is 10000001, outside 1 to 10000000");
        assertRefused("antrest.client.max-response-bytes=2147483647\n", "outside 1024 to 1073741824");
        assertRefused("antrest.monitor.failures-to-down=0\n", "antrest.monitor.failures-to-down is 0, outside 1 to 1000");
        assertRefused("antrest.monitor.error-window=1000000\n", "outside 1 to 100000");
        assertRefused(gw + "gateway.a.proxy=proxy.local:70000\n", "gateway.a.proxy is 70000, outside 1 to 65535");
    }

    @Test
    void aValueFromTheEnvironmentIsNotRepeatedInTheMessage() throws IOException {
        Path f = file("gateway.a.exchange=binance\ngateway.a.sessions=${env:SESSIONS}\ngateway.a.heartbeat-interval=${env:HB}\n");
        ConfigLoader loader = new ConfigLoader(home, Map.of("SESSIONS", "987654", "HB", "PT99999999H")::get, k -> null);

        assertThatThrownBy(() -> loader.load(f)).hasMessageContaining("gateway.a.")
                .hasMessageContaining("is what ${env:").hasMessageContaining("outside")
                .hasMessageNotContaining("987654").hasMessageNotContaining("99999999");
    }

    @Test
    void durationsAreRefusedBeyondTheirBoundNamingItAndNeverOverflow() throws IOException {
        String gw = "gateway.a.exchange=binance\n";
        assertThat(load(gw + "gateway.a.heartbeat-interval=1h\n").gateways().get(0).settings().heartBeatInterval())
                .contains(Duration.ofHours(1));
        assertRefused(gw + "gateway.a.heartbeat-interval=PT99999999H\n",
                "gateway.a.heartbeat-interval is 'PT99999999H', outside 1ms to 1h", "write a duration from 1ms to 1h");
        assertRefused("antrest.monitor.heartbeat-interval=PT99999999H\n",
                "antrest.monitor.heartbeat-interval is 'PT99999999H', outside 1ms to 1h");
        assertRefused(gw + "gateway.a.connect-timeout=99999999999999999999h\n", "gateway.a.connect-timeout",
                "far too long a duration");
        assertRefused(gw + "gateway.a.request-timeout=9223372036854775807h\n", "gateway.a.request-timeout",
                "far too long a duration");
        assertRefused("antrest.client.connect-timeout=61m\n", "antrest.client.connect-timeout is '61m', outside 1ms to 1h");
        assertThatThrownBy(() -> load("antrest.client.connect-timeout=PT-5S\n")).hasMessageNotContaining("overflow");
    }

    @Test
    void aUrlWithABadPortIsRefusedAtLoad() throws IOException {
        assertRefused("gateway.a.exchange=binance\ngateway.a.url=http://127.0.0.1:99999\n", "gateway.a.url",
                "port 99999, outside 1 to 65535");
        assertRefused("gateway.a.exchange=binance\ngateway.a.url=http://127.0.0.1:0\n", "gateway.a.url", "port 0");
    }

    @Test
    void aJdbcUrlThatCanNeverWorkIsRefusedAtLoad() throws IOException {
        assertRefused("antrest.contracts.jdbc-url=jdbc:nosuchdb://x\n", "antrest.contracts.jdbc-url is accepted by no JDBC driver");
        assertRefused("antrest.contracts.jdbc-url=jdbc:h2:file:/proc/nope/db\n",
                "antrest.contracts.jdbc-url names an H2 database in the directory /proc/nope, which cannot be created");
    }

    @Test
    void aMisspeltOptionIsRefusedByCheckPluginsListingTheKnownOnes() throws IOException {
        AppConfig config = load("gateway.a.exchange=binance\ngateway.a.option.recv_windw=5000\n");

        assertThatThrownBy(() -> ConfigLoader.checkPlugins(config, ProviderRegistry.discover()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway 'a'")
                .hasMessageContaining("no option 'recv_windw'")
                .hasMessageContaining("order_limit, recv_window, weight_limit");
        for (String okx : List.of("gateway.b.exchange=okx\ngateway.b.option.limit_scal=2\n")) {
            assertThatThrownBy(() -> ConfigLoader.checkPlugins(load(okx), ProviderRegistry.discover()))
                    .hasMessageContaining("limit_scale, order_exp_time_ms, simulated");
        }
        assertThatThrownBy(() -> ConfigLoader.checkPlugins(load("gateway.c.exchange=bitmex\ngateway.c.option.expires=1\n"),
                ProviderRegistry.discover())).hasMessageContaining("its options are expires_window_seconds");
    }

    @Test
    void filesAreReadWithABoundAndErrorsNameTheOption() throws IOException {
        Path big = Files.write(home.resolve("big"), new byte[SettingFiles.MAX_SECRET_BYTES + 1]);
        assertThatThrownBy(() -> SettingFiles.read(big, SettingFiles.MAX_SECRET_BYTES, "--secret-file", "the secret"))
                .isInstanceOf(ConfigException.class).hasMessage("--secret-file " + big + " is larger than 64 KiB, the most"
                        + " antrest reads for it: it cannot be the file holding the secret; give the right file");
        assertThatThrownBy(() -> SettingFiles.read(Path.of("/dev/zero"), SettingFiles.MAX_SETTINGS_BYTES, "settings file", "x"))
                .hasMessageContaining("settings file /dev/zero is larger than 1 MiB");
        assertThatThrownBy(() -> SettingFiles.read(home.resolve("none"), 10, "--passphrase-file", "the passphrase"))
                .hasMessageContaining("--passphrase-file " + home.resolve("none") + " does not exist");
        assertThatThrownBy(() -> SettingFiles.read(home, 10, "--secret-file", "the secret"))
                .hasMessageContaining("--secret-file " + home + " is a directory");
        Path latin1 = Files.write(home.resolve("latin1"), new byte[] {(byte) 0xE9});
        assertThatThrownBy(() -> SettingFiles.read(latin1, 10, "--secret-file", "the secret"))
                .hasMessageContaining("is not UTF-8 text");
        assertThat(SettingFiles.read(Files.writeString(home.resolve("ok"), "abc"), 3, "--secret-file", "x")).isEqualTo("abc");
    }

    @Test
    void aSecretFileSettingIsBoundedAndNamedToo() throws IOException {
        Files.write(home.resolve("huge.pem"), new byte[SettingFiles.MAX_SECRET_BYTES + 1]);

        assertRefused("gateway.a.exchange=binance\ngateway.a.api-key=k\ngateway.a.secret-file=huge.pem\n",
                "gateway.a.secret-file " + home.resolve("huge.pem") + " is larger than 64 KiB");
        assertRefused("gateway.a.exchange=binance\ngateway.a.api-key=k\ngateway.a.secret-file=none.pem\n",
                "gateway.a.secret-file " + home.resolve("none.pem") + " does not exist");
        assertThatThrownBy(() -> new ConfigLoader(home, Map.<String, String>of()::get, k -> null).load(Path.of("/dev/zero")))
                .hasMessageContaining("settings file /dev/zero is larger than 1 MiB");
    }
}
