package io.antrest.gateway;

import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.Spi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12, points 7 and 11, for embedders: the gateway's settings are bounded, a URL's port must
 * exist, a plugin that states its options has a misspelt one refused, and a contract store's
 * JDBC URL can be checked before anything connects.
 */
class CarelessSettingsTest {
    @TempDir
    Path dir;

    @Test
    void sessionsAreBoundedAt256() {
        assertThat(GatewaySettings.builder().sessions(256).build().sessions()).isEqualTo(256);
        assertThatThrownBy(() -> GatewaySettings.builder().sessions(100_000)).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("sessions (session_number, gateway.NAME.sessions) must be from 1 to 256, was 100000")
                .hasMessageContaining("worker thread");
    }

    @Test
    void durationsAreBoundedSoNoneOverflows() {
        assertThatThrownBy(() -> GatewaySettings.builder().heartBeatInterval(Duration.ofHours(99_999_999)))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("heartBeatInterval (gateway.NAME.heartbeat-interval) must be from 1ms to 1h,"
                        + " was 99999999h");
        assertThatThrownBy(() -> GatewaySettings.builder().connectTimeout(Duration.ofSeconds(3601)))
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("connectTimeout (gateway.NAME.connect-timeout)"
                        + " must be from 1ms to 1h, was 3601s");
        assertThatThrownBy(() -> GatewaySettings.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("was PT0S");
        assertThat(GatewaySettings.builder().heartBeatInterval(Duration.ofHours(1)).connectTimeout(Duration.ofMillis(1))
                .build().connectTimeout()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aUrlWithAPortThatCannotExistIsRefused() {
        for (String url : List.of("http://127.0.0.1:99999", "http://127.0.0.1:0", "https://host:65536/api")) {
            assertThatThrownBy(() -> ExchangeSettings.builder().url(url)).as(url).isInstanceOf(GatewaySettingsException.class)
                    .hasMessageContaining("outside 1 to 65535");
        }
        assertThatThrownBy(() -> ExchangeSettings.builder().url("ftp://host")).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("is not an http(s) URL");
        assertThatThrownBy(() -> ExchangeSettings.builder().url("http://:8080")).isInstanceOf(GatewaySettingsException.class);
        assertThat(ExchangeSettings.builder().url("http://127.0.0.1:65535").build().url()).contains("http://127.0.0.1:65535");
    }

    @Test
    void aMisspeltOptionIsRefusedListingThePluginsOwn() {
        ProviderInfo plugin = ProviderRegistry.of(List.of(new StatedOptions())).provider("fake");

        assertThatThrownBy(() -> plugin.create(ExchangeSettings.builder().option("recv_windw", "5000").build()))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("the fake plugin has no option 'recv_windw' (gateway.NAME.option.recv_windw);"
                        + " its options are recv_window, weight_limit: fix the name, or remove it");
        assertThat(plugin.create(ExchangeSettings.builder().option("recv_window", "5000").build())).isNotNull();
    }

    @Test
    void aPluginThatStatesNoOptionsGetsEveryOptionAsBefore() {
        ProviderInfo plugin = ProviderRegistry.of(List.of(new FakeExchange.Provider())).provider("fake");

        assertThat(plugin.provider().options()).isEmpty();
        assertThat(plugin.create(ExchangeSettings.builder().option("anything", "1").build())).isNotNull();
    }

    @Test
    void aJdbcUrlNoDriverAcceptsIsNamedBeforeAnythingConnects() {
        assertThat(JdbcUrls.problem("jdbc:nosuchdb://x")).hasValueSatisfying(p -> assertThat(p)
                .contains("is accepted by no JDBC driver on the path (database type 'nosuchdb')"));
        assertThat(JdbcUrls.problem("jdbc:h2:file:" + dir.resolve("sub/contracts"))).isEmpty();
        assertThat(dir.resolve("sub")).isDirectory();
        assertThat(JdbcUrls.problem("jdbc:h2:mem:x")).isEmpty();
    }

    @Test
    void anH2FileInADirectoryThatCannotBeMadeIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

        assertThat(JdbcUrls.problem("jdbc:h2:file:/proc/nope/db")).hasValueSatisfying(p -> assertThat(p)
                .contains("names an H2 database in the directory /proc/nope, which cannot be created"));
        assertThat(JdbcUrls.problem("jdbc:h2:" + file + "/db;PASSWORD=hunter2")).hasValueSatisfying(p -> assertThat(p)
                .contains("the directory " + file + ", which cannot be").doesNotContain("hunter2"));
    }

    /** Before, the table vanished with the connection that made it: "Table CONTRACTS not found". */
    @Test
    void anInMemoryStoreKeepsItsTableAndContractsForTheLifeOfTheProcess() {
        ContractStore store = new ContractStore("jdbc:h2:mem:careless-" + System.nanoTime(), null, null, Clock.systemUTC());

        assertThat(store.load("binance")).isEmpty();
        store.replace("binance", List.of());
        assertThat(store.load("binance")).isEmpty();
        assertThat(JdbcUrls.inMemory("jdbc:h2:mem:x")).isTrue();
        assertThat(JdbcUrls.inMemory("jdbc:h2:file:/x")).isFalse();
    }

    /** The fake plugin, stating the options it reads. */
    private static final class StatedOptions implements ExchangeProvider {
        private final FakeExchange.Provider fake = new FakeExchange.Provider();

        @Override
        public String name() {
            return fake.name();
        }

        @Override
        public String version() {
            return fake.version();
        }

        @Override
        public int spiVersion() {
            return Spi.VERSION;
        }

        @Override
        public Set<String> options() {
            return Set.of("recv_window", "weight_limit");
        }

        @Override
        public Exchange create(ExchangeSettings settings) {
            return fake.create(settings);
        }
    }
}
