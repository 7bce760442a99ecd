package io.antrest.app;

import com.google.inject.Injector;
import io.antrest.app.config.AppConfig;
import io.antrest.app.config.ConfigException;
import io.antrest.app.config.ConfigLoader;
import io.antrest.app.config.GatewayConfig;
import io.antrest.app.config.HttpBind;
import io.antrest.core.CountBound;
import io.antrest.core.Redactor;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.monitor.MonitorEngine;
import io.antrest.monitor.StateChange;
import io.antrest.monitor.micrometer.MicrometerMonitor;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code antrest run}: connects every gateway of the settings file, keeps them monitored, prints
 * each state change, retries the gateways that could not connect, and runs until interrupted
 * (Ctrl-C), then closes every gateway: queued requests end CANCELLED and their callers are told.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Connects every gateway configured, keeps them monitored and prints each state change,",
                "until interrupted (Ctrl-C)."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "the settings file (default: $ANTREST_HOME/conf/antrest.properties)")
    Path config;

    @Option(names = "--retry-interval", paramLabel = "SECONDS", defaultValue = "30",
            description = "how often a gateway that could not connect is tried again (default: ${DEFAULT-VALUE})")
    long retrySeconds;

    /** The bound of {@code --retry-interval}, in seconds: up to an hour. */
    static final CountBound RETRY_SECONDS = new CountBound("--retry-interval", 1, 3600,
            "how often a gateway that could not connect is tried again");

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Asks a running {@code call()} to close everything and return (what Ctrl-C does). */
    void requestStop() {
        stopRequested.countDown();
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!RETRY_SECONDS.contains(retrySeconds)) {
            err.println("--retry-interval must be from " + RETRY_SECONDS.range() + " seconds, was " + retrySeconds + ": it is "
                    + RETRY_SECONDS.meaning());
            return 2;
        }
        ConfigLoader loader = ConfigLoader.standard();
        Path file = config != null ? config : loader.defaultFile();
        AppConfig settings;
        try {
            settings = loader.load(file);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        settings.warnings().forEach(w -> err.println("warning: " + w));
        if (settings.gateways().isEmpty()) {
            err.println("settings file " + file + " configures no gateway: add gateway.NAME.exchange=binance (and its url,"
                    + " api-key, secret), see the comments in conf/antrest.properties");
            return 2;
        }

        for (GatewayConfig g : settings.gateways()) {
            // A password Redis refuses or a host that does not exist can never work either; an
            // unreachable Redis can come back, and the gateway falls back until it does.
            Optional<String> problem = g.settings().budget().problem();
            if (problem.isPresent()) {
                err.println("settings file " + file + ": gateway." + g.name() + ".budget: " + problem.get());
                return 2;
            }
        }
        Injector injector = Bootstrap.injector(settings);
        try {
            // An unknown exchange or settings its plugin refuses can never come up: say so now, not every 30 s.
            ConfigLoader.checkPlugins(settings, injector.getInstance(ProviderRegistry.class));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            injector.getInstance(PooledContractStore.class).close();
            return 2;
        }
        MonitorEngine monitor = injector.getInstance(MonitorEngine.class);
        GatewayManager manager = injector.getInstance(GatewayManager.class);
        Map<String, String> notConnected = new ConcurrentHashMap<>();
        Optional<Metrics> metrics;
        try {
            metrics = serve(settings, file, monitor, notConnected, out, err);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            monitor.close();
            injector.getInstance(PooledContractStore.class).close();
            return 2;
        }
        monitor.addListener(change -> printChange(out, change));
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                stopped.await(45, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "antrest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "antrest-connect");
            t.setDaemon(true);
            return t;
        });
        Map<String, GatewayConfig> waiting = new ConcurrentHashMap<>();
        try {
            out.println("antrest run: " + settings.gateways().size() + " gateway(s) from " + file
                    + ", contracts in " + Redactor.url(settings.jdbcUrl()));
            out.flush();
            for (GatewayConfig g : settings.gateways()) {
                if (!connect(manager, g, out, err, notConnected)) {
                    waiting.put(g.name(), g);
                }
            }
            retries.scheduleWithFixedDelay(() -> {
                for (GatewayConfig g : List.copyOf(waiting.values())) {
                    if (stopRequested.getCount() > 0 && connect(manager, g, out, err, notConnected)) {
                        waiting.remove(g.name());
                    }
                }
            }, retrySeconds, retrySeconds, TimeUnit.SECONDS);
            out.println("running; Ctrl-C stops");
            out.println(StatusTable.render(manager.gateways().keySet().stream().map(monitor::metrics).toList()));
            out.flush();
            stopRequested.await();
            out.println("stopping: closing " + manager.gateways().size() + " gateway(s)");
            out.flush();
            return 0;
        } finally {
            retries.shutdownNow();
            metrics.ifPresent(Metrics::close);
            manager.close();
            monitor.close();
            injector.getInstance(PooledContractStore.class).close();
            out.println("stopped cleanly");
            out.flush();
            stopped.countDown();
            removeHook(hook);
        }
    }

    private static boolean connect(GatewayManager manager, GatewayConfig g, PrintWriter out, PrintWriter err,
                                   Map<String, String> notConnected) {
        try {
            manager.connect(g.exchange(), g.settings());
            notConnected.remove(g.name());
            out.println("gateway '" + g.name() + "' (" + g.exchange() + ") is UP");
            out.flush();
            return true;
        } catch (RuntimeException e) {
            String why = "did not come up: " + Redactor.url(e.getMessage());
            notConnected.put(g.name(), why);
            err.println("gateway '" + g.name() + "' (" + g.exchange() + ") " + why + "; trying again later");
            err.flush();
            return false;
        }
    }

    /** The meters of every gateway and the endpoints that serve them, closed together. */
    private record Metrics(MicrometerMonitor meters, JvmGcMetrics gc, MonitorHttp http) {
        void close() {
            http.close();
            meters.close();
            gc.close();
        }
    }

    /**
     * Serves /metrics and /health on {@code antrest.monitor.http.bind}, unless it is 0. An address
     * the settings named that cannot be had stops the run (exit 2); the default one in use is only
     * reported, so that a second antrest on the machine still runs.
     */
    private static Optional<Metrics> serve(AppConfig settings, Path file, MonitorEngine monitor,
                                           Map<String, String> notConnected, PrintWriter out, PrintWriter err) {
        if (settings.http().isEmpty()) {
            return Optional.empty();
        }
        HttpBind bind = settings.http().get();
        PrometheusMeterRegistry registry = PrometheusRegistry.create();
        JvmGcMetrics gc = new JvmGcMetrics();
        List.of(new JvmMemoryMetrics(), new JvmThreadMetrics(), new ProcessorMetrics(), new UptimeMetrics(), gc)
                .forEach(b -> b.bindTo(registry));
        MicrometerMonitor meters = MicrometerMonitor.bind(registry, monitor);
        MonitorHttp http;
        try {
            http = MonitorHttp.start(bind, registry, monitor, settings.gateways().stream().map(GatewayConfig::name).toList(),
                    notConnected::get);
        } catch (IOException e) {
            meters.close();
            gc.close();
            String why = !(e instanceof BindException) ? bind + " cannot be listened on: " + e
                    : String.valueOf(e.getMessage()).contains("in use")
                    ? bind + " is in use: another program (another antrest run?) listens there"
                    : bind + " cannot be listened on (" + e.getMessage() + "): is the address this machine's?";
            String fix = "; set antrest.monitor.http.bind to another HOST:PORT, or 0 to serve no metrics or health";
            if (bind.configured()) {
                throw new ConfigException("settings file " + file + ": antrest.monitor.http.bind: " + why + fix);
            }
            err.println("error: metrics and health are not served: the default address " + why + fix);
            err.flush();
            return Optional.empty();
        }
        InetSocketAddress at = http.address();
        String base = "http://" + (at.getAddress().getHostAddress().indexOf(':') >= 0
                ? "[" + at.getAddress().getHostAddress() + "]" : at.getAddress().getHostAddress()) + ":" + at.getPort();
        out.println("metrics on " + base + "/metrics, health on " + base + "/health");
        out.flush();
        return Optional.of(new Metrics(meters, gc, http));
    }

    private static void printChange(PrintWriter out, StateChange change) {
        out.println(change.at() + " " + change.gateway() + ": " + change.from() + " -> " + change.to()
                + (change.reason() == null || change.reason().isBlank() ? "" : " (" + change.reason() + ")"));
        out.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping because of this hook: nothing to remove
        }
    }
}
