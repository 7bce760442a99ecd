package io.antrest.sim;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's fault programme: per path (optionally per method), a queue of steps and an
 * added latency. Obtained from {@link SimExchange#faults()}; see {@link PathFaults} and
 * {@link FaultSpec}.
 */
public final class Faults {

    private final ConcurrentHashMap<String, PathFaults> rules = new ConcurrentHashMap<>();

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
        rule.steps(spec.steps());
        return this;
    }

    /** Parses a spec string ({@link FaultSpec#parse}) and adds it. */
    public Faults apply(String spec) {
        return apply(FaultSpec.parse(spec));
    }

    /** Removes every fault on every path. */
    public void clear() {
        rules.clear();
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
        return step;
    }
}
