package io.antrest.gateway;

import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;

import java.util.Set;
import java.util.TreeSet;

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

    /**
     * Makes an exchange with the plugin, after refusing any option the plugin does not know (when
     * it states its options with {@link ExchangeProvider#options()}; a plugin that states none gets
     * every option unchecked).
     *
     * @throws GatewaySettingsException naming the unknown option and the known ones, or the
     *                                  plugin's own complaint about the settings
     */
    public Exchange create(ExchangeSettings settings) {
        requireNonNull(settings, "settings is null");
        Set<String> known = provider.options();
        if (known != null && !known.isEmpty()) {
            for (String option : new TreeSet<>(settings.options().keySet())) {
                if (!known.contains(option)) {
                    throw new GatewaySettingsException("the " + name + " plugin has no option '" + option
                            + "' (gateway.NAME.option." + option + "); its options are " + String.join(", ", new TreeSet<>(known))
                            + ": fix the name, or remove it");
                }
            }
        }
        Exchange ex = provider.create(settings);
        return requireNonNull(ex, "exchange plugin '" + name + "' made no exchange");
    }

    /** {@code binance 0.1.0 (io.antrest.gateway.binance.BinanceProvider from /opt/antrest/plugins/x.jar)}. */
    @Override
    public String toString() {
        return name + " " + version + " (" + provider.getClass().getName() + " from " + source + ")";
    }
}
