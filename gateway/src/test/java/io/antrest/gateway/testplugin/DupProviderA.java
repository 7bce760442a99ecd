package io.antrest.gateway.testplugin;

/** A discovery-test provider named 'dup'. */
public final class DupProviderA extends DiscoveryProvider {
    @Override
    public String name() {
        return "dup";
    }
}
