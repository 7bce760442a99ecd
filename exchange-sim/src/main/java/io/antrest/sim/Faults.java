package io.antrest.sim;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The simulator's fault programme: per path (optionally per method), a queue of steps and an
 * added latency. Obtained from {@link SimExchange#faults()}; see {@link PathFaults} and
 * {@link FaultSpec}.
 */
public final class Faults {
    /** How often a {@code drip} answer writes its next byte. */
    public static final Duration DRIP_INTERVAL = Duration.ofMillis(100);
    /** The path of faults that apply to every path, after the path's own. */
    public static final String ANY_PATH = "/*";
    /** The longest a hung or dripping answer is held, whatever happens: the simulator never keeps a thread for ever. */
    private static final Duration HOLD_AT_MOST = Duration.ofMinutes(10);

    private final ConcurrentHashMap<String, PathFaults> rules = new ConcurrentHashMap<>();
    /** Counted down (and replaced) when the faults are cleared: releases hung and dripping answers. */
    private volatile CountDownLatch thaw = new CountDownLatch(1);

    Faults() {
    }

    /** The faults for a path, whatever the method (created on first use). */
    public PathFaults path(String path) {
        return rule(null, path);
    }

    /** The faults for a path requested with one method (created on first use). */
    public PathFaults on(String method, String path) {
        requireNonNull(method, "method is null");
        return rule(method.toUpperCase(Locale.ROOT), path);
    }

    /** Adds a parsed spec's latency and steps. */
    public Faults apply(FaultSpec spec) {
        requireNonNull(spec, "spec is null");
        PathFaults rule = rule(spec.method(), spec.path());
        if (spec.latency() != null) {
            rule.latency(spec.latency());
        }
        if (spec.retryAfter() != null) {
            rule.retryAfter(spec.retryAfter());
        }
        rule.steps(spec.steps());
        return this;
    }

    /** Parses a spec string ({@link FaultSpec#parse}) and adds it. */
    public Faults apply(String spec) {
        return apply(FaultSpec.parse(spec));
    }

    /** Removes every fault on every path, and releases every hung or dripping answer. */
    public void clear() {
        rules.clear();
        CountDownLatch released = thaw;
        thaw = new CountDownLatch(1);
        released.countDown();
    }

    /** The signal of the next clearing, to wait on while holding an answer. */
    CountDownLatch thaw() {
        return thaw;
    }

    /** The longest a hung or dripping answer is held. */
    static Duration holdAtMost() {
        return HOLD_AT_MOST;
    }

    /** The Retry-After, in seconds, of injected 429 and 418 answers on this path, or null for the dialect's. */
    Long retryAfter(String method, String path) {
        if (rules.isEmpty()) {
            return null;
        }
        for (String key : new String[] {key(method, path), path, ANY_PATH}) {
            PathFaults rule = rules.get(key);
            if (rule != null && rule.currentRetryAfter() != null) {
                return rule.currentRetryAfter();
            }
        }
        return null;
    }

    private PathFaults rule(String method, String path) {
        requireNonNull(path, "path is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got '" + path + "'");
        }
        return rules.computeIfAbsent(key(method, path), k -> new PathFaults(method, path));
    }

    private static String key(String method, String path) {
        return method == null ? path : method + " " + path;
    }

    /** The latency for a request, zero when none. */
    Duration latency(String method, String path) {
        if (rules.isEmpty()) {
            return Duration.ZERO;
        }
        PathFaults specific = rules.get(key(method, path));
        if (specific != null && !specific.currentLatency().isZero()) {
            return specific.currentLatency();
        }
        PathFaults any = rules.get(path);
        return any == null ? Duration.ZERO : any.currentLatency();
    }

    /** Takes the next step for a request (method-specific steps first), or null. */
    FaultStep next(String method, String path) {
        if (rules.isEmpty()) {
            return null;
        }
        PathFaults specific = rules.get(key(method, path));
        FaultStep step = specific == null ? null : specific.poll();
        if (step == null) {
            PathFaults any = rules.get(path);
            step = any == null ? null : any.poll();
        }
        if (step == null) {
            PathFaults everyPath = rules.get(ANY_PATH);
            step = everyPath == null ? null : everyPath.poll();
        }
        return step;
    }
}
