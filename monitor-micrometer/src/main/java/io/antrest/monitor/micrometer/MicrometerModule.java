package io.antrest.monitor.micrometer;

import com.google.inject.AbstractModule;
import io.antrest.monitor.MonitorEngine;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Guice module of the Micrometer binding: when the injector is made, binds the injector's
 * {@link MonitorEngine} ({@code MonitorModule}) to the platform's {@link MeterRegistry}, which the
 * platform binds itself; the {@link MicrometerMonitor} is a singleton the platform may close.
 */
public final class MicrometerModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(MicrometerMonitor.class).toProvider(MeterBinding.class).asEagerSingleton();
    }

    /** Makes the one binding of an injector. */
    static final class MeterBinding implements com.google.inject.Provider<MicrometerMonitor> {
        private final MeterRegistry registry;
        private final MonitorEngine monitor;

        @jakarta.inject.Inject
        MeterBinding(MeterRegistry registry, MonitorEngine monitor) {
            this.registry = registry;
            this.monitor = monitor;
        }

        @Override
        public MicrometerMonitor get() {
            return MicrometerMonitor.bind(registry, monitor);
        }
    }
}
