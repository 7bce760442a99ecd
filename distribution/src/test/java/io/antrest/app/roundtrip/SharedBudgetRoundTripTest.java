package io.antrest.app.roundtrip;

import io.antrest.core.RestClientConfig;
import io.antrest.core.limit.Sharing;
import io.antrest.gateway.BudgetSharing;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.Gateway;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.Side;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.MonitorEngine;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways on one Binance API key, each with its own manager, monitor and connection to Redis
 * as two processes have, against the simulator: together they keep to the exchange's order limit
 * (5 orders per 10 s here, as exchangeInfo states it), and a ban one of them meets stops the other.
 * Binance counts orders per account and request weight per IP ("LIMITS" in the spot API docs:
 * "Rejected/unsuccessful orders are not guaranteed to have X-MBX-ORDER-COUNT-** headers"; a 418
 * "IP ban" follows repeated 429s), which is why both buckets are shared.
 */
class SharedBudgetRoundTripTest {
    private static final String KEY = "sharedKeyBinance01";
    private static final String SECRET = "sharedSecretBinance01sharedSecretBinance01sharedSecretBinance0";
    private static RedisServer redis;
    private static int port;

    @TempDir
    Path dir;

    private SimExchange sim;
    private final List<MonitorEngine> monitors = new ArrayList<>();
    private final List<GatewayManager> managers = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
        redis.start();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        redis.stop();
    }

    @BeforeEach
    void startSim() {
        sim = SimExchange.builder().port(0).binanceWeightLimit(400).binanceOrderLimits(5, 1_000)
                .banDuration(Duration.ofSeconds(3)).build().start();
        sim.addBinanceKey(KEY, SECRET);
    }

    @AfterEach
    void stop() {
        managers.forEach(GatewayManager::close);
        monitors.forEach(MonitorEngine::close);
        sim.close();
    }

    /** A gateway as another process would have it: its own manager, monitor, store and Redis connection. */
    private Gateway process(String name) {
        MonitorEngine monitor = new MonitorEngine();
        GatewayManager manager = new GatewayManager(ProviderRegistry.discover(), ContractStore.h2(dir.resolve(name)), monitor,
                RestClientConfig.builder().build());
        monitors.add(monitor);
        managers.add(manager);
        Gateway g = manager.connect("binance", GatewaySettings.builder().name(name).sessions(4)
                .budget(BudgetSharing.parse("redis://127.0.0.1:" + port))
                .exchange(ExchangeSettings.builder().url(sim.binanceUrl()).credentials(Credentials.hmac(KEY, SECRET)).build())
                .build());
        assertThat(monitor.metrics(name).sharing().mode()).isEqualTo(Sharing.Mode.SHARED);
        return g;
    }

    /** Waits, if need be, until at least {@code millis} are left in the current window of {@code windowMillis}. */
    private static void awaitRoomInWindow(long windowMillis, long millis) throws InterruptedException {
        long left = windowMillis - Math.floorMod(System.currentTimeMillis(), windowMillis);
        if (left < millis) {
            Thread.sleep(left + 200);
        }
    }

    @Test
    void twoProcessesOnOneKeyKeepTogetherToTheOrderLimitAndPlaceEveryOrderOnce() throws Exception {
        Gateway a = process("a");
        Gateway b = process("b");
        awaitRoomInWindow(10_000, 5_000);

        List<CompletableFuture<Order>> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (Gateway g : List.of(a, b)) {
                orders.add(g.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("20000"))));
            }
        }
        await(() -> sim.received("/api/v3/order") >= 5, "five orders reach the exchange");
        Thread.sleep(1_000);
        assertThat(sim.received("/api/v3/order")).as("5 orders per 10 s between the two, not 5 each").isEqualTo(5);

        for (CompletableFuture<Order> f : orders) {
            Order placed = f.get(30, TimeUnit.SECONDS);
            assertThat(sim.ordersPlaced(placed.clientOrderId())).isEqualTo(1);
        }
        assertThat(sim.received("/api/v3/order")).as("the other three in the next window, none refused and re-sent")
                .isEqualTo(8);
    }

    @Test
    void aBanOneProcessMeetsStopsTheOtherUntilItEnds() throws Exception {
        Gateway a = process("a");
        Gateway b = process("b");
        awaitRoomInWindow(60_000, 15_000);

        // Another program on the same address spends the minute's weight: the exchange answers it 429.
        int status = 0;
        for (int i = 0; i < 100 && status != 429; i++) {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(sim.binanceUrl() + "/api/v3/exchangeInfo")
                    .toURL().openConnection();
            status = c.getResponseCode();
            c.disconnect();
        }
        assertThat(status).isEqualTo(429);

        // Gateway a sends on, and is banned (418) for 3 s.
        a.account();
        MonitorEngine monitorA = monitors.get(0);
        await(() -> monitorA.status("a").state() == GatewayState.RATE_LIMITED, "a is rate-limited");
        long accountCalls = sim.received("/api/v3/account");
        Thread.sleep(200);   // a's pause reaches Redis and is announced

        CompletableFuture<?> fromB = b.account();
        Thread.sleep(2_000);
        assertThat(sim.received("/api/v3/account")).as("b sends nothing while a is banned").isEqualTo(accountCalls);
        assertThat(fromB).isNotDone();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
