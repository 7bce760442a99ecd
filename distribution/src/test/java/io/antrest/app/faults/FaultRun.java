package io.antrest.app.faults;

import io.antrest.core.ClientMetrics;
import io.antrest.core.Outcome;
import io.antrest.core.OutcomeUnknownException;
import io.antrest.core.RequestCancelledException;
import io.antrest.core.RequestDroppedException;
import io.antrest.core.OutcomeListener;
import io.antrest.core.Request;
import io.antrest.core.RequestStatus;
import io.antrest.core.Response;
import io.antrest.core.RestClientConfig;
import io.antrest.core.RetryPolicy;
import io.antrest.gateway.ContractPolicy;
import io.antrest.gateway.ContractStore;
import io.antrest.gateway.Gateway;
import io.antrest.gateway.GatewayManager;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.GatewayStateListener;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import io.antrest.monitor.Resolutions;
import io.antrest.sim.SimExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Runs one {@link FaultScenario}: a fresh simulator, monitor, H2 contract store and gateway of
 * the scenario's exchange ({@link FaultVenue}: Binance, BitMEX or OKX, all real, over loopback HTTP), a
 * warm-up, then a load of requests (a fixed mix of pings, server-time and account look-ups,
 * droppable market-data polls through {@link Gateway#submit}, and order placements with client
 * order ids through {@link Gateway#placeOrder}, which settles a lost answer by looking the order
 * up) with at most {@link #IN_FLIGHT} outstanding,
 * the scenario's disturbance started on its own thread when two fifths of the load are sent,
 * and the checks of issue 7 gathered into a {@link ScenarioResult}. Time-outs, back-offs and
 * heart-beats are short so that a scenario of 10 000 requests takes seconds.
 */
public final class FaultRun {
    private static final Logger LOG = LoggerFactory.getLogger(FaultRun.class);
    /** The API key of the Binance scenarios' account (registered at the simulator; never printed). */
    public static final String API_KEY = FaultVenue.BINANCE.apiKey();
    /** Its HMAC secret. */
    public static final String SECRET = FaultVenue.BINANCE.secret();
    /** How many workers (sessions) the gateway's client has. */
    public static final int SESSIONS = 8;
    /** How many requests the load keeps outstanding at once. */
    public static final int IN_FLIGHT = 64;
    /** Every request's time-out. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    /** The gateway's own heart-beat time-out ({@code gateway.NAME.heartbeat-timeout}), the ping's request time-out too. */
    public static final Duration HEART_BEAT_TIMEOUT = REQUEST_TIMEOUT;
    /** The longest wait an exchange can impose on the client ({@code antrest.client.retry-after-cap}). */
    public static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(1);

    private static final Duration HEART_BEAT = Duration.ofMillis(100);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final int WARM_UP = 400;
    private static final int MAX_VIOLATIONS_SHOWN = 10;

    /** What {@link ScenarioResult#heapBefore()} and {@link ScenarioResult#heapAfter()} hold when the heap was not measured. */
    public static final long HEAP_NOT_MEASURED = -1;

    private final Path dir;
    private final ProviderRegistry registry;
    private final boolean measureHeap;

    /**
     * @param dir      where the scenarios' H2 contract stores go
     * @param registry the exchange plugins (must hold those of the scenarios' exchanges: {@code binance}, {@code bitmex}, {@code okx})
     */
    public FaultRun(Path dir, ProviderRegistry registry) {
        this(dir, registry, true);
    }

    private FaultRun(Path dir, ProviderRegistry registry, boolean measureHeap) {
        this.dir = requireNonNull(dir, "dir is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.measureHeap = measureHeap;
    }

    /**
     * The same runs without the heap measured before and after the load (six full collections and
     * their pauses, about half a second a scenario), for callers that do not check the heap; its
     * figures are then {@link #HEAP_NOT_MEASURED}. The JVM-wide measurement also needs the
     * scenario alone in the JVM, which this lifts: such runs may go side by side.
     */
    public FaultRun withoutHeapMeasurement() {
        return new FaultRun(dir, registry, false);
    }

    /** Runs the scenario with {@code requests} requests in its load. */
    public ScenarioResult run(FaultScenario scenario, int requests) throws Exception {
        long runStart = System.nanoTime();
        FaultVenue venue = scenario.venue();
        String name = "f" + venue.letter() + Integer.toHexString(scenario.name().hashCode() & 0xfffff);
        // H2 makes a store's missing parent directories itself, and fails when a run beside this one makes them first
        Files.createDirectories(dir.resolve(name));
        try (SimExchange sim = venue.simulator().build().start();
             MonitorEngine monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(HEART_BEAT)
                     .heartBeatTimeout(REQUEST_TIMEOUT).defaultRateLimitPause(Duration.ofSeconds(1)).build(),
                     Clock.systemUTC());
             GatewayManager manager = new GatewayManager(registry, ContractStore.h2(dir.resolve(name)), monitor,
                     RestClientConfig.builder().connectTimeout(Duration.ofSeconds(1)).stopTimeout(Duration.ofSeconds(5))
                             .retryAfterCap(RETRY_AFTER_CAP)
                             .retryPolicy(new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofSeconds(5)))
                             .build())) {
            venue.register(sim);
            List<GatewayState> states = new CopyOnWriteArrayList<>();
            AtomicBoolean recording = new AtomicBoolean();
            GatewayStateListener stateListener = change -> {
                if (change.gateway().equals(name) && recording.get()) {
                    states.add(change.to());
                }
            };
            monitor.addListener(stateListener);
            ExchangeSettings.Builder exchange = ExchangeSettings.builder().url(venue.url(sim)).credentials(venue.credentials());
            venue.options().forEach(exchange::option);
            Gateway gateway = manager.connect(venue.exchange(), GatewaySettings.builder().name(name).sessions(SESSIONS)
                    .contractPolicy(ContractPolicy.SYNC).heartBeatInterval(HEART_BEAT).heartBeatTimeout(HEART_BEAT_TIMEOUT)
                    .connectTimeout(Duration.ofSeconds(20)).requestTimeout(REQUEST_TIMEOUT)
                    .exchange(exchange.build())
                    .build());

            LOG.debug("{}: '{}' connected", name, scenario);
            Load warmUp = new Load(gateway, venue, name + "w", WARM_UP);
            warmUp.drive(null, null);
            warmUp.awaitEnd(DEADLINE);

            Load load = new Load(gateway, venue, name, requests);
            List<Thread> workers = workers(name);
            LOG.debug("{}: warmed up", name);
            long heapBefore = measureHeap ? heapAfterFullGc() : HEAP_NOT_MEASURED;
            LOG.debug("{}: heap measured", name);
            states.add(monitor.status(name).state());
            Resolutions resolvedBefore = monitor.metrics(name).resolutions();
            recording.set(true);

            long start = System.nanoTime();
            Thread disturber = load.drive(scenario.disturbance(), sim);
            LOG.debug("{}: all sent", name);
            int unended = load.awaitEnd(DEADLINE);
            LOG.debug("{}: all ended", name);
            disturber.join(DEADLINE.toMillis());
            sim.faults().clear();
            GatewayState end = awaitUp(monitor, name);
            LOG.debug("{}: {}", name, end);
            double seconds = (System.nanoTime() - start) / 1e9;
            recording.set(false);

            LOG.debug("{}: load over", name);
            long heapAfter = measureHeap ? heapAfterFullGc() : HEAP_NOT_MEASURED;
            LOG.debug("{}: heap measured", name);
            int alive = (int) workers.stream().filter(Thread::isAlive).count();
            List<String> violations = load.violations(sim);
            Resolutions resolved = monitor.metrics(name).resolutions().since(resolvedBefore);
            if (disturber.isAlive()) {
                violations.add("the disturbance was still running after " + DEADLINE.toSeconds() + " s");
            }
            gateway.close();
            LOG.debug("{}: gateway closed", name);
            ClientMetrics totals = gateway.client().metrics();
            monitor.removeListener(stateListener);
            return load.result(venue.exchange(), scenario.name(), unended, sim, resolved, states, end, seconds,
                    (System.nanoTime() - runStart) / 1e9, heapBefore, heapAfter,
                    workers.size(), alive, totals, violations);
        }
    }

    /**
     * How many threads the gateway's client runs by {@code RestClientConfig.ioThreads()}'s
     * default: one I/O thread per core, or a thread per session on a machine with as many cores.
     */
    static int ioThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores < SESSIONS ? cores : SESSIONS;
    }

    /** The client's I/O or worker threads, by their names ({@code antrest-<gateway>-io-N}, {@code -worker-N}). */
    static List<Thread> workers(String gateway) {
        String io = "antrest-" + gateway + "-io-";
        String worker = "antrest-" + gateway + "-worker-";
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(io) || t.getName().startsWith(worker))
                .collect(Collectors.toList());
    }

    /** Heap bytes in use after full collections (System.gc() is a full, stop-the-world collection in G1). */
    static long heapAfterFullGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static GatewayState awaitUp(MonitorEngine monitor, String gateway) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        GatewayState s = monitor.status(gateway).state();
        while (s != GatewayState.UP && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
            s = monitor.status(gateway).state();
        }
        return s;
    }

    /** The caller's tag on each request of the load: which request it is. */
    private record Tag(String load, int index) {
    }

    /** One load of requests through one gateway, and what was heard of each. */
    private static final class Load implements OutcomeListener {
        private static final int PING = 0;
        private static final int TIME = 1;
        private static final int ACCOUNT = 2;
        private static final int ORDER = 3;
        private static final int TICKER_KIND = 4;

        private final Gateway gateway;
        private final FaultVenue venue;
        private final Exchange exchange;
        private final String id;
        private final int n;
        private final String[] orderIds;
        private final AtomicIntegerArray heard;
        private final AtomicIntegerArray answeredOk;
        private final AtomicIntegerArray outcomes;
        private final AtomicIntegerArray status;
        private final Semaphore window = new Semaphore(IN_FLIGHT);

        Load(Gateway gateway, FaultVenue venue, String id, int n) {
            this.gateway = gateway;
            this.venue = venue;
            this.exchange = gateway.exchange();
            this.id = id;
            this.n = n;
            this.orderIds = new String[n];
            for (int i = 0; i < n; i++) {
                // letters and digits only, as OKX wants them (Binance takes them too); the loads' ids hold no 'x'
                orderIds[i] = kind(i) == ORDER ? id + "x" + i : null;
            }
            this.heard = new AtomicIntegerArray(n);
            this.answeredOk = new AtomicIntegerArray(n);
            this.outcomes = new AtomicIntegerArray(n);
            this.status = new AtomicIntegerArray(n);
        }

        /** 35% pings, 15% server time, 15% account, 15% orders, 20% droppable market-data polls. */
        static int kind(int i) {
            int k = i % 20;
            if (k < 7) {
                return PING;
            }
            if (k < 10) {
                return TIME;
            }
            if (k < 13) {
                return ACCOUNT;
            }
            return k < 16 ? ORDER : TICKER_KIND;
        }

        Request request(int i) {
            Request r = switch (kind(i)) {
                case PING -> exchange.pingRequest();
                case TIME -> exchange.serverTimeRequest().orElseThrow();
                case ACCOUNT -> exchange.trading().account();
                case ORDER -> exchange.trading().newOrder(venue.order(orderIds[i]));
                default -> venue.droppable();
            };
            return r.toBuilder().timeout(REQUEST_TIMEOUT).extra(new Tag(id, i)).build();
        }

        /**
         * Sends the load; when two fifths are sent, starts the disturbance on a thread of its own.
         *
         * @return the disturbance's thread (already ended when there is none)
         */
        Thread drive(Disturbance disturbance, SimExchange sim) throws InterruptedException {
            gateway.client().addListener(this);
            Thread disturber = new Thread(() -> { }, "fault-disturbance");
            for (int i = 0; i < n; i++) {
                if (i == n * 2 / 5 && disturbance != null) {
                    disturber = new Thread(() -> {
                        try {
                            disturbance.apply(sim, n);
                        } catch (Exception e) {
                            throw new IllegalStateException("the disturbance failed", e);
                        }
                    }, "fault-disturbance");
                    disturber.start();
                }
                if (!window.tryAcquire(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("no request of " + IN_FLIGHT + " outstanding ended in " + DEADLINE.toSeconds()
                            + " s (at request " + i + ")");
                }
                if (i % 1000 == 0) {
                    LOG.debug("{}: sending request {}", id, i);
                }
                int index = i;
                if (kind(i) == ORDER) {
                    // through the gateway's typed call, which settles a lost answer by looking the order up
                    gateway.placeOrder(venue.order(orderIds[i])).whenComplete((order, error) -> {
                        RequestStatus s = statusOf(order, error);
                        if (error == null) {
                            answeredOk.set(index, 1);
                        }
                        status.set(index, s.ordinal());
                        outcomes.incrementAndGet(index);
                        heard.incrementAndGet(index);
                        window.release();
                    });
                    continue;
                }
                CompletableFuture<Response> answer = gateway.submit(request(i));
                answer.whenComplete((response, error) -> {
                    if (error == null) {
                        answeredOk.set(index, 1);
                    }
                    heard.incrementAndGet(index);
                    window.release();
                });
            }
            return disturber;
        }

        /**
         * How an order placement ended, in the engine's words: placed (SUCCESS); outcome still
         * unknown after the gateway looked (ERROR); dropped or cancelled before it was sent; and
         * every other failure (a refusal, certainly not placed, never sent) FAILED: the order is not
         * at the exchange, which {@link #violations} checks.
         */
        private static RequestStatus statusOf(Order order, Throwable error) {
            if (error == null) {
                return RequestStatus.SUCCESS;
            }
            Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
            if (e instanceof OutcomeUnknownException) {
                return RequestStatus.ERROR;
            }
            if (e instanceof RequestDroppedException) {
                return RequestStatus.DROPPED;
            }
            if (e instanceof RequestCancelledException) {
                return RequestStatus.CANCELLED;
            }
            return RequestStatus.FAILED;
        }

        /** Waits until every caller has heard; returns how many had not by the deadline. */
        int awaitEnd(Duration deadline) throws InterruptedException {
            try {
                if (window.tryAcquire(IN_FLIGHT, deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    window.release(IN_FLIGHT);
                }
                int unended = 0;
                for (int i = 0; i < n; i++) {
                    if (heard.get(i) == 0) {
                        unended++;
                    }
                }
                return unended;
            } finally {
                gateway.client().removeListener(this);
            }
        }

        @Override
        public void onOutcome(Outcome outcome) {
            if (outcome.call().extra() instanceof Tag tag && tag.load().equals(id)) {
                outcomes.incrementAndGet(tag.index());
                status.set(tag.index(), outcome.status().ordinal());
            }
        }

        List<String> violations(SimExchange sim) {
            List<String> found = new ArrayList<>();
            int[] count = new int[1];
            java.util.function.Consumer<String> add = v -> {
                if (count[0]++ < MAX_VIOLATIONS_SHOWN) {
                    found.add(v);
                }
            };
            for (int i = 0; i < n; i++) {
                if (heard.get(i) > 1) {
                    add.accept(what(i) + ": its caller heard " + heard.get(i) + " times");
                }
                if (outcomes.get(i) != 1) {
                    add.accept(what(i) + ": the engine reported " + outcomes.get(i) + " outcomes");
                    continue;
                }
                RequestStatus s = RequestStatus.values()[status.get(i)];
                if (heard.get(i) == 1 && (answeredOk.get(i) == 1) != (s == RequestStatus.SUCCESS)) {
                    add.accept(what(i) + ": ended " + s + " but its caller was answered "
                            + (answeredOk.get(i) == 1 ? "OK" : "with an error"));
                }
                if (orderIds[i] != null) {
                    long received = sim.orderAttempts(orderIds[i]);
                    long placed = sim.ordersPlaced(orderIds[i]);
                    if (s == RequestStatus.SUCCESS && placed != 1) {
                        add.accept("order " + orderIds[i] + " was reported placed but the simulator placed it " + placed + " times");
                    }
                    if ((s == RequestStatus.FAILED || s == RequestStatus.DROPPED || s == RequestStatus.CANCELLED) && placed != 0) {
                        add.accept("order " + orderIds[i] + " ended " + s + " but the simulator placed it " + placed + " times");
                    }
                    if (received > 1 || placed > 1) {
                        add.accept("order " + orderIds[i] + " reached the simulator " + received + " times, placed " + placed + " times");
                    }
                }
            }
            if (count[0] > MAX_VIOLATIONS_SHOWN) {
                found.add("... and " + (count[0] - MAX_VIOLATIONS_SHOWN) + " more");
            }
            return found;
        }

        private String what(int i) {
            Request r = request(i);
            return "request " + i + " (" + r.method() + " " + r.path() + ")";
        }

        ScenarioResult result(String exchange, String scenario, int unended, SimExchange sim, Resolutions resolved,
                              List<GatewayState> states, GatewayState end,
                              double seconds, double runSeconds, long heapBefore, long heapAfter, int workers, int alive, ClientMetrics totals,
                              List<String> violations) {
            long[] byStatus = new long[RequestStatus.values().length];
            int sent = 0;
            int succeeded = 0;
            int reached = 0;
            int placed = 0;
            int duplicates = 0;
            int unknown = 0;
            for (int i = 0; i < n; i++) {
                if (outcomes.get(i) > 0) {
                    byStatus[status.get(i)]++;
                }
                if (orderIds[i] != null) {
                    sent++;
                    succeeded += outcomes.get(i) > 0 && status.get(i) == RequestStatus.SUCCESS.ordinal() ? 1 : 0;
                    long r = sim.orderAttempts(orderIds[i]);
                    long p = sim.ordersPlaced(orderIds[i]);
                    reached += r > 0 ? 1 : 0;
                    placed += p > 0 ? 1 : 0;
                    duplicates += r > 1 || p > 1 ? 1 : 0;
                    unknown += outcomes.get(i) > 0 && status.get(i) == RequestStatus.ERROR.ordinal() ? 1 : 0;
                }
            }
            return new ScenarioResult(exchange, scenario, n, unended, byStatus[RequestStatus.SUCCESS.ordinal()],
                    byStatus[RequestStatus.FAILED.ordinal()], byStatus[RequestStatus.ERROR.ordinal()],
                    byStatus[RequestStatus.DROPPED.ordinal()], byStatus[RequestStatus.CANCELLED.ordinal()], sent, succeeded, reached,
                    placed, duplicates, unknown, resolved, states, end, seconds, runSeconds, heapBefore, heapAfter, workers, alive, totals, violations);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Load{%s, %d requests}", id, n);
        }
    }
}
