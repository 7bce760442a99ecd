package io.antrest.app.roundtrip;

import io.antrest.core.RestClientConfig;
import io.antrest.core.RetryPolicy;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.Gateway;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.IfNotPlaced;
import io.antrest.gateway.OrderNotPlacedException;
import io.antrest.gateway.OrderOutcomeUnknownException;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.Side;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import io.antrest.monitor.Resolutions;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 16: an order (or a cancel) whose answer was lost is settled by the gateway itself, through
 * the real runtime, the Binance plugin and the loopback simulator. Binance's window is the one its
 * docs state: "the request is rejected if timestamp + recvWindow has passed when the server
 * receives it" (binance-spot-api-docs, rest-api.md, "Timing security"), and since 2025 when the
 * order reaches the matching engine too; the simulator checks it when it processes the order,
 * after any latency it was told to add. The gateways here sign with {@code recvWindow=500} so that
 * "certainly not placed" is proven 1.5 s after the loss (window plus the gateway's 1 s clock margin).
 */
class OrderResolutionRoundTripTest {
    private static final String KEY = "resolveKeyBinance0001";
    private static final String SECRET = "resolveSecretBinance0001resolveSecretBinance0001resolveSecret01";
    private static final String ORDER_PATH = "/api/v3/order";
    /** The window these gateways sign with, and when a look-up may first prove "not placed": window + 1 s margin. */
    private static final long RECV_WINDOW_MS = 500;
    private static final long PROVEN_AFTER_MS = RECV_WINDOW_MS + 1_000;

    @TempDir
    Path dir;

    private SimExchange sim;
    private MonitorEngine monitor;
    private GatewayManager manager;

    @BeforeEach
    void start() {
        sim = SimExchange.builder().port(0).build().start();
        sim.addBinanceKey(KEY, SECRET);
        monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofMillis(200)).build(), Clock.systemUTC());
        manager = new GatewayManager(ProviderRegistry.discover(), ContractStore.h2(dir), monitor,
                RestClientConfig.builder().retryPolicy(new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(50),
                        Duration.ofSeconds(5))).build());
    }

    @AfterEach
    void stop() {
        manager.close();
        monitor.close();
        sim.close();
    }

    private Gateway connect(UnaryOperator<GatewaySettings.Builder> settings) {
        return connect(settings, RECV_WINDOW_MS);
    }

    private Gateway connect(UnaryOperator<GatewaySettings.Builder> settings, long recvWindow) {
        return manager.connect("binance", settings.apply(GatewaySettings.builder().sessions(4)
                .requestTimeout(Duration.ofMillis(400))
                .exchange(ExchangeSettings.builder().url(sim.binanceUrl()).credentials(Credentials.hmac(KEY, SECRET))
                        .option("recv_window", Long.toString(recvWindow)).build()))
                .build());
    }

    private static OrderRequest order(String clientOrderId) {
        return OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("50000"))
                .withClientOrderId(clientOrderId);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(40, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        Throwable t = catchThrowable(() -> get(f));
        assertThat(t).isInstanceOf(ExecutionException.class);
        return t.getCause();
    }

    private Resolutions resolutions() {
        return monitor.metrics("binance").resolutions();
    }

    @Test
    void anOrderPlacedWhoseAnswerWasLostIsFoundAndReturnedAsTheExchangeHasIt() throws Exception {
        Gateway g = connect(b -> b);
        sim.faults().on("POST", ORDER_PATH).resetAfterProcessing(1);

        Order placed = get(g.placeOrder(order("resolveFound1")));

        assertThat(placed.clientOrderId()).isEqualTo("resolveFound1");
        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(sim.orderAttempts("resolveFound1")).as("sent once").isEqualTo(1);
        assertThat(sim.ordersPlaced("resolveFound1")).isEqualTo(1);
        assertThat(resolutions()).isEqualTo(new Resolutions(1, 0, 0, 0, 0));
    }

    @Test
    void anOrderAnswered2xxWithATruncatedOrNonJsonBodyIsOutcomeUnknownAndFound() throws Exception {
        Gateway g = connect(b -> b);
        sim.faults().on("POST", ORDER_PATH).truncatedJson(1);
        Order cut = get(g.placeOrder(order("resolveCut1")));
        sim.faults().on("POST", ORDER_PATH).malformedJson(1);
        Order notJson = get(g.placeOrder(order("resolveNotJson1")));

        assertThat(cut.clientOrderId()).isEqualTo("resolveCut1");
        assertThat(notJson.clientOrderId()).isEqualTo("resolveNotJson1");
        assertThat(sim.ordersPlaced("resolveCut1") + sim.ordersPlaced("resolveNotJson1")).isEqualTo(2);
        assertThat(resolutions().placed()).isEqualTo(2);
    }

    @Test
    void lookUpsThatFailAreRepeatedUntilOneAnswers() throws Exception {
        Gateway g = connect(b -> b);
        sim.faults().on("POST", ORDER_PATH).resetAfterProcessing(1);
        sim.faults().on("GET", ORDER_PATH).statuses(503, 503, 503);

        Order placed = get(g.placeOrder(order("resolveRetry1")));

        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(sim.faults().on("GET", ORDER_PATH).pending()).as("the three failed look-ups were all used").isZero();
        assertThat(sim.ordersPlaced("resolveRetry1")).isEqualTo(1);
    }

    @Test
    void anOrderLostBeforeTheExchangeActedIsReportedNotPlacedOnlyOnceItsWindowHasPassed() throws Exception {
        Gateway g = connect(b -> b);
        sim.faults().on("POST", ORDER_PATH).reset(1);

        long start = System.nanoTime();
        Throwable failure = failureOf(g.placeOrder(order("resolveNot1")));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failure).isInstanceOfSatisfying(OrderNotPlacedException.class,
                e -> assertThat(e.order().clientOrderId()).contains("resolveNot1"))
                .hasMessageContaining("was not placed").hasMessageContaining("acceptance window (500 ms after signing")
                .hasMessageContaining("if-not-placed = report");
        assertThat(waited).as("not called 'not placed' before the window and its margin had passed").isGreaterThanOrEqualTo(PROVEN_AFTER_MS);
        assertThat(sim.ordersPlaced("resolveNot1")).isZero();
        assertThat(resolutions()).isEqualTo(new Resolutions(0, 1, 0, 0, 0));
    }

    @Test
    void anOrderThatReachesTheExchangeAfterItsWindowIsRefusedThereAndReportedNotPlaced() throws Exception {
        Gateway g = connect(b -> b);
        sim.faults().on("POST", ORDER_PATH).latency(Duration.ofMillis(RECV_WINDOW_MS + 400));

        Throwable failure = failureOf(g.placeOrder(order("resolveLate1")));
        sim.faults().on("POST", ORDER_PATH).latency(Duration.ZERO);

        assertThat(failure).isInstanceOf(OrderNotPlacedException.class);
        assertThat(sim.orderAttempts("resolveLate1")).as("it did reach the simulator, late").isEqualTo(1);
        assertThat(sim.ordersPlaced("resolveLate1")).as("refused there: its recvWindow had passed").isZero();
    }

    @Test
    void anOrderPlacedLateButInsideItsWindowIsFound() throws Exception {
        Gateway g = connect(b -> b, 5_000);
        sim.faults().on("POST", ORDER_PATH).latency(Duration.ofMillis(1_500));

        Order placed = get(g.placeOrder(order("resolveSlow1")));
        sim.faults().on("POST", ORDER_PATH).latency(Duration.ZERO);

        assertThat(placed.clientOrderId()).isEqualTo("resolveSlow1");
        assertThat(sim.orderAttempts("resolveSlow1")).as("sent once, never again").isEqualTo(1);
        assertThat(sim.ordersPlaced("resolveSlow1")).isEqualTo(1);
    }

    @Test
    void withResendAnOrderCertainlyNotPlacedIsSentAgainWithItsClientOrderIdAndPlacedOnce() throws Exception {
        Gateway g = connect(b -> b);
        sim.faults().on("POST", ORDER_PATH).reset(1);

        Order placed = get(g.placeOrder(order("resolveResend1"), IfNotPlaced.RESEND));

        assertThat(placed.clientOrderId()).isEqualTo("resolveResend1");
        assertThat(sim.ordersPlaced("resolveResend1")).isEqualTo(1);
        assertThat(resolutions().notPlaced()).isEqualTo(1);
    }

    @Test
    void theGatewaysSettingChoosesResendWhenTheCallerDoesNotSay() throws Exception {
        Gateway g = connect(b -> b.ifNotPlaced(IfNotPlaced.RESEND));
        sim.faults().on("POST", ORDER_PATH).reset(1);

        assertThat(get(g.placeOrder(order("resolveResend2"))).clientOrderId()).isEqualTo("resolveResend2");
        assertThat(sim.ordersPlaced("resolveResend2")).isEqualTo(1);
    }

    @Test
    void whenTheWindowCannotPassInTheTimeAllowedTheCallerHearsUnknownWithWhatWasTried() throws Exception {
        Gateway g = connect(b -> b.resolveWithin(Duration.ofSeconds(1)), 5_000);
        sim.faults().on("POST", ORDER_PATH).reset(1);

        Throwable failure = failureOf(g.placeOrder(order("resolveDoubt1")));

        assertThat(failure).isInstanceOfSatisfying(OrderOutcomeUnknownException.class,
                e -> assertThat(e.order().clientOrderId()).contains("resolveDoubt1"))
                .hasMessageContaining("may or may not have been placed").hasMessageContaining("look-up(s)")
                .hasMessageContaining("found no such order").hasMessageContaining("resolve-within")
                .hasMessageContaining("had not passed");
        assertThat(resolutions()).isEqualTo(new Resolutions(0, 0, 1, 0, 0));
    }

    @Test
    void turnedOffTheCallerHearsUnknownAtOnceAndNothingIsLookedUp() throws Exception {
        Gateway g = connect(b -> b.resolveUnknown(false));
        sim.faults().on("POST", ORDER_PATH).resetAfterProcessing(1);
        long before = sim.received(ORDER_PATH);

        Throwable failure = failureOf(g.placeOrder(order("resolveOff1")));

        assertThat(failure).isInstanceOf(OrderOutcomeUnknownException.class).hasMessageContaining("Look it up");
        assertThat(sim.received(ORDER_PATH) - before).as("the placement only, no look-up").isEqualTo(1);
        assertThat(resolutions()).isEqualTo(Resolutions.NONE);
    }

    @Test
    void aCancelWhoseAnswerWasLostIsSettledWhetherItTookEffectOrNot() throws Exception {
        Gateway g = connect(b -> b);
        Order first = get(g.placeOrder(order("resolveCancel1")));
        Order second = get(g.placeOrder(order("resolveCancel2")));

        sim.faults().on("DELETE", ORDER_PATH).resetAfterProcessing(1);
        Order tookEffect = get(g.cancelOrder(OrderRef.byClientOrderId("BTCUSDT", first.clientOrderId())));
        sim.faults().on("DELETE", ORDER_PATH).reset(1);
        Order sentAgain = get(g.cancelOrder(OrderRef.byClientOrderId("BTCUSDT", second.clientOrderId())));

        assertThat(tookEffect.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(sentAgain.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(resolutions()).isEqualTo(new Resolutions(0, 0, 0, 2, 0));
    }
}
