package io.antrest.monitor;

import io.antrest.core.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * The state machine of one gateway: its state, failures in a row, the window of the latest
 * outcomes, and the rate-limit deadline. Every method holds this object's lock, so listeners
 * hear one gateway's transitions in order.
 */
final class GatewayHealth {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorEngine.class);

    /** What one call or heart-beat says about the exchange. */
    enum Signal {
        /** The exchange answered sensibly (a 2xx, or a 4xx that is the caller's business). */
        OK,
        /** No answer, or a 5xx: counts towards DOWN and towards the error ratio. */
        FAILURE,
        /** An answer that could not be read: counts towards the error ratio only. */
        ERROR
    }

    private final String name;
    private final MonitorConfig config;
    private final Clock clock;
    private final List<GatewayStateListener> listeners;
    private final boolean[] window;

    private GatewayState state = GatewayState.DISCONNECTED;
    private Instant since;
    private String reason = "not connected";
    private Instant rateLimitedUntil;
    private int consecutiveFailures;
    private int windowSize;
    private int windowNext;
    private int windowErrors;

    // What attach() gave; read by the engine's scheduler and metrics.
    private volatile RestClient client;
    private volatile Supplier<Duration> clockOffset = () -> Duration.ZERO;
    private ScheduledFuture<?> heartBeatTask;
    private ScheduledFuture<?> expiryTask;
    final AtomicBoolean beating = new AtomicBoolean();
    private final AtomicLongArray resolutions = new AtomicLongArray(Resolution.values().length);

    GatewayHealth(String name, MonitorConfig config, Clock clock, List<GatewayStateListener> listeners) {
        this.name = name;
        this.config = config;
        this.clock = clock;
        this.listeners = listeners;
        this.window = new boolean[config.errorWindow()];
        this.since = clock.instant();
    }

    String name() {
        return name;
    }

    void resolved(Resolution resolution) {
        resolutions.incrementAndGet(resolution.ordinal());
    }

    Resolutions resolutions() {
        return new Resolutions(resolutions.get(Resolution.PLACED.ordinal()), resolutions.get(Resolution.NOT_PLACED.ordinal()),
                resolutions.get(Resolution.STILL_UNKNOWN.ordinal()), resolutions.get(Resolution.CANCEL_SETTLED.ordinal()),
                resolutions.get(Resolution.CANCEL_STILL_UNKNOWN.ordinal()));
    }

    synchronized GatewayState state() {
        return state;
    }

    synchronized GatewayStatus status() {
        return new GatewayStatus(name, state, since, reason,
                state == GatewayState.RATE_LIMITED ? Optional.ofNullable(rateLimitedUntil) : Optional.empty(),
                consecutiveFailures);
    }

    /** Whether health signals move this gateway: only once it is connected and verified. */
    private boolean operational() {
        return state == GatewayState.UP || state == GatewayState.DEGRADED || state == GatewayState.DOWN
                || state == GatewayState.RATE_LIMITED;
    }

    /** A lifecycle transition asked by the runtime (connecting, verifying, up, disconnected). */
    synchronized void lifecycle(GatewayState to, String why) {
        if (to == GatewayState.UP || to == GatewayState.DISCONNECTED || to == GatewayState.CONNECTING) {
            resetCounters();
        }
        if (to != GatewayState.RATE_LIMITED) {
            rateLimitedUntil = null;
        }
        move(to, why);
    }

    /** One call's or heart-beat's signal. */
    synchronized void record(Signal signal, String what) {
        if (!operational()) {
            return;
        }
        switch (signal) {
            case OK -> consecutiveFailures = 0;
            case FAILURE -> consecutiveFailures++;
            case ERROR -> { }
        }
        push(signal != Signal.OK);
        switch (state) {
            case UP -> {
                if (consecutiveFailures >= config.failuresToDown()) {
                    down(what);
                } else if (ratioExceeded()) {
                    move(GatewayState.DEGRADED, String.format("%d of the last %d calls failed (over %.0f%%); last: %s",
                            windowErrors, windowSize, config.errorRatioToDegrade() * 100, what));
                }
            }
            case DEGRADED -> {
                if (consecutiveFailures >= config.failuresToDown()) {
                    down(what);
                } else if (signal == Signal.OK && ratioRecovered()) {
                    move(GatewayState.UP, "error ratio back to " + windowErrors + " of the last " + windowSize);
                }
            }
            case DOWN -> {
                if (signal == Signal.OK) {
                    resetCounters();
                    move(GatewayState.UP, "recovered: " + what);
                }
            }
            default -> { }
        }
    }

    /**
     * The exchange asked us to wait until {@code until} (429 or a 418 ban).
     *
     * @return true when the deadline moved later (the caller schedules the return to UP)
     */
    synchronized boolean rateLimited(Instant until, String why) {
        if (!operational()) {
            return false;
        }
        if (rateLimitedUntil != null && !until.isAfter(rateLimitedUntil) && state == GatewayState.RATE_LIMITED) {
            return false;
        }
        rateLimitedUntil = until;
        if (state == GatewayState.RATE_LIMITED) {
            reason = why + " (until " + until + ")";
            LOG.warn("gateway '{}' stays RATE_LIMITED, now until {}: {}", name, until, why);
            return true;
        }
        move(GatewayState.RATE_LIMITED, why + " (until " + until + ")");
        return true;
    }

    /**
     * The rate-limit deadline may have passed.
     *
     * @return how long until it passes, or empty when the gateway went back to UP (or left RATE_LIMITED)
     */
    synchronized Optional<Duration> rateLimitExpiry() {
        if (state != GatewayState.RATE_LIMITED || rateLimitedUntil == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isBefore(rateLimitedUntil)) {
            return Optional.of(Duration.between(now, rateLimitedUntil));
        }
        rateLimitedUntil = null;
        resetCounters();
        move(GatewayState.UP, "the exchange's rate-limit wait is over");
        return Optional.empty();
    }

    /** Until when non-droppable requests are held, or null. */
    synchronized Instant holdUntil() {
        if (state == GatewayState.RATE_LIMITED && rateLimitedUntil != null && clock.instant().isBefore(rateLimitedUntil)) {
            return rateLimitedUntil;
        }
        return null;
    }

    synchronized void attach(RestClient client, Supplier<Duration> clockOffset, ScheduledFuture<?> heartBeatTask) {
        cancelHeartBeat();
        this.client = client;
        this.clockOffset = clockOffset;
        this.heartBeatTask = heartBeatTask;
    }

    synchronized void detach() {
        cancelHeartBeat();
        if (expiryTask != null) {
            expiryTask.cancel(false);
            expiryTask = null;
        }
        this.client = null;
    }

    synchronized void expiryTask(ScheduledFuture<?> task) {
        if (expiryTask != null) {
            expiryTask.cancel(false);
        }
        expiryTask = task;
    }

    RestClient client() {
        return client;
    }

    Duration clockOffset() {
        try {
            Duration d = clockOffset.get();
            return d == null ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return Duration.ZERO;
        }
    }

    private void cancelHeartBeat() {
        if (heartBeatTask != null) {
            heartBeatTask.cancel(false);
            heartBeatTask = null;
        }
    }

    private void down(String what) {
        move(GatewayState.DOWN, consecutiveFailures + " failures in a row; last: " + what);
    }

    private boolean ratioExceeded() {
        return windowSize == window.length && (double) windowErrors / windowSize > config.errorRatioToDegrade();
    }

    /**
     * Back to UP only once the ratio is at most half the threshold, so that a gateway failing about
     * as often as the threshold does not flap between UP and DEGRADED on every call.
     */
    private boolean ratioRecovered() {
        return (double) windowErrors / Math.max(1, windowSize) <= config.errorRatioToDegrade() / 2;
    }

    private void push(boolean error) {
        if (windowSize == window.length) {
            if (window[windowNext]) {
                windowErrors--;
            }
        } else {
            windowSize++;
        }
        window[windowNext] = error;
        if (error) {
            windowErrors++;
        }
        windowNext = (windowNext + 1) % window.length;
    }

    private void resetCounters() {
        consecutiveFailures = 0;
        windowSize = 0;
        windowNext = 0;
        windowErrors = 0;
    }

    private void move(GatewayState to, String why) {
        GatewayState from = state;
        Instant now = clock.instant();
        reason = why;
        if (from == to) {
            return;
        }
        state = to;
        since = now;
        StateChange change = new StateChange(name, from, to, why, now,
                to == GatewayState.RATE_LIMITED ? Optional.ofNullable(rateLimitedUntil) : Optional.empty());
        if (to == GatewayState.DOWN || to == GatewayState.RATE_LIMITED || to == GatewayState.DEGRADED) {
            LOG.warn("gateway '{}': {} -> {}: {}", name, from, to, why);
        } else {
            LOG.info("gateway '{}': {} -> {}: {}", name, from, to, why);
        }
        for (GatewayStateListener l : listeners) {
            try {
                l.onStateChange(change);
            } catch (RuntimeException e) {
                LOG.warn("gateway '{}': state listener {} threw; ignored", name, l, e);
            }
        }
    }
}
