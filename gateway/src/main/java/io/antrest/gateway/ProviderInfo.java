package io.antrest.gateway;

import io.antrest.gateway.spi.ExchangeProvider;

import static java.util.Objects.requireNonNull;

/**
 * One exchange plugin found by the {@link ProviderRegistry}: its name, version, the SPI version
 * it was built for, and where it came from (its jar or module location).
 *
 * @param name       the exchange's name
 * @param version    the plugin's version
 * @param spiVersion the SPI version it was built against
 * @param source     its jar, directory or module location, or {@code "unknown location"}
 * @param provider   the provider itself
 */
public record ProviderInfo(String name, String version, int spiVersion, String source, ExchangeProvider provider) {
    /** Checks the arguments. */
    public ProviderInfo {
        requireNonNull(name, "name is null");
        requireNonNull(version, "version is null");
        requireNonNull(source, "source is null");
        requireNonNull(provider, "provider is null");
    }

    /** {@code binance 0.1.0 (io.antrest.gateway.binance.BinanceProvider from /opt/antrest/plugins/x.jar)}. */
    @Override
    public String toString() {
        return name + " " + version + " (" + provider.getClass().getName() + " from " + source + ")";
    }
}
