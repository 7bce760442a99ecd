package io.antrest.monitor;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;

import static java.util.Objects.requireNonNull;

/**
 * The Guice module of the monitor: binds one {@link MonitorEngine} per injector (singleton
 * scope) and its {@link MonitorConfig}. Needs a {@link java.time.Clock} binding, which
 * {@code RestCoreModule} provides. Free of side effects.
 */
public final class MonitorModule extends AbstractModule {
    private final MonitorConfig config;

    /** With the default thresholds. */
    public MonitorModule() {
        this(MonitorConfig.defaults());
    }

    /** With these thresholds. */
    public MonitorModule(MonitorConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(MonitorConfig.class).toInstance(config);
        bind(MonitorEngine.class).in(Singleton.class);
    }
}
