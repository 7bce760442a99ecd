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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The BitMEX plugin through the whole runtime: {@link GatewayManager} with an H2 contract store
 * and a {@link MonitorEngine}, against the loopback simulator.
 */
class BitmexGatewayRoundTripTest {
    private static final String KEY = "gwKeyBitmex0001";
    private static final String SECRET = "gwSecretBitmex0001gwSecretBitmex0001abcdefgh";

    @TempDir
    Path dir;

    private final BinanceGatewayRoundTripTest.ShiftableClock simClock = new BinanceGatewayRoundTripTest.ShiftableClock();
    private SimExchange sim;
    private MonitorEngine monitor;
    private GatewayManager manager;

    @BeforeEach
    void start() {
        sim = SimExchange.builder().port(0).clock(simClock).build().start();
        sim.addBitmexKey(KEY, SECRET);
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
        return manager.connect("bitmex", GatewaySettings.builder().sessions(4)
                .exchange(ExchangeSettings.builder().url(sim.bitmexUrl()).credentials(Credentials.hmac(KEY, SECRET)).build())
                .build());
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void connectStoresContractsThenAccountPlaceQueryAndCancel() throws Exception {
        Gateway g = connect();

        assertThat(g.isUp()).isTrue();
        List<Contract> stored = manager.store().load("bitmex");
        assertThat(stored).isNotEmpty()
                .anySatisfy(c -> {
                    assertThat(c.symbol()).isEqualTo("XBTUSD");
                    assertThat(c.tickSize()).isEqualByComparingTo("0.5");
                });
        assertThat(get(g.account())).extracting(Balance::asset).contains("XBt");

        Order placed = get(g.placeOrder(OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("100"), new BigDecimal("60000"))));
        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(placed.clientOrderId()).isNotBlank();
        Order queried = get(g.queryOrder(OrderRef.byClientOrderId("XBTUSD", placed.clientOrderId())));
        assertThat(queried.orderId()).isEqualTo(placed.orderId());
        Order canceled = get(g.cancelOrder(OrderRef.byOrderId("XBTUSD", placed.orderId())));
        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(sim.ordersPlaced(placed.clientOrderId())).isEqualTo(1);
        assertThat(g.budget().used("REQUESTS")).isPositive();
        assertThat(g.budget().used("ORDER_ROUTES")).as("place and cancel are order routes").isBetween(0L, 2L);
    }

    /**
     * BitMEX refuses a request whose {@code api-expires} has passed with HTTP 400 "This request has
     * expired - `expires` is in the past" (BitMEX/sample-market-maker#49, BitMEX/api-connectors#506):
     * the gateway reads that as a clock out of step, measures BitMEX's clock again (the Date header
     * of an unsigned ping; swagger.json has no clock endpoint) and sends the call once more, signed
     * with the corrected clock.
     */
    @Test
    void anExpiredRequestMakesTheGatewayMeasureTheClockAgainAndSendItOnceMore() throws Exception {
        Gateway g = connect();
        simClock.shift(Duration.ofSeconds(90));

        List<Balance> balances = get(g.account());

        assertThat(balances).isNotEmpty();
        assertThat(sim.received("/api/v1/user/margin")).as("refused as expired, then accepted").isEqualTo(2);
        assertThat(g.clockOffset()).isGreaterThan(Duration.ofSeconds(85));
    }

    /**
     * BitMEX API docs, "Limits": the order routes take "10 requests per second" from a token bucket
     * "continuously refilled", besides the minute's; the simulator refuses the eleventh in a second
     * with 429. Twenty orders submitted at once are paced by the gateway so that none is refused:
     * each is placed once, in one attempt.
     */
    @Test
    void aBurstOfOrdersIsPacedToTheOrderRoutesLimitAndNoneIsRefused() throws Exception {
        Gateway g = connect();
        List<java.util.concurrent.CompletableFuture<Order>> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orders.add(g.placeOrder(OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("100"), new BigDecimal("40000"))
                    .withClientOrderId("burst-" + i)));
        }

        for (int i = 0; i < orders.size(); i++) {
            assertThat(get(orders.get(i)).status()).isEqualTo(OrderStatus.NEW);
            assertThat(sim.orderAttempts("burst-" + i)).as("burst-" + i + " sent once, never refused").isEqualTo(1);
            assertThat(sim.ordersPlaced("burst-" + i)).isEqualTo(1);
        }
    }

    /**
     * swagger.json, POST /order: orderQty is an integer (contracts); a fractional quantity fails the
     * call with the plugin's IllegalArgumentException, saying what to do, and nothing is sent.
     */
    @Test
    void aFractionalQuantityFailsBeforeAnythingIsSent() {
        Gateway g = connect();
        long before = sim.received("/api/v1/order");

        assertThatThrownBy(() -> get(g.placeOrder(OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("150.5"),
                new BigDecimal("50000")).withClientOrderId("frac-1"))))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of contracts");
        assertThat(sim.received("/api/v1/order")).isEqualTo(before);
        assertThat(sim.orderAttempts("frac-1")).isZero();
    }

    @Test
    void aSecondConnectFindsTheStoredContractsUnchanged() {
        connect().close();

        Gateway again = connect();

        assertThat(again.status().reason()).doesNotContain("initialised");
        assertThat(again.isUp()).isTrue();
    }

    @Test
    void a429IsHonouredAndTheGetSucceedsOnItsRetry() throws Exception {
        Gateway g = connect();
        sim.faults().path("/api/v1/user/margin").statuses(429);

        assertThat(get(g.account())).isNotEmpty();
        assertThat(sim.received("/api/v1/user/margin")).isEqualTo(2);
    }

    @Test
    void aDuplicateClientOrderIdIsRefusedAndPlacedOnce() throws Exception {
        Gateway g = connect();
        OrderRequest order = OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("100"), new BigDecimal("50000"))
                .withClientOrderId("gw-dup-1");
        get(g.placeOrder(order));

        assertThatThrownBy(() -> get(g.placeOrder(order)))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.ORDER_REJECTED));
        assertThat(sim.ordersPlaced("gw-dup-1")).isEqualTo(1);
    }

    /**
     * Issue 16: an order whose answer was lost is looked up by its clOrdID (GET /order with
     * {@code filter={"clOrdID":...}}, BitMEX's API explorer) and returned as BitMEX has it.
     */
    @Test
    void anOrderWhoseAnswerIsLostIsFoundByItsClientOrderIdAndNeverPlacedTwice() throws Exception {
        Gateway g = connect();
        sim.faults().on("POST", "/api/v1/order").resetAfterProcessing(1);

        Order placed = get(g.placeOrder(OrderRequest.limit("XBTUSD", Side.SELL, new BigDecimal("200"), new BigDecimal("90000"))
                .withClientOrderId("gw-lost-1")));

        assertThat(placed.clientOrderId()).isEqualTo("gw-lost-1");
        assertThat(placed.status()).isEqualTo(OrderStatus.NEW);
        assertThat(sim.ordersPlaced("gw-lost-1")).isEqualTo(1);
        assertThat(sim.orderAttempts("gw-lost-1")).isEqualTo(1);
        assertThat(monitor.metrics("bitmex").resolutions().placed()).isEqualTo(1);
        assertThat(monitor.status("bitmex").state()).isNotEqualTo(GatewayState.DOWN);
    }
}
