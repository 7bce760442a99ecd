package io.antrest.gateway.testplugin;

/** A discovery-test provider named 'dup'. */
public final class DupProviderB extends DiscoveryProvider {
    @Override
    public String name() {
        return "dup";
    }
}
