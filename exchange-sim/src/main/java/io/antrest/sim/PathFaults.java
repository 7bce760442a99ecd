package io.antrest.sim;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The faults programmed for one path (and optionally one method): a fluent builder whose steps
 * apply to the next matching requests, one step per request, in the order they were added.
 *
 * <pre>{@code
 * sim.faults().path("/api/v3/account").statuses(503, 503, 200).latency(Duration.ofMillis(200));
 * sim.faults().on("POST", "/api/v3/order").resetAfterProcessing(1);
 * }</pre>
 */
public final class PathFaults {

    private final String method;
    private final String path;
    private final ArrayDeque<FaultStep> steps = new ArrayDeque<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile Long retryAfterSeconds;

    PathFaults(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** The method these faults are limited to, or null for any. */
    public String method() {
        return method;
    }

    /** The path these faults apply to. */
    public String path() {
        return path;
    }

    /** Answers the next requests with these statuses, one each, without processing them; 200 answers normally. */
    public PathFaults statuses(int... codes) {
        requireNonNull(codes, "codes is null");
        for (int code : codes) {
            add(new FaultStep(FaultStep.Kind.STATUS, code));
        }
        return this;
    }

    /** Processes the next requests (orders are placed), then answers these statuses instead. */
    public PathFaults statusesAfterProcessing(int... codes) {
        requireNonNull(codes, "codes is null");
        for (int code : codes) {
            add(new FaultStep(FaultStep.Kind.STATUS_AFTER, code));
        }
        return this;
    }

    /** Makes every matching request wait this long before anything else happens; zero removes it. */
    public PathFaults latency(Duration delay) {
        requireNonNull(delay, "delay is null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + delay);
        }
        this.latency = delay;
        return this;
    }

    /** Resets the connection (TCP RST) of the next n requests before processing them. */
    public PathFaults reset(int n) {
        return repeat(FaultStep.Kind.RESET, n);
    }

    /** Processes the next n requests, then resets their connections: the work is done, the answer lost. */
    public PathFaults resetAfterProcessing(int n) {
        return repeat(FaultStep.Kind.RESET_AFTER, n);
    }

    /** Closes the connection of the next n requests without an answer, before processing them. */
    public PathFaults closeWithoutAnswer(int n) {
        return repeat(FaultStep.Kind.CLOSE, n);
    }

    /** Processes the next n requests, then closes their connections without an answer. */
    public PathFaults closeAfterProcessing(int n) {
        return repeat(FaultStep.Kind.CLOSE_AFTER, n);
    }

    /** Processes the next n requests, then answers 200 with a body that is not JSON. */
    public PathFaults malformedJson(int n) {
        return repeat(FaultStep.Kind.MALFORMED_JSON, n);
    }

    /** Processes the next n requests, then answers with half of the real body (Content-Length matches). */
    public PathFaults truncatedJson(int n) {
        return repeat(FaultStep.Kind.TRUNCATED_JSON, n);
    }

    /**
     * Holds the next n requests unanswered, their connections open (a frozen exchange), until the
     * faults are cleared; then they are processed and answered, late.
     */
    public PathFaults hang(int n) {
        return repeat(FaultStep.Kind.HANG, n);
    }

    /**
     * Processes the next n requests, then answers each one byte every {@link Faults#DRIP_INTERVAL}
     * until the faults are cleared, then with the real body.
     */
    public PathFaults drip(int n) {
        return repeat(FaultStep.Kind.DRIP, n);
    }

    /** Makes the injected 429 and 418 answers of this path carry {@code Retry-After: seconds}. */
    public PathFaults retryAfter(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("Retry-After must not be negative, got " + seconds);
        }
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Appends steps as they are. */
    public PathFaults steps(List<FaultStep> more) {
        requireNonNull(more, "more is null");
        more.forEach(this::add);
        return this;
    }

    /** Removes every pending step and the latency. */
    public PathFaults clear() {
        synchronized (steps) {
            steps.clear();
        }
        latency = Duration.ZERO;
        retryAfterSeconds = null;
        return this;
    }

    /** How many steps are still waiting for a request. */
    public int pending() {
        synchronized (steps) {
            return steps.size();
        }
    }

    private PathFaults repeat(FaultStep.Kind kind, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + n);
        }
        for (int i = 0; i < n; i++) {
            add(FaultStep.of(kind));
        }
        return this;
    }

    private void add(FaultStep step) {
        synchronized (steps) {
            steps.addLast(step);
        }
    }

    /** Takes the step for one request, or null. */
    FaultStep poll() {
        synchronized (steps) {
            return steps.pollFirst();
        }
    }

    Duration currentLatency() {
        return latency;
    }

    Long currentRetryAfter() {
        return retryAfterSeconds;
    }
}
