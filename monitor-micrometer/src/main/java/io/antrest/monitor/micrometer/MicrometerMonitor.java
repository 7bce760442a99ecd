package io.antrest.monitor.micrometer;

import io.antrest.core.Attempt;
import io.antrest.core.ClientMetrics;
import io.antrest.core.Outcome;
import io.antrest.core.OutcomeListener;
import io.antrest.core.RequestStatus;
import io.antrest.core.RestClient;
import io.antrest.core.limit.BucketUsage;
import io.antrest.monitor.GatewayMetrics;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.GatewayStateListener;
import io.antrest.monitor.GatewayStatus;
import io.antrest.monitor.MonitorEngine;
import io.antrest.monitor.Resolutions;
import io.antrest.monitor.StateChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

import static java.util.Objects.requireNonNull;

/**
 * Registers antrest's figures in a Micrometer {@link MeterRegistry}: every gateway of a
 * {@link MonitorEngine} (those it knows now and those connected later), or one bare
 * {@link RestClient}. Tags are low-cardinality and never hold a secret: {@code gateway} (the
 * gateway's or client's name), {@code method}, {@code endpoint} (the path without its query, ids
 * replaced by {@code {id}}, see below), {@code outcome}, {@code bucket} (a rate-limit rule's name,
 * and its instrument for per-instrument rules) and {@code state}.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 * <tr><td>{@value #REQUESTS}</td><td>timer</td><td>gateway, method, endpoint, outcome</td>
 *     <td>calls from acceptance to their end, by how they ended (success, failed, error, dropped,
 *     cancelled); p50, p90, p99 and a histogram at fixed service-level boundaries from 1 ms to 10 s</td></tr>
 * <tr><td>{@value #RETRIES}</td><td>counter</td><td>gateway, method, endpoint</td><td>attempts beyond a call's first</td></tr>
 * <tr><td>{@value #SUBMITTED}</td><td>counter</td><td>gateway</td><td>calls handed to the client, refused ones included</td></tr>
 * <tr><td>{@value #QUEUE}</td><td>gauge</td><td>gateway</td><td>calls waiting in the queue or for a retry</td></tr>
 * <tr><td>{@value #IN_FLIGHT}</td><td>gauge</td><td>gateway</td><td>attempts being sent</td></tr>
 * <tr><td>{@value #BUDGET_USED}, {@value #BUDGET_LIMIT}</td><td>gauges</td><td>gateway, bucket</td>
 *     <td>units used in the bucket's current window, and allowed per window</td></tr>
 * <tr><td>{@value #CLOCK_OFFSET}</td><td>gauge, seconds</td><td>gateway</td><td>the exchange's clock minus ours</td></tr>
 * <tr><td>{@value #STATE}</td><td>gauge</td><td>gateway, state</td><td>1 for the gateway's state, 0 for the others</td></tr>
 * <tr><td>{@value #RATE_LIMITED}</td><td>gauge, seconds</td><td>gateway</td><td>how long the exchange still wants the gateway to wait (429, 418 ban); 0 when it does not</td></tr>
 * <tr><td>{@value #ORDERS_RESOLVED}, {@value #CANCELS_RESOLVED}</td><td>counters</td><td>gateway, result</td>
 *     <td>orders and cancels whose answer was lost, by how they were settled</td></tr>
 * </table>
 * The last four need a monitor: a bare client has none of them. The {@code endpoint} tag never
 * carries a query string; a segment that looks like an id, a key or a signature (all digits, long
 * with digits, other characters than letters, digits, {@code - _ .}) reads {@code {id}}; a
 * gateway's endpoints beyond 100 distinct ones read {@code other}.
 *
 * <pre>{@code
 * MeterRegistry registry = ...;                     // the platform's own
 * MicrometerMonitor meters = MicrometerMonitor.bind(registry, gatewayManager.monitor());
 * ...
 * meters.close();                                   // removes the meters and stops listening
 * }</pre>
 * Thread-safe.
 */
