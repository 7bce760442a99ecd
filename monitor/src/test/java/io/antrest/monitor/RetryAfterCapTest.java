package io.antrest.monitor;

import io.antrest.core.Request;
import io.antrest.core.RestClient;
import io.antrest.core.RestClientConfig;
import io.antrest.core.limit.RateLimitBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One {@code 429} asking for {@code Retry-After: 999999999} (until 2058) parks a gateway no longer
 * than the client's cap: it is RATE_LIMITED for the cap, back UP after it, and the exchange is
 * asked again.
 */
class RetryAfterCapTest {
    private static final String GW = "capped";
    private static final Duration CAP = Duration.ofSeconds(1);

    private final TestServer server = new TestServer();
    private final AtomicInteger throttles = new AtomicInteger(1);
    private MonitorEngine engine;
    private RestClient client;
    private RateLimitBudget budget;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        server.answer(path -> path.equals("/x") && throttles.getAndDecrement() > 0
                ? new TestServer.Reply(429, "{\"code\":-1003}", Map.of("Retry-After", "999999999"))
                : TestServer.Reply.ok());
        engine = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofMillis(100)).build(),
                Clock.systemUTC());
        budget = RateLimitBudget.perWindow(1000, Duration.ofSeconds(10), Clock.systemUTC());
        client = RestClient.builder(GW).config(RestClientConfig.builder().retryAfterCap(CAP).build())
                .admission(engine).listener(engine).budget(budget).build();
        client.init(server.url());
        client.start(1);
        engine.transition(GW, GatewayState.CONNECTING, "connecting");
        engine.transition(GW, GatewayState.UP, "up");
    }

    @AfterEach
    void tearDown() {
        client.stop();
        engine.close();
        server.close();
    }

    @Test
    void aHugeRetryAfterParksTheGatewayForTheCapOnlyAndItComesBackUp() throws Exception {
        Instant before = Instant.now();
        client.submit(Request.get("/x").maxAttempts(1).build()).handle((r, e) -> null).get(30, TimeUnit.SECONDS);

        GatewayStatus limited = engine.status(GW);
        assertThat(limited.state()).isEqualTo(GatewayState.RATE_LIMITED);
        assertThat(limited.rateLimitedUntil()).get().satisfies(until ->
                assertThat(until).as("paused for the cap, not until 2058").isBefore(before.plus(CAP).plusSeconds(20)));

        Await.until("the gateway is UP again", () -> engine.isUp(GW));
        assertThat(client.submit(Request.get("/x").maxAttempts(1).build()).get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(server.count("/x")).as("the exchange was asked again").isEqualTo(2);
    }

    @Test
    void aRetryAfterCapOutsideItsBoundsIsRefusedNamingThem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RestClientConfig.builder().retryAfterCap(Duration.ofDays(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryAfterCap must be from 1s to 24h");
    }
}
