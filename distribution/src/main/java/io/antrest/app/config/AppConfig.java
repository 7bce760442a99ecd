package io.antrest.app.config;

import io.antrest.core.RestClientConfig;
import io.antrest.gateway.ContractPolicy;
import io.antrest.monitor.MonitorConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The settings of a running antrest, as read from {@code conf/antrest.properties} by
 * {@link ConfigLoader}: where the contract store is, how the monitor judges gateways, how
 * clients queue, and the gateways to connect. Immutable; its {@code toString()} holds no secret.
 *
 * @param source    the file read, if any
 * @param contracts the contract store: its JDBC URL, user, password and pool
 * @param client    the request engine's settings shared by every gateway
 * @param monitor   the monitor's thresholds and heart-beat interval
 * @param http      where {@code antrest run} serves {@code /metrics} and {@code /health}; empty: nowhere
 * @param gateways  the gateways to connect, in name order
 * @param warnings  things the user should fix that do not stop antrest (e.g. a secret in a file
 *                  others can read); each names the file and the fix
 */
public record AppConfig(Optional<Path> source, ContractStoreSettings contracts, RestClientConfig client,
                        MonitorConfig monitor, Optional<HttpBind> http, List<GatewayConfig> gateways,
                        List<String> warnings) {
    /** The contract policy used when a gateway names none. */
    public static final ContractPolicy DEFAULT_CONTRACT_POLICY = ContractPolicy.STRICT;

    /** Checks the arguments and copies the lists. */
    public AppConfig {
        requireNonNull(source, "source is null");
        requireNonNull(contracts, "contracts is null");
        requireNonNull(client, "client is null");
        requireNonNull(monitor, "monitor is null");
        requireNonNull(http, "http is null");
        gateways = List.copyOf(gateways);
        warnings = List.copyOf(warnings);
    }

    /**
     * Settings whose contract store is at this JDBC URL, with no user or password and the default
     * pool, that serve no metrics or health.
     */
    public AppConfig(Optional<Path> source, String jdbcUrl, RestClientConfig client, MonitorConfig monitor,
                     List<GatewayConfig> gateways, List<String> warnings) {
        this(source, ContractStoreSettings.of(jdbcUrl), client, monitor, Optional.empty(), gateways, warnings);
    }

    /** The contract store's JDBC URL. */
    public String jdbcUrl() {
        return contracts.jdbcUrl();
    }

    /** The gateway of this name, if configured. */
    public Optional<GatewayConfig> gateway(String name) {
        return gateways.stream().filter(g -> g.name().equals(name)).findFirst();
    }
}