public final class MicrometerMonitor implements AutoCloseable {
    /** The calls timer. */
    public static final String REQUESTS = "antrest.requests";
    /** The retries counter. */
    public static final String RETRIES = "antrest.retries";
    /** The submitted calls counter. */
    public static final String SUBMITTED = "antrest.requests.submitted";
    /** The queue depth gauge. */
    public static final String QUEUE = "antrest.queue.size";
    /** The in-flight attempts gauge. */
    public static final String IN_FLIGHT = "antrest.requests.in.flight";
    /** A bucket's used units. */
    public static final String BUDGET_USED = "antrest.budget.used";
    /** A bucket's limit. */
    public static final String BUDGET_LIMIT = "antrest.budget.limit";
    /** The clock offset gauge. */
    public static final String CLOCK_OFFSET = "antrest.clock.offset";
    /** The state gauges. */
    public static final String STATE = "antrest.gateway.state";
    /** The time left of a rate-limit pause or ban. */
    public static final String RATE_LIMITED = "antrest.rate.limited.remaining";
    /** Orders whose answer was lost, by how they were settled. */
    public static final String ORDERS_RESOLVED = "antrest.orders.resolved";
    /** Cancels whose answer was lost, by how they were settled. */
    public static final String CANCELS_RESOLVED = "antrest.cancels.resolved";

