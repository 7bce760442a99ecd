package io.antrest.monitor;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.antrest.core.inject.RestCoreModule;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorModuleTest {

    @Test
    void anInjectorYieldsOneMonitorEngine() {
        MonitorConfig config = MonitorConfig.builder().failuresToDown(5).build();
        Injector injector = Guice.createInjector(new RestCoreModule(), new MonitorModule(config));
        MonitorEngine a = injector.getInstance(MonitorEngine.class);
        MonitorEngine b = injector.getInstance(MonitorEngine.class);
        try {
            assertThat(a).isSameAs(b);
            assertThat(a.config().failuresToDown()).isEqualTo(5);

            Injector other = Guice.createInjector(new RestCoreModule(), new MonitorModule());
            MonitorEngine c = other.getInstance(MonitorEngine.class);
            assertThat(c).isNotSameAs(a);
            assertThat(c.config().heartBeatInterval()).isEqualTo(Duration.ofSeconds(10));
            c.close();
        } finally {
            a.close();
        }
    }
}
