package io.antrest.monitor.micrometer;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.antrest.core.inject.RestCoreModule;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.MonitorEngine;
import io.antrest.monitor.MonitorModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerModuleTest {
    @Test
    void anInjectorBindsItsMonitorToThePlatformsRegistryOnce() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Injector injector = Guice.createInjector(new RestCoreModule(), new MonitorModule(), new MicrometerModule(),
                binder -> binder.bind(MeterRegistry.class).toInstance(registry));
        MonitorEngine monitor = injector.getInstance(MonitorEngine.class);
        try (MicrometerMonitor meters = injector.getInstance(MicrometerMonitor.class)) {
            assertThat(injector.getInstance(MicrometerMonitor.class)).isSameAs(meters);
            monitor.transition("spot", GatewayState.UP, "connected");
            assertThat(registry.get(MicrometerMonitor.STATE).tag("gateway", "spot").tag("state", "up").gauge().value())
                    .isEqualTo(1);
        } finally {
            monitor.close();
        }
        assertThat(registry.getMeters()).as("closing the binding removes its meters").isEmpty();
    }
}
