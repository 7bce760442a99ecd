package io.antrest.gateway.testplugin;

/** A discovery-test provider named 'other'. */
public final class OtherProvider extends DiscoveryProvider {
    @Override
    public String name() {
        return "other";
    }
}
