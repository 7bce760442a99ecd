package io.antrest.app.roundtrip;

import io.antrest.core.RestClientConfig;
import io.antrest.core.RetryPolicy;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.Gateway;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.OrderOutcomeUnknownException;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.ExchangeException;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.Side;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Binance plugin through the whole runtime: {@link GatewayManager} with an H2 contract store
 * and a {@link MonitorEngine}, against the loopback simulator.
 */
class BinanceGatewayRoundTripTest {
    private static final String KEY = "gwKeyBinance0001";
    private static final String SECRET = "gwSecretBinance0001gwSecretBinance0001gwSecretBinance0001abcdef";

    @TempDir
    Path dir;

    private final ShiftableClock simClock = new ShiftableClock();
    private SimExchange sim;
    private MonitorEngine monitor;
    private GatewayManager manager;

    /** A clock the test can move forward, as an exchange's clock drifts from ours. */
    static final class ShiftableClock extends Clock {
        private final AtomicLong shiftMillis = new AtomicLong();

        void shift(Duration by) {
            shiftMillis.addAndGet(by.toMillis());
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException("UTC only"); }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis()); }
        @Override public long millis() { return System.currentTimeMillis() + shiftMillis.get(); }
    }

    @BeforeEach
    void start() {
        sim = SimExchange.builder().port(0).clock(simClock).build().start();
        sim.addBinanceKey(KEY, SECRET);
        monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofMillis(100)).build(), Clock.systemUTC());
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

    private Gateway connect() {
        return manager.connect("binance", GatewaySettings.builder().sessions(4)
                .exchange(ExchangeSettings.builder().url(sim.binanceUrl()).credentials(Credentials.hmac(KEY, SECRET)).build())
                .build());
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void connectStoresContractsThenAccountPlaceQueryAndCancel() throws Exception {
        Gateway g = connect();

        assertThat(g.isUp()).isTrue();
        List<Contract> stored = manager.store().load("binance");
        assertThat(stored).hasSizeGreaterThanOrEqualTo(20)
                .anySatisfy(c -> {
                    assertThat(c.symbol()).isEqualTo("BTCUSDT");
                    assertThat(c.tickSize()).isEqualByComparingTo("0.01");
                });
        assertThat(get(g.account())).extracting(Balance::asset).contains("USDT");

        Order placed = get(g.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("60000"))));
        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(placed.clientOrderId()).isNotBlank();
        Order queried = get(g.queryOrder(OrderRef.byClientOrderId("BTCUSDT", placed.clientOrderId())));
        assertThat(queried.orderId()).isEqualTo(placed.orderId());
        Order canceled = get(g.cancelOrder(OrderRef.byOrderId("BTCUSDT", placed.orderId())));
        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(sim.ordersPlaced(placed.clientOrderId())).isEqualTo(1);
        assertThat(g.budget().used("REQUEST_WEIGHT")).isPositive();
        assertThat(g.budget().used("ORDERS_10S")).as("the order counted in the order rules").isEqualTo(1);
        assertThat(g.budget().used("ORDERS_1D")).isEqualTo(1);
    }

    @Test
    void aSecondConnectFindsTheStoredContractsUnchanged() {
        connect().close();

        Gateway again = connect();

        assertThat(again.status().reason()).doesNotContain("initialised");
        assertThat(again.isUp()).isTrue();
    }

    @Test
    void aTimestampRefusedAfterTheExchangeClockMovedIsHealedByOneResync() throws Exception {
        Gateway g = connect();
        long timeCallsAtConnect = sim.received("/api/v3/time");
        simClock.shift(Duration.ofSeconds(30));

        List<Balance> balances = get(g.account());

        assertThat(balances).isNotEmpty();
        assertThat(sim.received("/api/v3/time")).isEqualTo(timeCallsAtConnect + 1);
        assertThat(sim.received("/api/v3/account")).isEqualTo(2);
        assertThat(g.clockOffset()).isGreaterThan(Duration.ofSeconds(25));
    }

    @Test
    void a429IsHonouredAndTheGetSucceedsOnItsRetry() throws Exception {
        Gateway g = connect();
        sim.faults().path("/api/v3/account").statuses(429);

        assertThat(get(g.account())).isNotEmpty();
        assertThat(sim.received("/api/v3/account")).isEqualTo(2);
    }

    @Test
    void aDuplicateClientOrderIdIsRefusedAndPlacedOnce() throws Exception {
        Gateway g = connect();
        OrderRequest order = OrderRequest.limit("ETHUSDT", Side.BUY, new BigDecimal("0.01"), new BigDecimal("3000"))
                .withClientOrderId("gw-dup-1");
        get(g.placeOrder(order));

        assertThatThrownBy(() -> get(g.placeOrder(order)))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.ORDER_REJECTED));
        assertThat(sim.ordersPlaced("gw-dup-1")).isEqualTo(1);
    }

    @Test
    void anOrderWhoseAnswerIsLostIsNeverPlacedTwiceAndCanBeLookedUp() throws Exception {
        // resolve-unknown off: the caller hears the loss at once (OrderResolutionRoundTripTest covers it on)
        Gateway g = manager.connect("binance", GatewaySettings.builder().sessions(4).resolveUnknown(false)
                .exchange(ExchangeSettings.builder().url(sim.binanceUrl()).credentials(Credentials.hmac(KEY, SECRET)).build())
                .build());
        sim.faults().on("POST", "/api/v3/order").resetAfterProcessing(1);

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> get(g.placeOrder(
                OrderRequest.limit("BTCUSDT", Side.SELL, new BigDecimal("0.002"), new BigDecimal("90000")))));

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(OrderOutcomeUnknownException.class);
        OrderRef ref = ((OrderOutcomeUnknownException) failure.getCause()).order();
        assertThat(sim.ordersPlaced(ref.clientOrderId().orElseThrow())).isEqualTo(1);
        assertThat(sim.orderAttempts(ref.clientOrderId().orElseThrow())).isEqualTo(1);
        assertThat(get(g.queryOrder(ref)).status()).isEqualTo(OrderStatus.NEW);
        assertThat(monitor.status("binance").state()).isNotEqualTo(GatewayState.DOWN);
    }

    @Test
    void theGatewaysRequestTimeoutBoundsItsTypedCallsAndASlowOrderIsNeverSentTwice() throws Exception {
        Gateway g = manager.connect("binance", GatewaySettings.builder().sessions(2).requestTimeout(Duration.ofMillis(300))
                .resolveUnknown(false)
                .exchange(ExchangeSettings.builder().url(sim.binanceUrl()).credentials(Credentials.hmac(KEY, SECRET)).build())
                .build());
        sim.faults().on("POST", "/api/v3/order").latency(Duration.ofSeconds(2));

        long start = System.nanoTime();
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> get(g.placeOrder(
                OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("50000")))));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(OrderOutcomeUnknownException.class)
                .hasMessageContaining("Look it up");
        assertThat(waitedMillis).as("the order's answer was not awaited for the simulator's 2 s").isLessThan(1_900);
        OrderRef ref = ((OrderOutcomeUnknownException) failure.getCause()).order();
        String id = ref.clientOrderId().orElseThrow();
        sim.faults().on("POST", "/api/v3/order").latency(Duration.ZERO);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sim.ordersPlaced(id) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);   // the simulator places it once its latency is over
        }
        assertThat(sim.orderAttempts(id)).as("sent once, never again").isEqualTo(1);
        assertThat(sim.ordersPlaced(id)).isEqualTo(1);
        assertThat(get(g.queryOrder(ref)).status()).isEqualTo(OrderStatus.NEW);
    }

    /**
     * rest-api.md, "LIMITS" and "Exchange information": the exchange states its limits in
     * exchangeInfo's {@code rateLimits} (enums.md, "Rate limiters"). A simulator started with its own
     * weight and order limits states them; a gateway connected without {@code weight_limit} budgets
     * with them (its metrics' buckets), one with {@code weight_limit} keeps the user's weight limit.
     * The simulator states no RAW_REQUESTS limit, so none is kept to.
     */
    @Test
    void aGatewayBudgetsWithTheLimitsTheExchangeStatesInExchangeInfo() throws Exception {
        try (SimExchange limited = SimExchange.builder().port(0).binanceWeightLimit(2345).binanceOrderLimits(9, 888)
                .build().start()) {
            limited.addBinanceKey(KEY, SECRET);
            Gateway g = manager.connect("binance", GatewaySettings.builder().name("binance-stated")
                    .exchange(ExchangeSettings.builder().url(limited.binanceUrl()).credentials(Credentials.hmac(KEY, SECRET))
                            .build()).build());
            com.fasterxml.jackson.databind.JsonNode stated = get(g.submit(g.exchange().contractsRequest())).json()
                    .get("rateLimits");
            assertThat(stated.get(0).get("rateLimitType").asText()).isEqualTo("REQUEST_WEIGHT");
            assertThat(stated.get(0).get("limit").asInt()).isEqualTo(2345);

            assertThat(g.metrics().buckets()).extracting(b -> b.name() + " " + b.limit() + " per " + b.window())
                    .containsExactly("REQUEST_WEIGHT 2345 per PT1M", "ORDERS_10S 9 per PT10S", "ORDERS_1D 888 per PT24H");
            assertThat(g.metrics().budgetLimit()).isEqualTo(2345);

            Gateway overridden = manager.connect("binance", GatewaySettings.builder().name("binance-override")
                    .exchange(ExchangeSettings.builder().url(limited.binanceUrl()).option("weight_limit", "100")
                            .credentials(Credentials.hmac(KEY, SECRET)).build()).build());
            assertThat(overridden.metrics().buckets()).extracting(b -> b.name() + " " + b.limit())
                    .containsExactly("REQUEST_WEIGHT 100", "ORDERS_10S 9", "ORDERS_1D 888");
        }
    }

    @Test
    void newOrdersAreHeldBackToTheOrderLimitInsteadOfBeingRefused() throws Exception {
        try (SimExchange strict = SimExchange.builder().port(0).binanceOrderLimits(5, 200_000).build().start()) {
            strict.addBinanceKey(KEY, SECRET);
            Gateway g = manager.connect("binance", GatewaySettings.builder().name("binance-orders").sessions(4)
                    .exchange(ExchangeSettings.builder().url(strict.binanceUrl()).option("order_limit", "5")
                            .credentials(Credentials.hmac(KEY, SECRET)).build())
                    .build());
            assertThat(g.budget().rules()).anySatisfy(r -> {
                assertThat(r.name()).isEqualTo("ORDERS_10S");
                assertThat(r.limit()).isEqualTo(5);
            });

            List<java.util.concurrent.CompletableFuture<Order>> orders = new java.util.ArrayList<>();
            for (int i = 0; i < 7; i++) {
                orders.add(g.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("50000"))));
            }
            for (java.util.concurrent.CompletableFuture<Order> f : orders) {
                assertThat(get(f).status()).isEqualTo(OrderStatus.NEW);
            }
            // seven orders, five allowed per 10 s: two waited for the next window instead of a -1015 refusal
            assertThat(strict.received("/api/v3/order")).as("each order sent once, none refused and re-sent").isEqualTo(7);
            assertThat(monitor.status("binance-orders").state()).isEqualTo(GatewayState.UP);
        }
    }
}
