package io.antrest.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settings against hangs: {@code gateway.NAME.heartbeat-timeout} and
 * {@code antrest.monitor.heartbeat-timeout} (how soon a frozen exchange is DOWN) and
 * {@code antrest.client.retry-after-cap} (how long one answer can park a gateway) are read, and
 * nonsense is refused naming the setting and its bounds.
 */
class HangSettingsTest {
    @TempDir
    Path home;

    private AppConfig load(String text) throws IOException {
        Path f = home.resolve("antrest.properties");
        Files.writeString(f, text);
        return new ConfigLoader(home, k -> null, k -> null).load(f);
    }

    @Test
    void theHeartBeatTimeoutsAndTheRetryAfterCapAreRead() throws IOException {
        AppConfig c = load("""
                antrest.monitor.heartbeat-timeout = 2s
                antrest.client.retry-after-cap = 2m
                gateway.a.exchange = binance
                gateway.a.heartbeat-timeout = 300ms
                """);
        assertThat(c.monitor().heartBeatTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.client().retryAfterCap()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.gateway("a").orElseThrow().settings().heartBeatTimeout()).contains(Duration.ofMillis(300));
    }

    @Test
    void unsetTheyAreTheDefaults() throws IOException {
        AppConfig c = load("gateway.a.exchange = binance\n");
        assertThat(c.monitor().heartBeatTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.client().retryAfterCap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.gateway("a").orElseThrow().settings().heartBeatTimeout()).isEmpty();
    }

    @Test
    void nonsenseIsRefusedNamingTheSettingAndItsBounds() {
        refused("gateway.a.exchange=binance\ngateway.a.heartbeat-timeout=0s\n", "gateway.a.heartbeat-timeout",
                "outside 100ms to 5m");
        refused("gateway.a.exchange=binance\ngateway.a.heartbeat-timeout=1h\n", "gateway.a.heartbeat-timeout",
                "outside 100ms to 5m", "'1h'");
        refused("gateway.a.exchange=binance\ngateway.a.heartbeat-timeout=soon\n", "gateway.a.heartbeat-timeout", "10s");
        refused("antrest.monitor.heartbeat-timeout=10ms\n", "antrest.monitor.heartbeat-timeout", "outside 100ms to 5m");
        refused("antrest.client.retry-after-cap=0s\n", "antrest.client.retry-after-cap", "outside 1s to 24h");
        refused("antrest.client.retry-after-cap=PT99999999H\n", "antrest.client.retry-after-cap", "outside 1s to 24h");
    }

    private void refused(String text, String... expected) {
        assertThatThrownBy(() -> load(text)).as(text).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(expected));
    }
}
