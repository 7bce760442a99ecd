package io.antrest.gateway;

import io.antrest.core.ProxyConfig;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.GatewaySettingsException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Opens a gateway's {@link SharedBuckets}: who shares with whom, and a clear message when Lettuce
 * is not on the path. Groups are digests, so neither an API key nor a proxy's address is written
 * to Redis.
 */
final class SharedBudgets {
    private SharedBudgets() {
    }

    static SharedBuckets open(String gateway, String exchange, String baseUrl, Clock clock, GatewaySettings settings) {
        String account = settings.exchange().credentials().map(Credentials::apiKey).orElse("");
        String address = hostAndPort(baseUrl) + settings.proxy().map(SharedBudgets::proxy).orElse("");
        try {
            return new SharedBuckets(gateway, exchange.toLowerCase(Locale.ROOT), settings.budget(),
                    "account-" + digest("key:" + account), "ip-" + digest("address:" + address), clock);
        } catch (NoClassDefFoundError e) {
            throw new GatewaySettingsException("gateway '" + gateway + "': budget " + settings.budget() + " needs the Redis"
                    + " client Lettuce (io.lettuce:lettuce-core) on the path, which is missing: add it, or set the budget"
                    + " to local", e);
        }
    }

    private static String proxy(ProxyConfig p) {
        return " via " + p.host().toLowerCase(Locale.ROOT) + ":" + p.port();
    }

    private static String hostAndPort(String baseUrl) {
        URI uri = URI.create(baseUrl);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** The first 16 hex digits of the SHA-256 of {@code text}: a stable name that does not reveal it. */
    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
