package io.antrest.app.it;

import io.antrest.sim.Faults;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code bin/antrest run} against a frozen exchange (the simulator's {@code /*:hang}
 * fault: every connection accepted, nothing answered): with {@code gateway.NAME.heartbeat-timeout}
 * set, the gateway is reported DOWN, and UP again when the exchange thaws; a heart-beat timeout
 * out of bounds is a settings mistake, exit code 2, naming the setting and the bounds.
 */
class HangsIT extends InstalledCopy {
    /** Only a hang takes this long: the gateway is DOWN after about three heart-beats of 300 ms. */
    private static final int SAFETY_SECONDS = 30;

    @Test
    void runReportsAFrozenExchangeDownAfterTheGatewaysHeartBeatTimeoutAndUpWhenItThaws() throws Exception {
        try (SimExchange sim = SimExchange.builder().port(0).build().start()) {
            Path conf = settings(
                    "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("hang-contracts"),
                    "gateway.spot.exchange=binance",
                    "gateway.spot.url=" + sim.binanceUrl(),
                    "gateway.spot.heartbeat-interval=200ms",
                    "gateway.spot.heartbeat-timeout=300ms");
            Process run = antrest.start(Map.of(), "run", "--config", conf.toString());
            Printed printed = Printed.follow(run, "hangs-it-reader");
            try {
                printed.await("running; Ctrl-C stops", SAFETY_SECONDS);
                sim.faults().path(Faults.ANY_PATH).hang(100_000);
                printed.await("spot: UP -> DOWN", SAFETY_SECONDS);
                assertThat(printed.text()).contains("heart-beat failed").contains("timeout of 300 ms");

                sim.faults().clear();
                printed.await("spot: DOWN -> UP", SAFETY_SECONDS);

                printed.ctrlC(SAFETY_SECONDS);
            } finally {
                run.destroyForcibly();
            }
            assertThat(printed.text()).contains("stopped cleanly");
        }
    }

    @Test
    void aHeartBeatTimeoutOutOfBoundsIsExitCodeTwoNamingTheSettingAndTheBounds() throws Exception {
        Path conf = settings("gateway.spot.exchange=binance", "gateway.spot.heartbeat-timeout=1h");
        Installation.Run r = antrest.run(Map.of(), 60, "run", "--config", conf.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("gateway.spot.heartbeat-timeout").contains("outside 100ms to 5m");

        Path cap = settings("antrest.client.retry-after-cap=0s", "gateway.spot.exchange=binance");
        Installation.Run c = antrest.run(Map.of(), 60, "run", "--config", cap.toString());
        assertThat(c.exit()).as(c.all()).isEqualTo(2);
        assertThat(c.err()).contains("antrest.client.retry-after-cap").contains("outside 1s to 24h");
    }
}
