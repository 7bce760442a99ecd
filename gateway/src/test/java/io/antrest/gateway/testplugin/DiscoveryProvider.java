package io.antrest.gateway.testplugin;

import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.Spi;

/**
 * The base of the test-only providers that {@code ProviderRegistryTest} packs into plugin jars to
 * prove discovery; they are looked up, never connected.
 */
public abstract class DiscoveryProvider implements ExchangeProvider {
    @Override
    public String version() {
        return "9.9.9-test";
    }

    @Override
    public int spiVersion() {
        return Spi.VERSION;
    }

    @Override
    public Exchange create(ExchangeSettings settings) {
        throw new GatewaySettingsException("discovery-test provider '" + name() + "' makes no exchange");
    }
}