    /** The histogram's service-level boundaries. */
    static final Duration[] SLO = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};
    /** Distinct buckets per gateway given gauges; more are left out (and logged once). */
    static final int MAX_BUCKETS = 64;
    /** The {@code outcome} tag of each status, by ordinal (no string made per call). */
    private static final String[] OUTCOMES = Arrays.stream(RequestStatus.values())
            .map(st -> st.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    private static final long SNAPSHOT_NANOS = Duration.ofMillis(100).toNanos();
    private static final long BUCKET_CHECK_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Logger LOG = LoggerFactory.getLogger(MicrometerMonitor.class);

    private final MeterRegistry registry;
    private final MonitorEngine monitor;
    private final RestClient client;
    private final Clock clock;
    private final ConcurrentMap<String, GatewayMeters> gateways = new ConcurrentHashMap<>();
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private final OutcomeListener outcomes = new OutcomeListener() {
        @Override
        public void onOutcome(Outcome outcome) {
            gateway(outcome.client()).record(outcome);
        }

        @Override
        public void onAttempt(Attempt attempt) {
            if (attempt.attempt() > 1) {
                gateway(attempt.client()).retried(attempt);
            }
        }

        @Override
        public String toString() {
            return "MicrometerMonitor";
        }
    };
    private final GatewayStateListener states = this::changed;
    private volatile boolean closed;

    private MicrometerMonitor(MeterRegistry registry, MonitorEngine monitor, RestClient client) {
        this.registry = requireNonNull(registry, "registry is null");
        this.monitor = monitor;
        this.client = client;
        this.clock = Clock.systemUTC();
    }

    /**
     * Registers every gateway {@code monitor} knows now, and each one it hears of later, in
     * {@code registry}; the calls of every client attached to the monitor are timed from now on.
     */
    public static MicrometerMonitor bind(MeterRegistry registry, MonitorEngine monitor) {
        MicrometerMonitor m = new MicrometerMonitor(registry, requireNonNull(monitor, "monitor is null"), null);
        monitor.addListener(m.states);
        monitor.addOutcomeListener(m.outcomes);
        monitor.gateways().forEach(m::gateway);
        return m;
    }

    /**
     * Registers one client that no monitor watches, tagged {@code gateway=client.name()}: its calls,
     * retries, queue, in-flight attempts and budget buckets (no state, clock offset or pauses: those
     * are a monitor's).
     */
    public static MicrometerMonitor bind(MeterRegistry registry, RestClient client) {
        MicrometerMonitor m = new MicrometerMonitor(registry, null, requireNonNull(client, "client is null"));
        client.addListener(m.outcomes);
        m.gateway(client.name());
        return m;
    }

    /** Stops listening and removes every meter this binding registered. */
    @Override
    public void close() {
        closed = true;
        if (monitor != null) {
            monitor.removeListener(states);
            monitor.removeOutcomeListener(outcomes);
        } else {
            client.removeListener(outcomes);
        }
        meters.forEach(registry::remove);
        meters.clear();
        gateways.clear();
    }

    @Override
    public String toString() {
        return "MicrometerMonitor{" + (monitor != null ? "monitor" : "client " + client.name()) + ", " + gateways.size()
                + " gateways, " + meters.size() + " meters}";
    }

    private void changed(StateChange change) {
        gateway(change.gateway()).checkBuckets(true);
    }

    private GatewayMeters gateway(String name) {
        GatewayMeters g = gateways.get(name);
        if (g != null) {
            return g;
        }
        synchronized (gateways) {
            g = gateways.get(name);
            if (g == null) {
                g = new GatewayMeters(name);
                gateways.put(name, g);
                if (!closed) {
                    g.register();
                }
            }
            return g;
        }
    }

    private <M extends Meter> M keep(M meter) {
        if (!closed) {
            meters.add(meter);
        }
        return meter;
    }

    /** What a gateway's gauges read, taken at most every 100 ms. */
    private record Snapshot(ClientMetrics client, List<BucketUsage> buckets, GatewayState state, Duration clockOffset,
                            double rateLimitedSeconds, Resolutions resolutions, long takenAt) {
        Optional<BucketUsage> bucket(String name) {
            for (BucketUsage b : buckets) {
                if (b.name().equals(name)) {
                    return Optional.of(b);
                }
            }
            return Optional.empty();
        }
    }

    private record TimerKey(String method, String endpoint, String outcome) {
    }

    private record RetryKey(String method, String endpoint) {
    }

    /** One gateway's meters. */
    private final class GatewayMeters {
        private final String name;
        private final EndpointTags endpoints;
        private final ConcurrentMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();
        private final ConcurrentMap<RetryKey, Counter> retries = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, Boolean> buckets = new ConcurrentHashMap<>();
        private volatile Snapshot snapshot;
        private volatile long bucketsCheckedAt;
        private volatile boolean bucketsWarned;
        private volatile boolean recorded;

        GatewayMeters(String name) {
            this.name = name;
            this.endpoints = new EndpointTags(name);
        }

        void register() {
            keep(FunctionCounter.builder(SUBMITTED, this, g -> g.read().client().submitted())
                    .description("calls handed to the client, refused ones included")
                    .tag("gateway", name).register(registry));
            gauge(QUEUE, "calls waiting in the queue or for a retry", null, s -> s.client().queued());
            gauge(IN_FLIGHT, "attempts being sent", null, s -> s.client().inFlight());
            if (monitor != null) {
                gauge(CLOCK_OFFSET, "the exchange's clock minus ours", "seconds", s -> s.clockOffset().toNanos() / 1e9);
                gauge(RATE_LIMITED, "how long the exchange still wants the gateway to wait (429, 418 ban)", "seconds",
                        Snapshot::rateLimitedSeconds);
                for (GatewayState state : GatewayState.values()) {
                    keep(Gauge.builder(STATE, this, g -> g.read().state() == state ? 1 : 0)
                            .description("1 for the gateway's state, 0 for the others")
                            .tag("gateway", name).tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry));
                }
                String orders = "orders whose answer was lost, by how they were settled";
                String cancels = "cancels whose answer was lost, by how they were settled";
                resolved(ORDERS_RESOLVED, orders, "placed", Resolutions::placed);
                resolved(ORDERS_RESOLVED, orders, "not_placed", Resolutions::notPlaced);
                resolved(ORDERS_RESOLVED, orders, "still_unknown", Resolutions::stillUnknown);
                resolved(CANCELS_RESOLVED, cancels, "settled", Resolutions::cancelsSettled);
                resolved(CANCELS_RESOLVED, cancels, "still_unknown", Resolutions::cancelsStillUnknown);
            }
            checkBuckets(true);
        }

        void record(Outcome outcome) {
            String endpoint = endpoints.of(outcome.call().request().path());
            String method = outcome.call().request().method().name();
            TimerKey key = new TimerKey(method, endpoint, OUTCOMES[outcome.status().ordinal()]);
            Timer t = timers.get(key);
            if (t == null) {
                t = timers.computeIfAbsent(key, k -> keep(Timer.builder(REQUESTS)
                        .description("calls from acceptance to their end, by how they ended")
                        .tag("gateway", name).tag("method", k.method()).tag("endpoint", k.endpoint())
                        .tag("outcome", k.outcome())
                        .publishPercentiles(0.5, 0.9, 0.99).percentilePrecision(2)
                        .serviceLevelObjectives(SLO).register(registry)));
            }
            t.record(outcome.latency());
            // the first call shows the client's buckets (a gateway is registered before its client is attached);
            // written once, not on every call
            if (recorded) {
                checkBuckets(false);
            } else {
                recorded = true;
                checkBuckets(true);
            }
        }

        void retried(Attempt attempt) {
            RetryKey key = new RetryKey(attempt.call().request().method().name(),
                    endpoints.of(attempt.call().request().path()));
            retries.computeIfAbsent(key, k -> keep(Counter.builder(RETRIES).description("attempts beyond a call's first")
                    .tag("gateway", name).tag("method", k.method()).tag("endpoint", k.endpoint())
                    .register(registry))).increment();
        }

        /** Gives gauges to buckets not seen before: at once when asked, else at most once a second. */
        void checkBuckets(boolean now) {
            long t = System.nanoTime();
            if (closed || !now && t - bucketsCheckedAt < BUCKET_CHECK_NANOS) {
                return;
            }
            bucketsCheckedAt = t;
            for (BucketUsage b : take().buckets()) {
                if (buckets.containsKey(b.name())) {
                    continue;
                }
                synchronized (buckets) {
                    if (buckets.size() >= MAX_BUCKETS) {
                        if (!bucketsWarned) {
                            bucketsWarned = true;
                            LOG.warn("gateway '{}' has more than {} rate-limit buckets; the others have no gauges", name,
                                    MAX_BUCKETS);
                        }
                        return;
                    }
                    if (buckets.putIfAbsent(b.name(), Boolean.TRUE) == null) {
                        String bucket = b.name();
                        keep(Gauge.builder(BUDGET_USED, this, g -> g.read().bucket(bucket).map(BucketUsage::used)
                                        .orElse(0L).doubleValue())
                                .description("units used in the bucket's current window").tag("gateway", name)
                                .tag("bucket", bucket).register(registry));
                        keep(Gauge.builder(BUDGET_LIMIT, this, g -> g.read().bucket(bucket).map(BucketUsage::limit)
                                        .orElse(0L).doubleValue())
                                .description("units the bucket allows per window").tag("gateway", name)
                                .tag("bucket", bucket).register(registry));
                    }
                }
            }
        }

        private void gauge(String meter, String description, String unit, ToDoubleFunction<Snapshot> value) {
            keep(Gauge.builder(meter, this, g -> value.applyAsDouble(g.read())).description(description).baseUnit(unit)
                    .tag("gateway", name).register(registry));
        }

        private void resolved(String meter, String description, String result, ToDoubleFunction<Resolutions> value) {
            keep(FunctionCounter.builder(meter, this, g -> value.applyAsDouble(g.read().resolutions()))
                    .description(description).tag("gateway", name).tag("result", result).register(registry));
        }

        /** The gauges' snapshot, taken again when older than 100 ms: one scrape reads one snapshot. */
        Snapshot read() {
            Snapshot s = snapshot;
            if (s == null || System.nanoTime() - s.takenAt() > SNAPSHOT_NANOS) {
                s = take();
                snapshot = s;
            }
            return s;
        }

        private Snapshot take() {
            long now = System.nanoTime();
            if (monitor == null) {
                return new Snapshot(client.metrics(), client.budget().usage(), GatewayState.UP, Duration.ZERO, 0,
                        Resolutions.NONE, now);
            }
            GatewayMetrics m;
            try {
                m = monitor.metrics(name);
            } catch (IllegalArgumentException unknown) {
                return new Snapshot(new ClientMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(),
                        GatewayState.DISCONNECTED, Duration.ZERO, 0, Resolutions.NONE, now);
            }
            GatewayStatus status = monitor.status(name);
            double left = status.state() != GatewayState.RATE_LIMITED ? 0 : status.rateLimitedUntil()
                    .map(until -> Math.max(0, Duration.between(clock.instant(), until).toNanos() / 1e9)).orElse(0.0);
            return new Snapshot(m.client(), new ArrayList<>(m.buckets()), m.state(), m.clockOffset(), left,
                    m.resolutions(), now);
        }
    }
}
