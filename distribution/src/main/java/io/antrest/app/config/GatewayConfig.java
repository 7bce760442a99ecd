package io.antrest.app.config;

import io.antrest.gateway.GatewaySettings;

import static java.util.Objects.requireNonNull;

/**
 * One gateway of a settings file: its name, the exchange plugin it uses, and how to connect.
 *
 * @param name     the gateway's name (the {@code NAME} of {@code gateway.NAME.*})
 * @param exchange the exchange plugin's name, e.g. {@code binance}
 * @param settings how to connect (its {@code toString()} masks credentials)
 */
public record GatewayConfig(String name, String exchange, GatewaySettings settings) {
    /** Checks the arguments. */
    public GatewayConfig {
        requireNonNull(name, "name is null");
        requireNonNull(exchange, "exchange is null");
        requireNonNull(settings, "settings is null");
    }
}
