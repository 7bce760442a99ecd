package io.antrest.gateway;

import io.antrest.core.Request;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeException;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import io.antrest.monitor.StateChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A gateway against a hostile or frozen exchange: a frozen one (accepts, never answers) is DOWN
 * after its own heart-beat time-out, not the monitor's fixed one, and UP again when it thaws; a
 * {@code Retry-After: 999999999} parks it no longer than the client's cap, the buckets included.
 */
class GatewayHangsTest {
    /** Only a hang, or the old fixed 10 s x 3 heart-beat, takes this long. */
    private static final long SAFETY_SECONDS = 20;

    @TempDir
    Path dir;

    private final FakeServer server = new FakeServer();
    private final List<StateChange> changes = new CopyOnWriteArrayList<>();
    private MonitorEngine monitor;
    private GatewayManager manager;

    private Gateway connect(RestClientConfig clientConfig, GatewaySettings.Builder settings) throws Exception {
        server.start();
        // the monitor's own heart-beat time-out is long: only the gateway's setting can make it DOWN in time
        monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofMillis(100))
                .heartBeatTimeout(Duration.ofMinutes(1)).build(), Clock.systemUTC());
        monitor.addListener(changes::add);
        manager = new GatewayManager(ProviderRegistry.of(List.of(new FakeExchange.Provider())), ContractStore.h2(dir),
                monitor, clientConfig);
        return manager.connect("fake", settings.exchange(ExchangeSettings.builder().url(server.url())
                .credentials(Credentials.hmac(FakeServer.KEY, "fake-secret")).build()).build());
    }

    @AfterEach
    void tearDown() {
        server.frozen = false;
        if (manager != null) {
            manager.close();
            monitor.close();
        }
        server.close();
    }

    @Test
    void aFrozenExchangeIsDownAfterTheGatewaysHeartBeatTimeoutAndUpWhenItThaws() throws Exception {
        Duration timeout = Duration.ofMillis(300);
        Gateway g = connect(RestClientConfig.defaults(), GatewaySettings.builder().heartBeatTimeout(timeout));
        assertThat(g.isUp()).isTrue();

        long frozenAt = System.nanoTime();
        server.frozen = true;
        await("the frozen gateway is DOWN", () -> g.status().state() == GatewayState.DOWN);
        assertThat(System.nanoTime() - frozenAt).isGreaterThanOrEqualTo(timeout.toNanos());
        assertThat(g.status().reason()).contains("3 failures in a row").contains("heart-beat failed");
        assertThat(g.status().reason()).contains("timeout of 300 ms");

        server.frozen = false;
        await("the thawed gateway is UP", g::isUp);
        assertThat(changes).extracting(StateChange::to).containsSubsequence(GatewayState.UP, GatewayState.DOWN, GatewayState.UP);
    }

    @Test
    void aHugeRetryAfterPausesTheGatewayAndItsBucketsForTheCapOnly() throws Exception {
        Gateway g = connect(RestClientConfig.builder().retryAfterCap(Duration.ofSeconds(1)).build(), GatewaySettings.builder());
        server.fail("/ping", 429, "{\"code\":-1003,\"msg\":\"too many requests\"}", Map.of("Retry-After", "999999999"), 1);

        await("the gateway is RATE_LIMITED", () -> changes.stream().anyMatch(c -> c.to() == GatewayState.RATE_LIMITED));
        await("the gateway is UP again after the cap", g::isUp);
        // a call that waited for the buckets' pause would wait until 2058
        assertThat(g.submit(Request.get("/ping").build()).get(SAFETY_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void aCallRefusedWithTheLargestRetryAfterEndsWithTheExchangesErrorNotAnOverflow() throws Exception {
        Gateway g = connect(RestClientConfig.defaults(), GatewaySettings.builder());
        server.fail("/contracts", 429, "{\"code\":-1003,\"msg\":\"too many requests\"}",
                Map.of("Retry-After", Long.toString(Long.MAX_VALUE)), 1);

        assertThatThrownBy(() -> g.contracts().get(SAFETY_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ExchangeException.class)
                .hasMessageContaining("RATE_LIMITED").hasMessageContaining("retry after " + Long.MAX_VALUE + " s");
    }

    @Test
    void aHeartBeatTimeoutOutsideItsBoundsIsRefusedNamingThem() {
        assertThatThrownBy(() -> GatewaySettings.builder().heartBeatTimeout(Duration.ofMillis(10)))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("heartBeatTimeout must be from 100ms to 5m");
        assertThatThrownBy(() -> GatewaySettings.builder().heartBeatTimeout(Duration.ofHours(1)))
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("was 1h");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SAFETY_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + SAFETY_SECONDS + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
