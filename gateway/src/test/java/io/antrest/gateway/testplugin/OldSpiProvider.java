package io.antrest.gateway.testplugin;

/** A discovery-test provider built for an SPI version this runtime does not have. */
public final class OldSpiProvider extends DiscoveryProvider {
    @Override
    public String name() {
        return "ancient";
    }

    @Override
    public int spiVersion() {
        return 0;
    }
}
