package io.antrest.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.antrest.core.Callback;
import io.antrest.core.Request;
import io.antrest.core.Response;
import io.antrest.core.RestClient;
import io.antrest.core.RestClientConfig;
import io.antrest.core.inject.RestCoreModule;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.Gateway;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.GatewayModule;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.Side;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import io.antrest.monitor.MonitorModule;
import io.antrest.monitor.StateChange;
import io.antrest.monitor.micrometer.MicrometerMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding examples of README.md, as written there; only the exchange's URL and keys differ
 * (the simulator's instead of the Binance testnet's), and assertions are added.
 */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    private SimExchange sim;
    private String url;
    private String apiKey;
    private String secret;

    @BeforeEach
    void startSimulator() {
        sim = SimExchange.builder().port(0).build().start();
        url = sim.binanceUrl();
        apiKey = SimExchange.DEMO_BINANCE_API_KEY;
        secret = SimExchange.DEMO_BINANCE_SECRET;
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void embeddingWithoutGuice() throws Exception {
        String jdbcUrl = "jdbc:h2:file:" + dir.resolve("contracts");
        // README: "Embedding without Guice"
        try (MonitorEngine monitor = new MonitorEngine(MonitorConfig.defaults(), Clock.systemUTC());
             GatewayManager manager = new GatewayManager(ProviderRegistry.discover(), new ContractStore(jdbcUrl),
                     monitor, RestClientConfig.defaults())) {
            Gateway binance = manager.connect("binance", GatewaySettings.builder()
                    .sessions(3)
                    .exchange(ExchangeSettings.builder()
                            .url(url)                                   // or .testnet(), or .live()
                            .credentials(Credentials.hmac(apiKey, secret))
                            .build())
                    .build());

            List<Balance> balances = binance.account().get(10, TimeUnit.SECONDS);
            Order order = binance.placeOrder(OrderRequest.limit("BTCUSDT", Side.BUY,
                    new BigDecimal("0.001"), new BigDecimal("50000.00"))).get(10, TimeUnit.SECONDS);
            Order canceled = binance.cancelOrder(OrderRef.byClientOrderId("BTCUSDT", order.clientOrderId()))
                    .get(10, TimeUnit.SECONDS);
            // end of README example

            assertThat(balances).isNotEmpty();
            assertThat(order.status()).isEqualTo(OrderStatus.NEW);
            assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
            assertThat(monitor.status("binance").state()).isEqualTo(GatewayState.UP);
        }
    }

    @Test
    void embeddingWithGuice() throws Exception {
        String jdbcUrl = "jdbc:h2:file:" + dir.resolve("contracts");
        List<StateChange> seen = new CopyOnWriteArrayList<>();
        // README: "Embedding with Guice"
        Injector injector = Guice.createInjector(
                new RestCoreModule(), new MonitorModule(), new GatewayModule(jdbcUrl));
        GatewayManager manager = injector.getInstance(GatewayManager.class);
        MonitorEngine monitor = injector.getInstance(MonitorEngine.class);   // one per injector
        monitor.addListener(change -> seen.add(change));                    // UP, DEGRADED, DOWN, ...

        Gateway binance = manager.connect("binance", GatewaySettings.of(ExchangeSettings.builder()
                .url(url).credentials(Credentials.hmac(apiKey, secret)).build()));
        System.out.println(monitor.metrics("binance"));                     // counters, p50/p99, budget
        manager.close();
        // end of README example

        assertThat(injector.getInstance(MonitorEngine.class)).isSameAs(monitor);
        assertThat(seen).extracting(StateChange::to).contains(GatewayState.UP, GatewayState.DISCONNECTED);
        assertThat(binance.client().isActive()).isFalse();
    }

    @Test
    void metricsWithMicrometer() throws Exception {
        String jdbcUrl = "jdbc:h2:file:" + dir.resolve("contracts");
        // README: "Metrics with Micrometer"
        Injector injector = Guice.createInjector(
                new RestCoreModule(), new MonitorModule(), new GatewayModule(jdbcUrl));
        MeterRegistry registry = new SimpleMeterRegistry();                  // the platform's own
        MicrometerMonitor meters = MicrometerMonitor.bind(registry, injector.getInstance(MonitorEngine.class));
        GatewayManager manager = injector.getInstance(GatewayManager.class);
        Gateway binance = manager.connect("binance", GatewaySettings.of(ExchangeSettings.builder()
                .url(url).credentials(Credentials.hmac(apiKey, secret)).build()));
        binance.account().get(10, TimeUnit.SECONDS);
        Timer account = registry.get("antrest.requests").tag("gateway", "binance")
                .tag("endpoint", "/api/v3/account").tag("outcome", "success").timer();
        System.out.println(account.count() + " in " + account.totalTime(TimeUnit.MILLISECONDS) + " ms");
        manager.close();
        meters.close();                                                       // removes the meters
        // end of README example

        assertThat(account.count()).isEqualTo(1);
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void theRequestEngineAloneInTheSeedsStyle() throws Exception {
        List<String> prices = new CopyOnWriteArrayList<>();
        // README: "The request engine alone"
        RestClient client = RestClient.builder("market-data").build();
        client.init(url);                                   // init(url, proxy) for an HTTP proxy
        client.start(3);                                    // three requests at once
        client.addRequest(Request.get("/api/v3/ticker/price").param("symbol", "BTCUSDT")
                        .droppable(true)                    // market data: may be dropped under load
                        .build(),
                Callback.of((data, call) -> prices.add(data.get("price").asText())));
        Response time = client.request(Request.get("/api/v3/time").build());   // synchronous
        client.join();                                      // everything queued has ended
        client.stop();
        // end of README example

        assertThat(prices).singleElement().satisfies(p -> assertThat(new BigDecimal(p)).isPositive());
        assertThat(time.json().get("serverTime").asLong()).isPositive();
    }
}
