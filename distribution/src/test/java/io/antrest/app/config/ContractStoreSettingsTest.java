package io.antrest.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract store's settings: {@code antrest.contracts.user}, {@code .password}, {@code .pool-size}, {@code .connect-timeout}. */
class ContractStoreSettingsTest {
    private static final String PG = "antrest.contracts.jdbc-url=jdbc:postgresql://db.example.com:5432/antrest\n";

    @TempDir
    Path home;

    private Path file(String text, String permissions) throws IOException {
        Path f = home.resolve("antrest.properties");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(permissions));
        return f;
    }

    private AppConfig load(String text, Map<String, String> env) throws IOException {
        return new ConfigLoader(home, env::get, k -> null).load(file(text, "rw-------"));
    }

    @Test
    void theUserPasswordAndPoolAreReadAndThePasswordIsNeverPrinted() throws IOException {
        AppConfig c = load(PG + "antrest.contracts.user=antrest\nantrest.contracts.password=${env:DB_PASSWORD}\n"
                + "antrest.contracts.pool-size=2\nantrest.contracts.connect-timeout=3s\n", Map.of("DB_PASSWORD", "s3cret-Pw-91"));

        ContractStoreSettings s = c.contracts();
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/antrest").isEqualTo(c.jdbcUrl());
        assertThat(s.user()).contains("antrest");
        assertThat(s.password()).contains("s3cret-Pw-91");
        assertThat(s.poolSize()).isEqualTo(2);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.pooled()).isTrue();
        assertThat(s.toString()).isEqualTo("ContractStoreSettings{jdbc:postgresql://db.example.com:5432/antrest, user antrest,"
                + " password ****, pool-size 2, connect-timeout 3s}");
        assertThat(c.toString()).doesNotContain("s3cret-Pw-91");
    }

    @Test
    void theDefaultsAreTheEmbeddedDatabaseWithoutPoolAndASmallPoolForAServer() throws IOException {
        ContractStoreSettings embedded = load("", Map.of()).contracts();
        assertThat(embedded.jdbcUrl()).startsWith("jdbc:h2:file:");
        assertThat(embedded.pooled()).isFalse();
        assertThat(embedded.user()).isEmpty();
        assertThat(embedded.password()).isEmpty();

        ContractStoreSettings server = load(PG, Map.of()).contracts();
        assertThat(server.pooled()).isTrue();
        assertThat(server.poolSize()).isEqualTo(4);
        assertThat(server.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(ContractStoreSettings.of("jdbc:h2:mem:x").pooled()).isFalse();
        assertThat(ContractStoreSettings.of("jdbc:h2:tcp://db/x").pooled()).isTrue();
    }

    @Test
    void aPoolSizeOrTimeOutBeyondItsBoundIsRefusedNamingTheSettingAndTheBound() {
        assertThatThrownBy(() -> load(PG + "antrest.contracts.pool-size=0\n", Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("antrest.contracts.pool-size is 0, outside 1 to 32")
                .hasMessageContaining("write a whole number from 1 to 32");
        assertThatThrownBy(() -> load(PG + "antrest.contracts.pool-size=500\n", Map.of()))
                .hasMessageContaining("antrest.contracts.pool-size is 500, outside 1 to 32");
        assertThatThrownBy(() -> load(PG + "antrest.contracts.connect-timeout=100ms\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("antrest.contracts.connect-timeout is '100ms', outside 250ms to 5m");
        assertThatThrownBy(() -> load(PG + "antrest.contracts.pool-size=${env:POOL}\n", Map.of("POOL", "77777")))
                .hasMessageContaining("antrest.contracts.pool-size is what ${env:POOL} holds").hasMessageNotContaining("77777");
    }

    @Test
    void aPasswordWrittenInAFileOthersMayReadDrawsAWarningNamingIt() throws IOException {
        Path f = file(PG + "antrest.contracts.user=antrest\nantrest.contracts.password=written-Here-55\n", "rw-r--r--");
        AppConfig c = new ConfigLoader(home, k -> null, k -> null).load(f);

        assertThat(c.warnings()).singleElement().asString().contains("holds secrets (antrest.contracts.password)",
                "chmod 600").doesNotContain("written-Here-55");
        assertThat(c.contracts().password()).isEqualTo(Optional.of("written-Here-55"));
    }
}
