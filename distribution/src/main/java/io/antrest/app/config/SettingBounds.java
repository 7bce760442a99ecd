package io.antrest.app.config;

import io.antrest.core.CountBound;
import io.antrest.core.DurationBound;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.BudgetSharing;
import io.antrest.gateway.GatewaySettings;
import io.antrest.monitor.MonitorConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bounds of every count, size and duration setting of {@code antrest.properties}, in one
 * table. The numbers are the builders' own ({@link RestClientConfig#QUEUE_CAPACITY},
 * {@link GatewaySettings#SESSIONS}…), so the file and an embedder meet the same ones; the file's
 * messages name the file's setting. A duration setting missing from the table (one added later)
 * still gets {@link #ANY_DURATION}, and a count {@link #ANY_COUNT}: nothing is unbounded.
 */
final class SettingBounds {
    /** The bound of a duration setting not in the table: 1 ms to 1 day. */
    static final DurationBound ANY_DURATION = new DurationBound("a duration", Duration.ofMillis(1), Duration.ofDays(1),
            "a duration");
    /** The bound of a count setting not in the table. */
    static final CountBound ANY_COUNT = new CountBound("a count", 1, Integer.MAX_VALUE, "a count");
    /** The port of a proxy ({@code gateway.NAME.proxy = host:port}). */
    static final CountBound PORT = new CountBound("port", 1, 65_535, "a TCP port");

    private static final Pattern GATEWAY_KEY = Pattern.compile("gateway\\.[A-Za-z0-9_\\-]+\\.(.+)");

    /** Global settings by key, gateway settings by the part after {@code gateway.NAME.}. */
    private static final Map<String, CountBound> COUNTS = Map.of(
            "antrest.monitor.failures-to-down", MonitorConfig.FAILURES_TO_DOWN,
            "antrest.monitor.error-window", MonitorConfig.ERROR_WINDOW,
            "antrest.client.queue-capacity", RestClientConfig.QUEUE_CAPACITY,
            "antrest.client.droppable-soft-limit", RestClientConfig.DROPPABLE_SOFT_LIMIT,
            "antrest.client.max-response-bytes", RestClientConfig.MAX_RESPONSE_BYTES,
            "antrest.client.io-threads", RestClientConfig.IO_THREADS,
            "antrest.contracts.pool-size", ContractStoreSettings.POOL_SIZE,
            "sessions", GatewaySettings.SESSIONS,
            "proxy", PORT);
    private static final Map<String, DurationBound> DURATIONS = Map.ofEntries(
            Map.entry("antrest.monitor.heartbeat-interval", MonitorConfig.HEART_BEAT_INTERVAL),
            Map.entry("antrest.monitor.heartbeat-timeout", MonitorConfig.HEART_BEAT_TIMEOUT),
            Map.entry("antrest.client.connect-timeout", RestClientConfig.CONNECT_TIMEOUT),
            Map.entry("antrest.client.retry-after-cap", RestClientConfig.RETRY_AFTER_CAP),
            Map.entry("antrest.contracts.connect-timeout", ContractStoreSettings.CONNECT_TIMEOUT),
            Map.entry("heartbeat-timeout", MonitorConfig.HEART_BEAT_TIMEOUT),
            Map.entry("heartbeat-interval", GatewaySettings.HEART_BEAT_INTERVAL),
            Map.entry("connect-timeout", GatewaySettings.CONNECT_TIMEOUT),
            Map.entry("request-timeout", GatewaySettings.REQUEST_TIMEOUT),
            Map.entry("resolve-within", GatewaySettings.RESOLVE_WITHIN),
            Map.entry("budget-timeout", BudgetSharing.TIMEOUT));

    private SettingBounds() {
    }

    /** The bound of a count or size setting, by its full key. */
    static CountBound count(String key) {
        return lookUp(COUNTS, key).orElse(ANY_COUNT);
    }

    /** The bound of a duration setting, by its full key. */
    static DurationBound duration(String key) {
        return lookUp(DURATIONS, key).orElse(ANY_DURATION);
    }

    /** Whether the table names this key (tests check every numeric setting is in it). */
    static boolean bounded(String key) {
        return lookUp(COUNTS, key).isPresent() || lookUp(DURATIONS, key).isPresent();
    }

    private static <B> Optional<B> lookUp(Map<String, B> table, String key) {
        B b = table.get(key);
        if (b == null) {
            Matcher m = GATEWAY_KEY.matcher(key);
            b = m.matches() ? table.get(m.group(1)) : null;
        }
        return Optional.ofNullable(b);
    }
}
