package io.antrest.gateway;

import io.antrest.core.Request;
import io.antrest.core.RestClientConfig;
import io.antrest.core.RetryPolicy;
import io.antrest.core.limit.RateLimitBudget;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plugin contract of SPI 2 as the runtime honours it, against the loopback {@link FakeServer}
 * and {@link FakeExchange} (which, like OKX, reads an error out of a 2xx body that carries a
 * {@code code}): a 2xx refusal ends FAILED with its typed error, counts as a failure, fails a
 * heart-beat and is retried, throttled or left outcome-unknown like its non-2xx form; several
 * rate-limit buckets are spent all or nothing, one per instrument where the rule says so; a
 * cancel acknowledged by ids only is looked up.
 */
class SpiContractTest {
    @TempDir
    Path dir;

    private final FakeServer server = new FakeServer();
    private MonitorEngine monitor;
    private GatewayManager manager;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofMillis(50))
                .heartBeatTimeout(Duration.ofSeconds(2)).build(), Clock.systemUTC());
        RestClientConfig config = RestClientConfig.builder()
                .retryPolicy(new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5)))
                .build();
        manager = new GatewayManager(ProviderRegistry.of(List.of(new FakeExchange.Provider())), ContractStore.h2(dir),
                monitor, config);
    }

    @AfterEach
    void tearDown() {
        manager.close();
        monitor.close();
        server.close();
    }

    private Gateway connect() {
        return connect(true);
    }

    /** With {@code resolve-unknown} off, an order whose answer was lost fails at once: what the engine made of the answer shows. */
    private Gateway connect(boolean resolveUnknown) {
        return manager.connect("fake", GatewaySettings.builder().sessions(4).resolveUnknown(resolveUnknown)
                .exchange(ExchangeSettings.builder().url(server.url()).credentials(Credentials.hmac(FakeServer.KEY, "fake-secret"))
                        .build()).build());
    }

    private static Throwable failure(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure, got a result");
    }

    @Test
    void a2xxRefusalEndsFailedWithItsTypedErrorAndCountsAsFailed() throws Exception {
        Gateway g = connect();
        long failedBefore = g.metrics().client().failed();
        server.fail("/order", 200, "{\"code\":\"-2013\",\"msg\":\"Order does not exist.\"}", Map.of(), 1);

        Throwable e = failure(g.queryOrder(OrderRef.byClientOrderId("BTCUSDT", "nope")));

        assertThat(e).isInstanceOf(ExchangeException.class);
        ExchangeException ex = (ExchangeException) e;
        assertThat(ex.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(ex.error().httpStatus()).isEqualTo(200);
        assertThat(ex.error().code()).isEqualTo("-2013");
        assertThat(g.metrics().client().failed()).isEqualTo(failedBefore + 1);
        assertThat(g.metrics().client().success()).as("a 2xx refusal is no success").isPositive();
        assertThat(server.count("/order")).as("a refusal is not retried").isEqualTo(1);
        assertThat(g.isUp()).as("a refusal proves the exchange answers").isTrue();
    }

    @Test
    void aHeartBeatAnswered200WithServiceUnavailableTakesTheGatewayDown() throws Exception {
        Gateway g = connect();
        server.fail("/ping", 200, "{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable\"}", Map.of(), 1_000_000);

        await("the gateway DOWN", () -> monitor.status("fake").state() == GatewayState.DOWN);
        assertThat(monitor.status("fake").reason()).contains("heart-beat failed").contains("EXCHANGE_UNAVAILABLE");
        assertThat(g.isUp()).isFalse();
    }

    @Test
    void a2xxRateLimitIsRetriedForAGetAndPausesTheGateway() throws Exception {
        Gateway g = connect();
        server.fail("/account", 200, "{\"code\":\"50011\",\"msg\":\"Too Many Requests\"}", Map.of("Retry-After", "1"), 1);

        assertThat(g.account().get(10, TimeUnit.SECONDS)).isNotEmpty();

        assertThat(server.count("/account")).as("throttled once, then answered").isEqualTo(2);
    }

    @Test
    void a2xxRateLimitOnAnOrderIsARefusalAndTheOrderIsNotSentAgain() {
        Gateway g = connect();
        server.fail("/order", 200, "{\"code\":\"50011\",\"msg\":\"Too Many Requests\"}", Map.of(), 1);

        Throwable e = failure(g.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, BigDecimal.ONE, new BigDecimal("100"))));

        assertThat(e).isInstanceOf(ExchangeException.class);
        assertThat(((ExchangeException) e).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(server.count("/order")).isEqualTo(1);
    }

    @Test
    void a2xxServiceUnavailableOnAnOrderLeavesItsOutcomeUnknownAndItIsNotSentAgain() {
        Gateway g = connect(false);
        server.fail("/order", 200, "{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable\"}", Map.of(), 1);

        Throwable e = failure(g.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, BigDecimal.ONE, new BigDecimal("100"))
                .withClientOrderId("maybe-1")));

        assertThat(e).isInstanceOf(OrderOutcomeUnknownException.class).hasMessageContaining("maybe-1")
                .hasMessageContaining("EXCHANGE_UNAVAILABLE 50001");
        assertThat(server.count("/order")).isEqualTo(1);
    }

    @Test
    void a2xxOrderAnswerThatIsNotJsonIsOutcomeUnknownNeverARefusalEvenWhenThePluginWouldCallItOne() {
        Gateway g = connect(false);
        // FakeExchange reads a 2xx JSON object with a code as an error; this body is cut short before it is one
        server.fail("/order", 200, "{\"code\":\"-2013\",\"msg\":\"Order d", Map.of(), 1);

        Throwable e = failure(g.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, BigDecimal.ONE, new BigDecimal("100"))));

        // issue 16: the exchange got the order and answered 2xx, so it may well be placed: its outcome is unknown
        assertThat(e).isNotInstanceOf(ExchangeException.class).isInstanceOf(OrderOutcomeUnknownException.class)
                .hasMessageContaining("was answered but the answer cannot be read").hasMessageContaining("may or may not");
        assertThat(server.count("/order")).isEqualTo(1);
    }

    @Test
    void a2xxTimestampRefusalResyncsTheClockAndSendsOnceMore() throws Exception {
        Gateway g = connect();
        server.fail("/account", 200, "{\"code\":\"-1021\",\"msg\":\"Timestamp outside of the recvWindow\"}", Map.of(), 1);
        long timeBefore = server.count("/time");

        assertThat(g.account().get(10, TimeUnit.SECONDS)).isNotEmpty();

        assertThat(server.count("/time")).isEqualTo(timeBefore + 1);
        assertThat(server.count("/account")).isEqualTo(2);
    }

    @Test
    void ordersOnOneInstrumentWaitForItsBucketWhileOtherInstrumentsAndCallsGoAtOnce() throws Exception {
        Gateway g = connect();
        // start 300 ms into a second of the exchange's clock, so that the per-second window does not turn mid-test:
        // the budget's own windows turn 50 ms after the exchange's (RateLimitBudget's guard), and the measured
        // clock offset may be some tens of ms off, so +70 ms could still fall before the budget's turn (a fresh
        // clone's build failed so); 700 ms are left for the calls below
        long exchangeNow = System.currentTimeMillis() + g.clockOffset().toMillis();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_000 - Math.floorMod(exchangeNow, 1_000) + 300));
        List<CompletableFuture<Order>> btc = new ArrayList<>();
        for (int i = 0; i < FakeExchange.ORDERS_PER_SECOND + 1; i++) {
            btc.add(g.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, BigDecimal.ONE, new BigDecimal("100"))));
        }
        Order eth = g.placeOrder(OrderRequest.limit("ETHUSDT", Side.BUY, BigDecimal.ONE, new BigDecimal("10")))
                .get(10, TimeUnit.SECONDS);
        g.account().get(10, TimeUnit.SECONDS);

        assertThat(eth.status()).isEqualTo(OrderStatus.NEW);
        // the three orders race to the budget on three workers: whichever comes last waits, not always the third
        // sent, and one let through may still be on its way when ETHUSDT's order and the account call are done
        assertThat(btc.stream().filter(f -> !f.isDone()).count())
                .as("one of BTCUSDT's orders waits for its bucket's next second, after ETHUSDT's order and the account call")
                .isPositive();
        assertThat(g.budget().used("orders", "ETHUSDT")).isEqualTo(1);
        java.util.Map<Long, Long> perSecond = new java.util.TreeMap<>();
        for (CompletableFuture<Order> f : btc) {
            Order o = f.get(10, TimeUnit.SECONDS);
            assertThat(o.status()).isEqualTo(OrderStatus.NEW);
            perSecond.merge(o.time().getEpochSecond(), 1L, Long::sum);
        }
        assertThat(perSecond.values()).as("BTCUSDT's orders by the exchange's second they were placed in: two, then one")
                .containsExactly((long) FakeExchange.ORDERS_PER_SECOND, 1L);
        assertThat(server.count("/order")).as("every order sent once").isEqualTo(FakeExchange.ORDERS_PER_SECOND + 2);
        assertThat(g.metrics().buckets()).extracting(b -> b.name()).contains("weight", "orders BTCUSDT", "orders ETHUSDT");
    }

    @Test
    void aRequestThatWouldOverdrawOneBucketSpendsNoneAndWaits() {
        Gateway g = connect();
        ExchangeBudget budget = g.budget();
        long weightBefore = budget.used("weight");
        Request order = Request.post("/order").param("symbol", "XRPUSDT").build();
        for (int i = 0; i < FakeExchange.ORDERS_PER_SECOND; i++) {
            assertThat(budget.tryAcquire(order)).isZero();
        }
        long weightAfterAllowed = budget.used("weight");

        long wait = budget.tryAcquire(order);

        if (budget.used("orders", "XRPUSDT") == 0) {
            return; // the second turned between the calls: the new window let it through; nothing to prove this time
        }
        // until the window is behind its guard (1 s + 50 ms at most), or the next one too when the
        // orders were spent within the transit's lead before a turn (2 s + 50 ms at most)
        assertThat(wait).isPositive().isLessThanOrEqualTo(2_000 + RateLimitBudget.guard(1_000));
        assertThat(budget.used("weight")).as("the weight bucket was not spent for a request that waits")
                .isEqualTo(weightAfterAllowed);
        assertThat(weightAfterAllowed - weightBefore).isEqualTo(FakeExchange.ORDERS_PER_SECOND);
    }

    @Test
    void aCancelAcknowledgedByIdsOnlyIsLookedUpSoTheCallerGetsTheWholeOrder() throws Exception {
        Gateway g = connect();
        Order placed = g.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("2"), new BigDecimal("100"))
                .withClientOrderId("ack-1")).get(10, TimeUnit.SECONDS);
        long orderCalls = server.count("/order");
        server.fail("/order", 200, "{\"clientOrderId\":\"ack-1\",\"orderId\":\"" + placed.orderId() + "\"}", Map.of(), 1);

        Order cancelled = g.cancelOrder(OrderRef.byClientOrderId("BTCUSDT", "ack-1")).get(10, TimeUnit.SECONDS);

        assertThat(server.count("/order")).as("the cancel, then the look-up").isEqualTo(orderCalls + 2);
        assertThat(cancelled.clientOrderId()).isEqualTo("ack-1");
        assertThat(cancelled.symbol()).isEqualTo("BTCUSDT");
        assertThat(cancelled.side()).isEqualTo(Side.BUY);
        assertThat(cancelled.orderId()).isEqualTo(placed.orderId());
    }

    @Test
    void exchangeTextInAnErrorIsEscapedSoItCannotForgeALogLine() {
        Gateway g = connect();
        server.fail("/order", 400, "{\"code\":\"-2013\",\"msg\":\"gone\\nINFO fake log line: order 123 FILLED\\u001b[2J\"}",
                Map.of(), 1);

        Throwable e = failure(g.queryOrder(OrderRef.byClientOrderId("BTCUSDT", "x")));

        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u001b")
                .contains("gone\\u000aINFO fake log line").contains("\\u001b[2J");
    }

    @Test
    void aPluginBuiltForAnotherSpiVersionIsReportedByItsVersion() {
        assertThatThrownBy(() -> ProviderRegistry.of(List.of(new io.antrest.gateway.testplugin.OldSpiProvider()))
                .provider("ancient")).hasMessageContaining("SPI version 0").hasMessageContaining("SPI version 2");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
