package io.antrest.app.config;

import io.antrest.gateway.BudgetSharing;
import io.antrest.gateway.ContractPolicy;
import io.antrest.gateway.IfNotPlaced;
import io.antrest.gateway.spi.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final String SECRET = "s3cr3t-value-that-must-never-be-printed";

    @TempDir
    Path home;

    private ConfigLoader loader(Map<String, String> env) {
        return new ConfigLoader(home, env::get, k -> null);
    }

    private Path file(String text, String perms) throws IOException {
        Path f = home.resolve("antrest.properties");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void readsGatewaysWithSecretsFromTheEnvironmentAndNoWarning() throws IOException {
        Path f = file("""
                antrest.monitor.heartbeat-interval = 2s
                antrest.contracts.policy = sync
                gateway.main.exchange = binance
                gateway.main.url = http://127.0.0.1:8080
                gateway.main.sessions = 5
                gateway.main.api-key = ${env:BINANCE_API_KEY}
                gateway.main.secret = ${env:BINANCE_SECRET}
                gateway.main.option.recv_window = 3000
                gateway.main.proxy = proxy.local:3128
                gateway.main.request-timeout = 4s
                gateway.main.resolve-within = 45s
                gateway.main.if-not-placed = resend
                gateway.test.exchange = bitmex
                gateway.test.resolve-unknown = false
                gateway.test.url = testnet
                gateway.test.contract-policy = strict
                gateway.off.exchange = binance
                gateway.off.enabled = false
                """, "rw-r--r--");

        AppConfig c = loader(Map.of("BINANCE_API_KEY", "key-from-env", "BINANCE_SECRET", SECRET)).load(f);

        assertThat(c.warnings()).isEmpty();
        assertThat(c.jdbcUrl()).startsWith("jdbc:h2:file:").contains(home.resolve("data").toString());
        assertThat(c.monitor().heartBeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.gateways()).extracting(GatewayConfig::name).containsExactly("main", "test");
        GatewayConfig main = c.gateway("main").orElseThrow();
        assertThat(main.exchange()).isEqualTo("binance");
        assertThat(main.settings().sessions()).isEqualTo(5);
        assertThat(main.settings().contractPolicy()).isEqualTo(ContractPolicy.SYNC);
        assertThat(main.settings().proxy()).isPresent();
        assertThat(main.settings().requestTimeout()).contains(Duration.ofSeconds(4));
        assertThat(c.gateway("test").orElseThrow().settings().requestTimeout()).isEmpty();
        assertThat(main.settings().resolveUnknown()).as("on by default").isTrue();
        assertThat(main.settings().resolveWithin()).isEqualTo(Duration.ofSeconds(45));
        assertThat(main.settings().ifNotPlaced()).isEqualTo(IfNotPlaced.RESEND);
        assertThat(c.gateway("test").orElseThrow().settings().resolveUnknown()).isFalse();
        assertThat(c.gateway("test").orElseThrow().settings().resolveWithin()).as("the default").isEqualTo(Duration.ofSeconds(30));
        assertThat(c.gateway("test").orElseThrow().settings().ifNotPlaced()).as("the default").isEqualTo(IfNotPlaced.REPORT);
        assertThat(main.settings().exchange().url()).contains("http://127.0.0.1:8080");
        assertThat(main.settings().exchange().option("recv_window")).contains("3000");
        assertThat(main.settings().exchange().credentials()).hasValueSatisfying(cr -> {
            assertThat(cr.apiKey()).isEqualTo("key-from-env");
            assertThat(cr.secret()).isEqualTo(SECRET);
            assertThat(cr.type()).isEqualTo(KeyType.HMAC);
        });
        assertThat(c.gateway("test").orElseThrow().settings().contractPolicy()).isEqualTo(ContractPolicy.STRICT);
        assertThat(c.toString()).doesNotContain(SECRET).doesNotContain("key-from-env");
    }

    @Test
    void aSecretWrittenInAFileOthersCanReadDrawsAWarningNamingTheFile() throws IOException {
        Path f = file("gateway.main.exchange=binance\ngateway.main.api-key=k\ngateway.main.secret=" + SECRET + "\n", "rw-r--r--");

        AppConfig c = loader(Map.of()).load(f);

        assertThat(c.warnings()).singleElement().asString()
                .contains(f.toString()).contains("chmod 600").contains("gateway.main.secret").doesNotContain(SECRET);
    }

    @Test
    void aPassphraseComesFromTheEnvironmentIntoTheCredentialsAndIsNeverPrinted() throws IOException {
        Path f = file("""
                gateway.okx.exchange = okx
                gateway.okx.api-key = ${env:OKX_API_KEY}
                gateway.okx.secret = ${env:OKX_SECRET}
                gateway.okx.passphrase = ${env:OKX_PASSPHRASE}
                """, "rw-r--r--");

        AppConfig c = loader(Map.of("OKX_API_KEY", "okx-key", "OKX_SECRET", SECRET, "OKX_PASSPHRASE", "pass-phrase-99"))
                .load(f);

        assertThat(c.warnings()).as("nothing secret is written in the file").isEmpty();
        assertThat(c.gateway("okx").orElseThrow().settings().exchange().credentials().orElseThrow().passphrase())
                .contains("pass-phrase-99");
        assertThat(c.toString()).doesNotContain("pass-phrase-99").doesNotContain(SECRET);
        assertThat(c.gateway("okx").orElseThrow().toString()).doesNotContain("pass-phrase-99");
    }

    @Test
    void aPassphraseWrittenInAFileOthersCanReadIsNamedByTheWarning() throws IOException {
        Path f = file("gateway.okx.exchange=okx\ngateway.okx.api-key=${env:K}\ngateway.okx.secret=${env:S}\n"
                + "gateway.okx.passphrase=pass-phrase-99\n", "rw-r--r--");

        AppConfig c = loader(Map.of("K", "key", "S", SECRET)).load(f);

        assertThat(c.warnings()).singleElement().asString().contains("gateway.okx.passphrase").contains("chmod 600")
                .doesNotContain("pass-phrase-99").doesNotContain("gateway.okx.secret");
    }

    @Test
    void aSecretInAPrivateFileDrawsNoWarning() throws IOException {
        Path f = file("gateway.main.exchange=binance\ngateway.main.api-key=k\ngateway.main.secret=" + SECRET + "\n", "rw-------");

        assertThat(loader(Map.of()).load(f).warnings()).isEmpty();
    }

    @Test
    void aSecretFileOthersCanReadDrawsAWarningToo() throws IOException {
        Path pem = home.resolve("key.pem");
        Files.writeString(pem, SECRET + "\n");
        Files.setPosixFilePermissions(pem, PosixFilePermissions.fromString("rw-rw-r--"));
        Path f = file("gateway.main.exchange=binance\ngateway.main.api-key=${env:K}\ngateway.main.secret-file=key.pem\n",
                "rw-------");

        AppConfig c = loader(Map.of("K", "key")).load(f);

        assertThat(c.gateway("main").orElseThrow().settings().exchange().credentials().orElseThrow().secret()).isEqualTo(SECRET);
        assertThat(c.warnings()).singleElement().asString().contains(pem.toString()).contains("chmod 600");
    }

    @Test
    void theShippedSettingsFileIsValidAsShippedAndWithEveryExampleSwitchedOn() throws IOException {
        Path shipped = Path.of("src/main/dist/conf/antrest.properties");
        Map<String, String> env = Map.of("BINANCE_API_KEY", "bk", "BINANCE_SECRET", SECRET, "BITMEX_API_KEY", "mk",
                "BITMEX_SECRET", SECRET, "PROXY_PASSWORD", "pw", "OKX_API_KEY", "ok", "OKX_SECRET", SECRET,
                "OKX_PASSPHRASE", "okx-pass",
                "ANTREST_DB_PASSWORD", "db-pass");

        AppConfig asShipped = loader(env).load(shipped);
        assertThat(asShipped.gateways()).isEmpty();
        assertThat(asShipped.jdbcUrl()).isEqualTo("jdbc:h2:file:" + home.resolve("data").resolve("contracts"));

        StringBuilder on = new StringBuilder();
        for (String line : Files.readAllLines(shipped)) {
            boolean example = line.matches("#[a-z][a-z0-9.\\-_]* = .*") && !line.contains("secret-file");
            on.append(example ? line.substring(1) : line).append('\n');
        }
        Path f = file(on.toString(), "rw-------");
        AppConfig all = loader(env).load(f);

        assertThat(all.gateways()).extracting(GatewayConfig::name).containsExactly("binance", "bitmex", "okx");
        assertThat(all.gateway("okx").orElseThrow().settings().exchange().credentials().orElseThrow().passphrase())
                .contains("okx-pass");
        assertThat(all.gateway("okx").orElseThrow().settings().exchange().option("limit_scale")).contains("1");
        assertThat(all.gateway("binance").orElseThrow().settings().exchange().option("recv_window")).contains("5000");
        assertThat(all.gateway("binance").orElseThrow().settings().proxy()).isPresent();
        assertThat(all.gateway("binance").orElseThrow().settings().requestTimeout()).contains(Duration.ofSeconds(10));
        assertThat(all.gateway("binance").orElseThrow().settings().budget()).hasToString("redis://127.0.0.1:6379/0");
        assertThat(all.jdbcUrl()).isEqualTo("jdbc:h2:file:" + home.resolve("data").resolve("contracts"));
        assertThat(all.warnings()).isEmpty();
    }

    @Test
    void everyMistakeNamesTheFileTheSettingAndTheFix() throws IOException {
        assertError("gateway.a.exchange=binance\ngateway.a.sessions=-2\n", "gateway.a.sessions", "outside 1 to 256");
        assertError("gateway.a.exchange=binance\ngateway.a.sessions=many\n", "gateway.a.sessions", "not a whole number");
        assertError("gateway.a.exchange=binance\ngateway.a.url=ftp:/nowhere\n", "gateway.a.url", "http(s) URL");
        assertError("gateway.a.exchange=binance\ngateway.a.sesions=3\n", "gateway.a.sesions", "sessions");
        assertError("gateway.a.url=testnet\n", "gateway.a.exchange", "is missing");
        assertError("gateway.a.exchange=binance\ngateway.a.api-key=k\n", "gateway.a.secret", "both");
        assertError("gateway.a.exchange=binance\ngateway.a.api-key=k\ngateway.a.secret=${env:NOPE}\n", "NOPE", "export NOPE");
        assertError("gateway.a.exchange=binance\ngateway.a.heartbeat-interval=soon\n", "gateway.a.heartbeat-interval", "10s");
        assertError("gateway.a.exchange=binance\ngateway.a.request-timeout=0s\n", "gateway.a.request-timeout", "outside 1ms to 1h");
        assertError("gateway.a.exchange=binance\ngateway.a.contract-policy=maybe\n", "gateway.a.contract-policy", "strict");
        assertError("gateway.a.exchange=binance\ngateway.a.resolve-unknown=sometimes\n", "gateway.a.resolve-unknown", "true or false");
        assertError("gateway.a.exchange=binance\ngateway.a.resolve-within=0s\n", "gateway.a.resolve-within", "outside 1s to 10m");
        assertError("gateway.a.exchange=binance\ngateway.a.if-not-placed=retry\n", "gateway.a.if-not-placed", "report", "resend");
        assertError("gateway.a.exchange=binance\ngateway.a.proxy=nohost\n", "gateway.a.proxy", "host:port");
        assertError("antrest.contracts.jdbc-url=/tmp/x\n", "antrest.contracts.jdbc-url", "JDBC URL");
        assertError("antrest.moniter.heartbeat-interval=1s\n", "antrest.moniter.heartbeat-interval", "antrest.monitor.heartbeat-interval");
        assertError("gateway.a.exchange=binance\ngateway.a.key-type=dsa\n", "gateway.a.key-type", "ed25519");
        assertError("gateway.a.exchange=okx\ngateway.a.passphrase=p\n", "gateway.a.passphrase", "belongs to an API key");
        assertError("gateway.a.exchange=okx\ngateway.a.api-key=k\ngateway.a.secret=s\ngateway.a.passphrase=${env:NOPE}\n",
                "NOPE", "export NOPE");
        assertError("gateway.a.exchange=binance\ngateway.a.budget=memcached://m:11211\n", "gateway.a.budget", "redis://HOST:PORT");
        assertError("gateway.a.exchange=binance\ngateway.a.budget=redis://:pw@/\n", "gateway.a.budget", "names no host");
        assertError("gateway.a.exchange=binance\ngateway.a.budget=redis://h:70000\n", "gateway.a.budget", "port", "1 to 65535");
        assertError("gateway.a.exchange=binance\ngateway.a.budget=redis://h\ngateway.a.budget-fallback=2\n",
                "gateway.a.budget-fallback", "above 0 and at most 1");
        assertError("gateway.a.exchange=binance\ngateway.a.budget=redis://h\ngateway.a.budget-fallback=half\n",
                "gateway.a.budget-fallback", "not a fraction");
        assertError("gateway.a.exchange=binance\ngateway.a.budget=redis://h\ngateway.a.budget-lease=0.9\n",
                "gateway.a.budget-lease", "0 (a round trip");
        assertError("gateway.a.exchange=binance\ngateway.a.budget=redis://h\ngateway.a.budget-timeout=1m\n",
                "gateway.a.budget-timeout", "outside 10ms to 10s");
        assertThatThrownBy(() -> loader(Map.of()).load(home.resolve("missing.properties")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.properties").hasMessageContaining("--config");
    }

    @Test
    void aSharedBudgetIsReadWithItsPasswordFromTheEnvironmentAndNeverPrinted() throws IOException {
        Path f = file("""
                gateway.a.exchange = binance
                gateway.a.budget = redis://:${env:REDIS_PASSWORD}@cache.internal:6380/3
                gateway.a.budget-fallback = 20%
                gateway.a.budget-lease = 0.01
                gateway.a.budget-timeout = 250ms
                gateway.b.exchange = okx
                gateway.b.budget-fallback = 0.5
                """, "rw-------");

        AppConfig c = loader(Map.of("REDIS_PASSWORD", "r3dis-s3cret")).load(f);

        BudgetSharing a = c.gateway("a").orElseThrow().settings().budget();
        assertThat(a.shared()).isTrue();
        assertThat(a.host()).contains("cache.internal");
        assertThat(a.port()).isEqualTo(6380);
        assertThat(a.database()).isEqualTo(3);
        assertThat(a.password()).contains("r3dis-s3cret");
        assertThat(a.fallback()).isEqualTo(0.2);
        assertThat(a.lease()).isEqualTo(0.01);
        assertThat(a.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.gateway("b").orElseThrow().settings().budget()).as("local by default").isEqualTo(BudgetSharing.LOCAL);
        assertThat(c.warnings()).singleElement().asString().contains("gateway.b.budget-fallback").contains("gateway.b.budget");
        assertThat(c.toString() + c.gateway("a").orElseThrow().settings()).doesNotContain("r3dis-s3cret")
                .contains("redis://:****@cache.internal:6380/3");

        Path literal = file("gateway.a.exchange=binance\ngateway.a.budget=redis://:written-here@h\n", "rw-r--r--");
        assertThat(loader(Map.of()).load(literal).warnings()).singleElement().asString()
                .contains("gateway.a.budget").doesNotContain("written-here");
    }

    private void assertError(String text, String... expected) throws IOException {
        Path f = file(text, "rw-------");
        assertThatThrownBy(() -> loader(Map.of()).load(f))
                .as(text)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString())
                .satisfies(e -> assertThat(e.getMessage()).contains(expected));
    }
}
