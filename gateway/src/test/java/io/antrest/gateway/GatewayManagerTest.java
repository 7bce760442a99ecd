package io.antrest.gateway;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.antrest.core.RequestDroppedException;
import io.antrest.core.RestClientConfig;
import io.antrest.core.Request;
import io.antrest.core.inject.RestCoreModule;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.ExchangeException;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.Side;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import io.antrest.monitor.MonitorModule;
import io.antrest.monitor.StateChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayManagerTest {
    @TempDir
    Path dir;

    private final FakeServer server = new FakeServer();
    private final List<StateChange> changes = new CopyOnWriteArrayList<>();
    private MonitorEngine monitor;
    private GatewayManager manager;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofMillis(50))
                .heartBeatTimeout(Duration.ofSeconds(2)).build(), Clock.systemUTC());
        monitor.addListener(changes::add);
        manager = new GatewayManager(ProviderRegistry.of(List.of(new FakeExchange.Provider())), ContractStore.h2(dir),
                monitor, RestClientConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        manager.close();
        monitor.close();
        server.close();
    }

    private GatewaySettings.Builder settings() {
        return GatewaySettings.builder().exchange(ExchangeSettings.builder().url(server.url())
                .credentials(Credentials.hmac(FakeServer.KEY, "fake-secret")).build());
    }

    @Test
    void connectStartsTheClientMeasuresTheClockVerifiesContractsAndOnlyThenIsUp() throws Exception {
        // The budget's windows are whole minutes of the exchange's clock, which runs 5 s ahead:
        // starting in one of its minutes' last 5 s, the weight spent would straddle two windows.
        awayFromAMinuteTurn(server.skewMillis);
        Gateway g = manager.connect("fake", settings().sessions(2).build());

        assertThat(g.name()).isEqualTo("fake");
        assertThat(g.isUp()).isTrue();
        assertThat(changes).extracting(StateChange::to).containsExactly(GatewayState.CONNECTING,
                GatewayState.VERIFYING_CONTRACTS, GatewayState.UP);
        assertThat(changes.get(2).reason()).contains("initialised").contains("2 symbols");
        assertThat(server.count("/time")).as("measured twice, the second on the open connection kept").isEqualTo(2);
        assertThat(server.count("/contracts")).isEqualTo(1);
        // the server's clock runs 5 s ahead
        assertThat(g.clockOffset().toMillis()).isBetween(4_500L, 5_500L);
        assertThat(manager.store().load("fake")).hasSize(2);
        assertThat(g.client().isActive()).isTrue();
        assertThat(manager.gateway("fake")).containsSame(g);
        assertThat(monitor.metrics("fake").budgetLimit()).isEqualTo(1200);
        assertThat(monitor.metrics("fake").budgetUsed()).isGreaterThanOrEqualTo(11); // time 1 + contracts 10
    }

    @Test
    void signedTypedCallsWorkWithTheMeasuredOffset() throws Exception {
        Gateway g = manager.connect("fake", settings().build());

        List<Balance> balances = g.account().get(10, TimeUnit.SECONDS);
        assertThat(balances).containsExactly(new Balance("BTC", new BigDecimal("1.5"), new BigDecimal("0.25")));

        Order placed = g.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.5"), new BigDecimal("30000")))
                .get(10, TimeUnit.SECONDS);
        assertThat(placed.clientOrderId()).startsWith("fake-");
        assertThat(server.orders).containsKey(placed.clientOrderId());
        OrderRef ref = OrderRef.byClientOrderId("BTCUSDT", placed.clientOrderId());
        assertThat(g.queryOrder(ref).get(10, TimeUnit.SECONDS).clientOrderId()).isEqualTo(placed.clientOrderId());
        assertThat(g.cancelOrder(ref).get(10, TimeUnit.SECONDS).status().name()).isEqualTo("CANCELED");

        assertThatThrownBy(() -> g.queryOrder(OrderRef.byClientOrderId("BTCUSDT", "nope")).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ExchangeException.class)
                .satisfies(e -> assertThat(((ExchangeException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void aTimestampOutOfWindowMakesTheGatewayMeasureAgainAndRetryOnce() throws Exception {
        Gateway g = manager.connect("fake", settings().build());
        server.skewMillis = 20_000; // the exchange's clock jumps

        List<Balance> balances = g.account().get(10, TimeUnit.SECONDS);
        assertThat(balances).hasSize(1);
        assertThat(server.count("/account")).isEqualTo(2);
        assertThat(server.count("/time")).as("twice at connect, once again on the refusal").isEqualTo(3);
        assertThat(g.clockOffset().toMillis()).isBetween(19_500L, 20_500L);
    }

    @Test
    void aSecondTimestampRefusalIsNotRetriedAgain() {
        Gateway g = manager.connect("fake", settings().build());
        server.fail("/account", 400, "{\"code\":-1021,\"msg\":\"Timestamp outside of the recvWindow\"}", Map.of(), 5);

        assertThatThrownBy(() -> g.account().get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ExchangeException.class)
                .hasMessageContaining("TIMESTAMP_OUT_OF_WINDOW").hasMessageContaining("-1021");
        assertThat(server.count("/account")).isEqualTo(2);
    }

    @Test
    void strictPolicyKeepsTheGatewayFromComingUpWhenContractsChanged() {
        manager.connect("fake", settings().build()).close();
        server.symbols.set(0, new FakeServer.Symbol("BTCUSDT", "BTC", "USDT", "0.1", "0.00001", "10", "TRADING"));
        changes.clear();

        assertThatThrownBy(() -> manager.connect("fake", settings().contractPolicy(ContractPolicy.STRICT).build()))
                .isInstanceOf(ContractMismatchException.class)
                .hasMessageContaining("BTCUSDT: tickSize 0.01 -> 0.1");
        assertThat(changes).extracting(StateChange::to).doesNotContain(GatewayState.UP)
                .endsWith(GatewayState.DISCONNECTED);
        assertThat(monitor.isUp("fake")).isFalse();
        assertThat(manager.gateway("fake")).isEmpty();
        assertThat(manager.store().load("fake").get(0).tickSize()).isEqualByComparingTo("0.01");
    }

    @Test
    void syncPolicyUpdatesTheStoreAndComesUp() {
        manager.connect("fake", settings().build()).close();
        server.symbols.remove(1);
        server.symbols.add(new FakeServer.Symbol("SOLUSDT", "SOL", "USDT", "0.001", "0.01", "5", "TRADING"));

        Gateway g = manager.connect("fake", settings().contractPolicy(ContractPolicy.SYNC).build());
        assertThat(g.isUp()).isTrue();
        assertThat(g.status().reason()).contains("synced").contains("1 added (SOLUSDT)").contains("1 removed (ETHUSDT)");
        assertThat(manager.store().load("fake")).extracting(c -> c.symbol()).containsExactly("BTCUSDT", "SOLUSDT");
    }

    @Test
    void heartBeatsTakeADeadExchangeDownAndDroppableRequestsAreDropped() throws Exception {
        Gateway g = manager.connect("fake", settings().build());
        server.fail("/ping", 503, "{\"code\":-1}", Map.of(), 1000);
        await("DOWN", () -> monitor.status("fake").state() == GatewayState.DOWN);

        assertThatThrownBy(() -> g.submit(Request.get("/contracts").droppable(true).build()).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(RequestDroppedException.class).hasMessageContaining("gateway 'fake' is DOWN");

        server.fail("/ping", 503, "", Map.of(), 0);
        await("UP again", () -> monitor.isUp("fake"));
        assertThat(g.metrics().client().dropped()).isEqualTo(1);
    }

    @Test
    void aRateLimitAnswerPausesTheBudgetAndTheMonitor() throws Exception {
        Gateway g = manager.connect("fake", settings().build());
        server.fail("/account", 429, "{\"code\":-1003,\"msg\":\"Too many requests\"}", Map.of("Retry-After", "1"), 1);

        List<Balance> b = g.account().get(10, TimeUnit.SECONDS); // retried after the wait, being a GET
        assertThat(b).hasSize(1);
        assertThat(changes).extracting(StateChange::to).contains(GatewayState.RATE_LIMITED);
        await("UP again", () -> monitor.isUp("fake"));
    }

    @Test
    void usedWeightHeadersCorrectTheBudget() throws Exception {
        Gateway g = manager.connect("fake", settings().build());
        // A count heard within the guard (1 s) after a minute turns belongs to the minute before
        // (RateLimitBudget.raise); away from the turn it is the current minute's.
        awayFromAMinuteTurn(g.clockOffset().toMillis());
        server.usedWeight = 900;
        g.submit(Request.get("/ping").build()).get(10, TimeUnit.SECONDS);
        assertThat(g.budget().used("weight")).isGreaterThanOrEqualTo(900);
    }

    /**
     * Waits until the exchange's clock (ours plus {@code offsetMillis}; the budget's windows are its
     * minutes) is at least 2 s past a minute's turn and 5 s before the next.
     */
    private static void awayFromAMinuteTurn(long offsetMillis) throws InterruptedException {
        long intoMinute = Math.floorMod(System.currentTimeMillis() + offsetMillis, 60_000L);
        if (intoMinute < 2_000) {
            Thread.sleep(2_000 - intoMinute);
        } else if (intoMinute > 55_000) {
            Thread.sleep(62_000 - intoMinute);
        }
    }

    @Test
    void clearErrorsForBadSettings() {
        assertThatThrownBy(() -> GatewaySettings.builder().sessions(-1)).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("must be from 1 to 256, was -1");
        assertThatThrownBy(() -> ExchangeSettings.builder().url("not a url")).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("is not an http(s) URL");
        assertThatThrownBy(() -> manager.connect("kraken", settings().build())).isInstanceOf(ProviderLookupException.class)
                .hasMessageContaining("available: fake");
        assertThatThrownBy(() -> GatewaySettings.builder().proxy("proxy.local", 0)).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("proxy port");
    }

    @Test
    void aSignedCallWithoutCredentialsFailsWithTheSettingsToSet() throws Exception {
        Gateway g = manager.connect("fake", GatewaySettings.builder()
                .exchange(ExchangeSettings.builder().url(server.url()).build()).build());
        assertThat(g.isUp()).isTrue(); // public endpoints need no key
        assertThatThrownBy(() -> g.account().get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("exchange 'fake' needs credentials").hasMessageContaining("gateway.NAME.api-key");
        assertThat(server.count("/account")).isZero();
    }

    @Test
    void aGatewayNameIsTakenOnce() {
        manager.connect("fake", settings().build());
        assertThatThrownBy(() -> manager.connect("fake", settings().build())).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("already connected");
        Gateway second = manager.connect("fake", settings().name("fake-2").build());
        assertThat(manager.gateways()).containsOnlyKeys("fake", "fake-2");
        second.close();
        assertThat(monitor.status("fake-2").state()).isEqualTo(GatewayState.DISCONNECTED);
        assertThat(second.client().isActive()).isFalse();
    }

    @Test
    void anUnreachableExchangeFailsConnectAndLeavesNothingRunning() throws Exception {
        FakeServer gone = new FakeServer().start();
        String url = gone.url();
        gone.close();
        assertThatThrownBy(() -> manager.connect("fake", GatewaySettings.builder().connectTimeout(Duration.ofSeconds(20))
                .exchange(ExchangeSettings.builder().url(url).build()).build()))
                .isInstanceOf(io.antrest.core.TransportException.class);
        assertThat(manager.gateways()).isEmpty();
        assertThat(monitor.status("fake").state()).isEqualTo(GatewayState.DISCONNECTED);
        assertThat(monitor.status("fake").reason()).contains("connect failed");
    }

    @Test
    void anInjectorYieldsOneMonitorEngineSharedWithTheGatewayManager() {
        Injector injector = Guice.createInjector(new RestCoreModule(), new MonitorModule(),
                new GatewayModule(ContractStore.h2Url(dir.resolve("guice")),
                        ProviderRegistry.of(List.of(new FakeExchange.Provider()))));
        MonitorEngine a = injector.getInstance(MonitorEngine.class);
        try {
            assertThat(injector.getInstance(MonitorEngine.class)).isSameAs(a);
            GatewayManager m = injector.getInstance(GatewayManager.class);
            assertThat(m).isSameAs(injector.getInstance(GatewayManager.class));
            assertThat(m.monitor()).isSameAs(a);
            assertThat(m.registry().names()).containsExactly("fake");
            assertThat(m.store().url()).contains("guice");
        } finally {
            a.close();
        }
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
