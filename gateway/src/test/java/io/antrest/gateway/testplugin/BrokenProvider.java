package io.antrest.gateway.testplugin;

/** A discovery-test provider whose constructor fails, as a plugin missing a dependency would. */
public final class BrokenProvider extends DiscoveryProvider {
    /** Fails. */
    public BrokenProvider() {
        throw new IllegalStateException("missing dependency: com.example.NotThere");
    }

    @Override
    public String name() {
        return "broken";
    }
}
