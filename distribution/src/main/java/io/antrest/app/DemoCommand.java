package io.antrest.app;

import com.google.inject.Injector;
import io.antrest.app.config.AppConfig;
import io.antrest.core.Request;
import io.antrest.core.RequestDroppedException;
import io.antrest.core.Redactor;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.ContractPolicy;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.Gateway;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.JdbcUrls;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.Side;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import io.antrest.sim.SimExchange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * {@code antrest demo}: the whole framework with no settings and no internet. It starts the
 * exchange simulator on a free loopback port, connects a Binance, a BitMEX and an OKX gateway to it,
 * loads their contracts into the embedded H2 store, places, queries and cancels an order on each,
 * shows the monitor's table, then stops the simulator, shows the gateways going DOWN and
 * droppable requests being dropped, restarts it and shows them recover.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole framework against the built-in exchange simulator: no settings, no internet.",
                "Connects binance, bitmex and okx, loads contracts, trades, then shows an outage and the recovery."})
public final class DemoCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "the contract store (default: an H2 file database $ANTREST_HOME/data/demo, kept apart from the real one)")
    String jdbcUrl;

    /** The exchange plugins; null (the command line's case) finds them on the module path. */
    ProviderRegistry registry;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        String db = jdbcUrl != null ? jdbcUrl : demoStore();
        String problem = jdbcUrl != null ? JdbcUrls.problem(jdbcUrl).orElse(null) : null;
        if (problem != null) {
            err.println("--db " + Redactor.url(jdbcUrl) + " " + problem);
            return 2;
        }
        AppConfig config = new AppConfig(Optional.empty(), db, RestClientConfig.defaults(),
                MonitorConfig.builder().heartBeatInterval(Duration.ofMillis(250)).build(), List.of(), List.of());
        Injector injector = Bootstrap.injector(config, registry);
        try (PooledContractStore store = injector.getInstance(PooledContractStore.class);
             SimExchange sim = SimExchange.builder().port(0).build().start();
             MonitorEngine monitor = injector.getInstance(MonitorEngine.class);
             GatewayManager manager = injector.getInstance(GatewayManager.class)) {
            say("1. exchange simulator on loopback: Binance dialect at %s, BitMEX dialect at %s, OKX dialect at %s",
                    sim.binanceUrl(), sim.bitmexUrl(), sim.okxUrl());
            say("   exchange plugins found: %s", String.join(", ", manager.registry().names()));
            monitor.addListener(c -> say("   [monitor] %s: %s -> %s (%s)", c.gateway(), c.from(), c.to(), c.reason()));

            say("2. connecting the gateways (contracts into %s)", db);
            Gateway binance = manager.connect("binance", settings("binance", sim.binanceUrl(),
                    Credentials.hmac(SimExchange.DEMO_BINANCE_API_KEY, SimExchange.DEMO_BINANCE_SECRET)));
            Gateway bitmex = manager.connect("bitmex", settings("bitmex", sim.bitmexUrl(),
                    Credentials.hmac(SimExchange.DEMO_BITMEX_API_KEY, SimExchange.DEMO_BITMEX_SECRET)));
            Gateway okx = manager.connect("okx", settings("okx", sim.okxUrl(),
                    Credentials.hmac(SimExchange.DEMO_OKX_API_KEY, SimExchange.DEMO_OKX_SECRET)
                            .withPassphrase(SimExchange.DEMO_OKX_PASSPHRASE)));
            List<Gateway> all = List.of(binance, bitmex, okx);
            for (Gateway g : all) {
                say("   %s is %s with %d contracts in the store; clock offset %d ms", g.name(), g.status().state(),
                        manager.store().load(g.exchange().name()).size(), g.clockOffset().toMillis());
            }

            say("3. trading");
            trade(binance, OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("50000.00")));
            trade(bitmex, OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("100"), new BigDecimal("50000.0")));
            trade(okx, OrderRequest.limit("BTC-USDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("50000.0")));
            say("%s", table(monitor, all));

            say("4. the exchange goes away: simulator stopped");
            sim.stop();
            await(monitor, "binance", s -> s == GatewayState.DOWN);
            await(monitor, "bitmex", s -> s == GatewayState.DOWN);
            await(monitor, "okx", s -> s == GatewayState.DOWN);
            int dropped = 0;
            for (int i = 0; i < 5; i++) {
                CompletableFuture<?> f = binance.submit(Request.get("/api/v3/ticker/price").param("symbol", "BTCUSDT")
                        .droppable(true).build());
                try {
                    f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RequestDroppedException) {
                        dropped++;
                    }
                }
            }
            say("   5 droppable ticker requests while binance is DOWN: %d dropped, each caller told", dropped);
            if (dropped != 5) {
                err.println("demo failed: expected the 5 droppable requests to be dropped while DOWN, " + dropped + " were");
                return 1;
            }

            say("5. the exchange comes back: simulator restarted on the same port");
            sim.restart();
            await(monitor, "binance", s -> s == GatewayState.UP);
            await(monitor, "bitmex", s -> s == GatewayState.UP);
            await(monitor, "okx", s -> s == GatewayState.UP);
            List<Balance> balances = get(binance.account());
            say("   binance answers again: %d balances", balances.size());
            say("%s", table(monitor, all));
            say("demo done in %.1f s: every request answered, no order placed twice", (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (ExecutionException e) {
            err.println("demo failed: " + e.getCause().getMessage());
            return 1;
        } catch (TimeoutException e) {
            err.println("demo failed: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }

    private static String table(MonitorEngine monitor, List<Gateway> gateways) {
        return StatusTable.render(gateways.stream().map(g -> monitor.metrics(g.name())).toList()).stripTrailing();
    }

    private String demoStore() throws IOException {
        String home = System.getProperty("antrest.home");
        Path dir = home != null ? Path.of(home, "data", "demo") : Files.createTempDirectory("antrest-demo");
        Files.createDirectories(dir);
        return ContractStore.h2Url(dir);
    }

    private static GatewaySettings settings(String name, String url, Credentials credentials) {
        return GatewaySettings.builder().name(name).sessions(4).contractPolicy(ContractPolicy.SYNC)
                .heartBeatInterval(Duration.ofMillis(250)).connectTimeout(Duration.ofSeconds(10))
                .exchange(ExchangeSettings.builder().url(url).credentials(credentials).build())
                .build();
    }

    private void trade(Gateway g, OrderRequest order) throws Exception {
        List<Balance> balances = get(g.account());
        List<String> shown = new ArrayList<>();
        balances.stream().limit(3).forEach(b -> shown.add(b.asset() + " " + b.free().toPlainString()));
        say("   %s balances: %s%s", g.name(), String.join(", ", shown), balances.size() > 3 ? ", ..." : "");
        Order placed = get(g.placeOrder(order));
        say("   %s placed   %s %s %s @ %s -> %s (order %s, client id %s)", g.name(), order.side(), order.quantity().toPlainString(),
                order.symbol(), order.price().map(BigDecimal::toPlainString).orElse("market"), placed.status(), placed.orderId(),
                placed.clientOrderId());
        Order queried = get(g.queryOrder(OrderRef.byClientOrderId(order.symbol(), placed.clientOrderId())));
        say("   %s queried  order %s -> %s", g.name(), queried.orderId(), queried.status());
        Order canceled = get(g.cancelOrder(OrderRef.byOrderId(order.symbol(), placed.orderId())));
        say("   %s canceled order %s -> %s", g.name(), canceled.orderId(), canceled.status());
    }

    private static <T> T get(CompletableFuture<T> f) throws ExecutionException, InterruptedException, TimeoutException {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static void await(MonitorEngine monitor, String gateway, Predicate<GatewayState> state)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!state.test(monitor.status(gateway).state())) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("gateway '" + gateway + "' stayed " + monitor.status(gateway).state()
                        + " for " + WAIT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private void say(String format, Object... args) {
        out.println(String.format(java.util.Locale.ROOT, format, args));
        out.flush();
    }
}
