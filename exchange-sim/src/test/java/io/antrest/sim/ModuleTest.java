package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.module.ModuleDescriptor;

import org.junit.jupiter.api.Test;

class ModuleTest {

    @Test
    void runsAsTheNamedModuleExportingOnlyItsPackage() {
        Module module = SimExchange.class.getModule();
        assertThat(module.isNamed()).isTrue();
        assertThat(module.getName()).isEqualTo("io.antrest.sim");
        assertThat(module.getDescriptor().exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("io.antrest.sim");
    }

    @Test
    void portIsUnknownBeforeStartAndTakenPortIsReportedClearly() {
        SimExchange notStarted = SimExchange.builder().build();
        assertThatThrownBy(notStarted::port).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
        try (SimExchange first = SimExchange.builder().build().start();
                SimExchange second = SimExchange.builder().port(first.port()).build()) {
            assertThatThrownBy(second::start).isInstanceOf(SimExchangeException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port());
            assertThat(first.binanceUrl()).isEqualTo("http://127.0.0.1:" + first.port());
            assertThat(first.bitmexUrl()).isEqualTo("http://127.0.0.1:" + first.port() + "/api/v1");
            assertThat(first.okxUrl()).isEqualTo("http://127.0.0.1:" + first.port());
        }
    }

    @Test
    void awaitStopReturnsOnceStopped() throws Exception {
        SimExchange sim = SimExchange.builder().build().start();
        Thread waiter = new Thread(() -> {
            try {
                sim.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        sim.close();
        waiter.join(5_000);
        assertThat(waiter.isAlive()).isFalse();
        assertThatThrownBy(sim::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
