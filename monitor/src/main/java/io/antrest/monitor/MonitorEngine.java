package io.antrest.monitor;

import io.antrest.core.Admission;
import io.antrest.core.AdmissionDecision;
import io.antrest.core.AnswerVerdict;
import io.antrest.core.Attempt;
import io.antrest.core.ClientMetrics;
import io.antrest.core.MalformedResponseException;
import io.antrest.core.Outcome;
import io.antrest.core.OutcomeListener;
import io.antrest.core.OutcomeUnknownException;
import io.antrest.core.Printable;
import io.antrest.core.Redactor;
import io.antrest.core.Request;
import io.antrest.core.RestClient;
import io.antrest.core.TransportException;
import io.antrest.core.limit.BucketUsage;
import io.antrest.core.limit.Sharing;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The health monitor of every gateway of one application (one per injector: a Guice singleton by
 * {@link MonitorModule}'s scope, never a static). It keeps a {@link GatewayState} per gateway and
 * moves it on what it hears:
 * <ul>
 *   <li>the runtime's lifecycle ({@link #transition}): CONNECTING, VERIFYING_CONTRACTS, UP, DISCONNECTED;</li>
 *   <li>how calls end ({@link #onOutcome}): {@link MonitorConfig#failuresToDown()} failures in a row
 *       (no answer, or a 5xx) make a gateway DOWN; more than {@link MonitorConfig#errorRatioToDegrade()}
 *       of the last {@link MonitorConfig#errorWindow()} calls failing make it DEGRADED; an answer
 *       brings a DOWN gateway back UP, a window back under the ratio brings a DEGRADED one back;</li>
 *   <li>every attempt ({@link #onAttempt}): a 429 or a 418 ban makes it RATE_LIMITED until its
 *       {@code Retry-After} has passed, after which it goes back UP by itself;</li>
 *   <li>heart-beats ({@link #attach}): a ping every interval; a failing one counts as a failure,
 *       a passing one brings a DOWN gateway back UP.</li>
 * </ul>
 * It is also every client's {@link Admission} (a client's name is its gateway's name): a
 * droppable request is dropped while its gateway is not UP (the seed's data-producer mode, but
 * the caller is told), a non-droppable one is held while its gateway is RATE_LIMITED, and
 * everything else goes. Gateways it has never heard of are admitted. Thread-safe.
 */
public final class MonitorEngine implements Admission, OutcomeListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorEngine.class);
    private static final long MIN_RESCHEDULE_MILLIS = 5;

    private final MonitorConfig config;
    private final Clock clock;
    private final ConcurrentMap<String, GatewayHealth> gateways = new ConcurrentHashMap<>();
    private final List<GatewayStateListener> listeners = new CopyOnWriteArrayList<>();
    private final List<OutcomeListener> outcomeListeners = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler;

    /** An engine with the default thresholds and the UTC system clock. */
    public MonitorEngine() {
        this(MonitorConfig.defaults(), Clock.systemUTC());
    }

    /**
     * An engine with these thresholds and clock. Makes no thread until a gateway is attached.
     *
     * @param config the thresholds and intervals
     * @param clock  the clock of state times and rate-limit deadlines (the clients' clock)
     */
    @Inject
    public MonitorEngine(MonitorConfig config, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "antrest-monitor");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = s;
    }

    /** The thresholds and intervals. */
    public MonitorConfig config() {
        return config;
    }

    // ---- lifecycle, from the gateway runtime ---------------------------------------------------

    /**
     * Sets a gateway's state from its lifecycle: CONNECTING when it starts, VERIFYING_CONTRACTS
     * while its contracts are checked, UP once it may trade, DOWN or DISCONNECTED when it failed
     * or closed. Entering UP, CONNECTING or DISCONNECTED forgets past failures.
     *
     * @param gateway the gateway's name
     * @param state   its new state
     * @param reason  why, in words
     */
    public void transition(String gateway, GatewayState state, String reason) {
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        health(gateway).lifecycle(state, reason);
    }

    /**
     * Starts watching a connected gateway: its client's counters feed {@link #metrics}, and
     * {@code heartBeat} is called every {@code interval} while the gateway is UP, DEGRADED or
     * DOWN (not while RATE_LIMITED: a ping would only add weight). Attaching again replaces what
     * was attached.
     *
     * @param gateway     the gateway's name (its client's name)
     * @param client      its client
     * @param heartBeat   its ping
     * @param interval    the heart-beat interval, or null for {@link MonitorConfig#heartBeatInterval()}
     * @param clockOffset its measured clock offset from the exchange
     */
    public void attach(String gateway, RestClient client, HeartBeat heartBeat, Duration interval,
                       Supplier<Duration> clockOffset) {
        attach(gateway, client, heartBeat, interval, null, clockOffset);
    }

    /**
     * Starts watching a connected gateway with a heart-beat time-out of its own; see
     * {@link #attach(String, RestClient, HeartBeat, Duration, Supplier)}.
     *
     * @param timeout how long a heart-beat may take before it counts as failed, or null for
     *                {@link MonitorConfig#heartBeatTimeout()}; checked as that one is
     */
    public void attach(String gateway, RestClient client, HeartBeat heartBeat, Duration interval, Duration timeout,
                       Supplier<Duration> clockOffset) {
        requireNonNull(client, "client is null");
        requireNonNull(heartBeat, "heartBeat is null");
        requireNonNull(clockOffset, "clockOffset is null");
        Duration every = interval == null ? config.heartBeatInterval() : interval;
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("heart-beat interval must be positive, was " + every);
        }
        Duration limit = timeout == null ? config.heartBeatTimeout()
                : MonitorConfig.HEART_BEAT_TIMEOUT.check(timeout);
        GatewayHealth h = health(gateway);
        ScheduledFuture<?> task;
        try {
            task = scheduler.scheduleWithFixedDelay(() -> beat(h, heartBeat, limit), every.toNanos(), every.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            throw new IllegalStateException("the monitor engine is closed; make a new one", closed);
        }
        h.attach(client, clockOffset, task);
    }

    /** Stops watching a gateway (no more heart-beats) and marks it DISCONNECTED. */
    public void detach(String gateway, String reason) {
        GatewayHealth h = gateways.get(requireNonNull(gateway, "gateway is null"));
        if (h != null) {
            h.detach();
            h.lifecycle(GatewayState.DISCONNECTED, reason);
        }
    }

    /**
     * The exchange told a gateway to wait until {@code until} (a 429, a 418 ban, or its own
     * headers said the budget is spent): the gateway is RATE_LIMITED until then and goes back UP
     * by itself afterwards. A later deadline extends the wait; an earlier one is ignored.
     */
    public void rateLimited(String gateway, Instant until, String reason) {
        requireNonNull(until, "until is null");
        requireNonNull(reason, "reason is null");
        GatewayHealth h = gateways.get(requireNonNull(gateway, "gateway is null"));
        if (h != null && h.rateLimited(until, reason)) {
            scheduleExpiry(h, Duration.between(clock.instant(), until));
        }
    }

    // ---- what others ask ----------------------------------------------------------------------

    /** Whether the gateway is UP; false for a gateway the engine has never heard of. */
    public boolean isUp(String gateway) {
        GatewayHealth h = gateways.get(requireNonNull(gateway, "gateway is null"));
        return h != null && h.state().isUp();
    }

    /** Where the gateway stands; DISCONNECTED ("unknown gateway") for one never heard of. */
    public GatewayStatus status(String gateway) {
        GatewayHealth h = gateways.get(requireNonNull(gateway, "gateway is null"));
        if (h == null) {
            return new GatewayStatus(gateway, GatewayState.DISCONNECTED, clock.instant(),
                    "unknown gateway: never connected", Optional.empty(), 0);
        }
        return h.status();
    }

    /** The names of every gateway the engine has heard of, sorted. */
    public Set<String> gateways() {
        return new TreeSet<>(gateways.keySet());
    }

    /**
     * A snapshot of a gateway's counters, budget, clock offset and state.
     *
     * @throws IllegalArgumentException for a gateway the engine has never heard of
     */
    public GatewayMetrics metrics(String gateway) {
        GatewayHealth h = gateways.get(requireNonNull(gateway, "gateway is null"));
        if (h == null) {
            throw new IllegalArgumentException("no gateway named '" + gateway + "'; known gateways: " + gateways());
        }
        RestClient client = h.client();
        if (client == null) {
            return new GatewayMetrics(gateway, h.state(), new ClientMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                    0, 0, h.clockOffset(), List.of(), h.resolutions(), Sharing.LOCAL);
        }
        List<BucketUsage> buckets = client.budget().usage();
        BucketUsage general = buckets.isEmpty() ? null : buckets.get(0);
        return new GatewayMetrics(gateway, h.state(), client.metrics(), general == null ? 0 : general.used(),
                general == null ? 0 : general.limit(), h.clockOffset(), buckets, h.resolutions(), client.budget().sharing());
    }

    /**
     * Counts how the runtime settled an order or cancel whose answer was lost; shown in
     * {@link #metrics}. A gateway never heard of is ignored.
     */
    public void resolved(String gateway, Resolution resolution) {
        requireNonNull(resolution, "resolution is null");
        GatewayHealth h = gateways.get(requireNonNull(gateway, "gateway is null"));
        if (h != null) {
            h.resolved(resolution);
        }
    }

    /** Adds a listener of every transition. */
    public void addListener(GatewayStateListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Removes a listener. */
    public void removeListener(GatewayStateListener listener) {
        listeners.remove(listener);
    }

    // ---- rest-core hooks ----------------------------------------------------------------------

    /**
     * Drops a droppable request while its gateway is not UP; holds a non-droppable one while its
     * gateway is RATE_LIMITED; admits everything else, and everything of gateways never heard of.
     */
    @Override
    public AdmissionDecision admit(String client, Request request, Stage stage) {
        GatewayHealth h = gateways.get(client);
        if (h == null) {
            return AdmissionDecision.admit();
        }
        if (request.droppable()) {
            GatewayStatus s = h.status();
            if (!s.isUp()) {
                return AdmissionDecision.drop("gateway '" + client + "' is " + s.state() + " since " + s.since()
                        + " (" + s.reason() + "); droppable requests are dropped until it is UP again");
            }
            return AdmissionDecision.admit();
        }
        Instant until = h.holdUntil();
        if (until != null) {
            return AdmissionDecision.defer(until, "gateway '" + client + "' is RATE_LIMITED until " + until);
        }
        return AdmissionDecision.admit();
    }

    /**
     * Also tells {@code listener} how every attempt and call of every gateway's client ended, heart-beats
     * included (the clients the gateway runtime builds with this engine as their listener), as the
     * Micrometer binding counts them. Called on worker threads; must be fast and must not throw.
     */
    public void addOutcomeListener(OutcomeListener listener) {
        outcomeListeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Stops telling {@code listener}; see {@link #addOutcomeListener}. */
    public void removeOutcomeListener(OutcomeListener listener) {
        outcomeListeners.remove(listener);
    }

    /** Counts how a call ended towards its gateway's health; heart-beat calls are counted by the heart-beat. */
    @Override
    public void onOutcome(Outcome outcome) {
        for (OutcomeListener l : outcomeListeners) {
            try {
                l.onOutcome(outcome);
            } catch (RuntimeException e) {
                LOG.warn("outcome listener {} failed; ignored", l, e);
            }
        }
        if (HeartBeat.TAG.equals(outcome.call().extra())) {
            return;
        }
        GatewayHealth h = gateways.get(outcome.client());
        if (h == null) {
            return;
        }
        GatewayHealth.Signal signal = signal(outcome);
        if (signal != null) {
            h.record(signal, describe(outcome));
        }
    }

    /**
     * A throttled attempt (429, a 418 ban, or the same refusal in a 2xx body) makes the gateway
     * RATE_LIMITED until the wait the exchange asked for has passed.
     */
    @Override
    public void onAttempt(Attempt attempt) {
        for (OutcomeListener l : outcomeListeners) {
            try {
                l.onAttempt(attempt);
            } catch (RuntimeException e) {
                LOG.warn("outcome listener {} failed; ignored", l, e);
            }
        }
        if (!attempt.throttled()) {
            return;
        }
        int status = attempt.httpStatus();
        Duration wait = attempt.retryAfter().orElse(config.defaultRateLimitPause());
        String why = status == 418 ? " (banned)" : status == 429 ? " (too many requests)"
                : " (" + attempt.verdict().map(AnswerVerdict::reason).orElse("throttled") + ")";
        rateLimited(attempt.client(), clock.instant().plus(wait), "HTTP " + status + why + " on "
                + attempt.call().request().method() + " " + attempt.call().request().path() + ", retry after "
                + wait.toMillis() + " ms");
    }

    /** Stops heart-beats and timers; the engine answers questions but schedules nothing more. */
    @Override
    public void close() {
        for (GatewayHealth h : gateways.values()) {
            h.detach();
        }
        scheduler.shutdownNow();
    }

    @Override
    public String toString() {
        return "MonitorEngine{" + gateways.size() + " gateways}";
    }

    // ---- internals ----------------------------------------------------------------------------

    private GatewayHealth health(String gateway) {
        requireNonNull(gateway, "gateway is null");
        if (gateway.isBlank()) {
            throw new IllegalArgumentException("a gateway needs a name");
        }
        return gateways.computeIfAbsent(gateway, n -> new GatewayHealth(n, config, clock, listeners));
    }

    private void beat(GatewayHealth h, HeartBeat heartBeat, Duration timeout) {
        GatewayState s = h.state();
        if (s != GatewayState.UP && s != GatewayState.DEGRADED && s != GatewayState.DOWN) {
            return;
        }
        if (!h.beating.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<?> f;
        try {
            f = requireNonNull(heartBeat.beat(), "the heart-beat returned null");
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.toCompletableFuture().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((ok, error) -> {
                    h.beating.set(false);
                    if (error == null) {
                        h.record(GatewayHealth.Signal.OK, "heart-beat answered");
                    } else {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        h.record(GatewayHealth.Signal.FAILURE, "heart-beat failed: " + (cause instanceof TimeoutException
                                ? "no answer within the heart-beat timeout of " + timeout.toMillis() + " ms" : brief(cause)));
                    }
                });
    }

    private void scheduleExpiry(GatewayHealth h, Duration delay) {
        long millis = Math.max(MIN_RESCHEDULE_MILLIS, delay.toMillis());
        try {
            h.expiryTask(scheduler.schedule(() -> h.rateLimitExpiry().ifPresent(left -> scheduleExpiry(h, left)),
                    millis, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException closed) {
            LOG.debug("monitor closed; gateway '{}' stays RATE_LIMITED", h.name());
        }
    }

    private static GatewayHealth.Signal signal(Outcome outcome) {
        // what the last answer meant (a 2xx can carry a refusal); judged by its status when no verdict was kept
        AnswerVerdict.Kind kind = outcome.call().verdict().map(AnswerVerdict::kind)
                .orElseGet(() -> outcome.httpStatus() == 0 ? null : AnswerVerdict.ofStatus(outcome.httpStatus()).kind());
        switch (outcome.status()) {
            case SUCCESS:
                return GatewayHealth.Signal.OK;
            case FAILED:
                if (kind == AnswerVerdict.Kind.THROTTLED) {
                    return null; // the attempt already made the gateway RATE_LIMITED
                }
                // a refusal (even in a 2xx body) proves the exchange answers; "unavailable" does not
                return kind == AnswerVerdict.Kind.UNAVAILABLE ? GatewayHealth.Signal.FAILURE : GatewayHealth.Signal.OK;
            case ERROR: {
                Throwable e = outcome.error().orElse(null);
                if (kind == AnswerVerdict.Kind.UNAVAILABLE || e instanceof TransportException) {
                    return GatewayHealth.Signal.FAILURE;
                }
                if (e instanceof OutcomeUnknownException) {
                    return GatewayHealth.Signal.FAILURE;
                }
                if (e instanceof MalformedResponseException) {
                    return GatewayHealth.Signal.ERROR;
                }
                return null; // a full queue or a failed signature says nothing about the exchange
            }
            default:
                return null; // DROPPED and CANCELLED are ours, not the exchange's
        }
    }

    private static String describe(Outcome o) {
        Request r = o.call().request();
        String what = r.method() + " " + r.path() + " " + o.status();
        if (o.httpStatus() > 0) {
            return what + " HTTP " + o.httpStatus();
        }
        return o.error().map(e -> what + " (" + brief(e) + ")").orElse(what);
    }

    private static String brief(Throwable e) {
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + Printable.of(Redactor.url(msg), 200));
    }
}
