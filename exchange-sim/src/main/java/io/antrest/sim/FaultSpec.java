package io.antrest.sim;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Faults for one path, as an immutable value parsed from a command-line string, so that a
 * simulator started with {@code antrest sim --fault ...} or steered through
 * {@code POST /_sim/faults} can misbehave exactly like one programmed from a test.
 *
 * <h2>Syntax</h2>
 * <pre>
 * spec  := [METHOD " "] path ":" fault (";" fault)*
 * fault := "status=" code ("," code)*         answer these statuses, one request each, without
 *                                             processing; 200 means "answer normally"
 *        | "status-after=" code ("," code)*   process the request (the order is placed), then
 *                                             answer this status instead
 *        | "latency=" duration                every matching request first waits this long:
 *                                             "250ms", "2s" or ISO-8601 ("PT0.5S"); "0" removes it
 *        | "reset" ["=" n]                    reset the connection (RST) before processing
 *        | "reset-after" ["=" n]              process, then reset: the answer is lost
 *        | "close" ["=" n]                    close without answering, before processing
 *        | "close-after" ["=" n]              process, then close without answering
 *        | "malformed" ["=" n]                process, then answer 200 with a body that is not JSON
 *        | "truncated" ["=" n]                process, then answer with half of the real body
 *        | "hang" ["=" n]                     hold the request unanswered, its connection open (a
 *                                             frozen exchange), until the faults are cleared; then
 *                                             process and answer it, late
 *        | "drip" ["=" n]                     process, then answer one byte (a space) every 100 ms
 *                                             until the faults are cleared, then the real body
 *        | "retry-after=" seconds             injected 429 and 418 answers on this path carry this
 *                                             Retry-After (e.g. 999999999) instead of the dialect's
 * </pre>
 * The path {@code /*} matches every path, after the path's own faults: {@code /*:hang=100000}
 * freezes the whole exchange until {@code DELETE /_sim/faults} thaws it.
 * {@code n} defaults to 1. Steps apply to the next matching requests in the order written: the
 * spec {@code POST /api/v3/order:status=503;reset-after} makes the next order request fail with
 * 503 and the one after it be placed and then lose its answer. Without a method, every method
 * matches. Examples:
 * <pre>
 * /api/v3/account:status=503,503,200;latency=200ms
 * POST /api/v3/order:reset-after=1
 * /api/v1/instrument/active:truncated=2
 * POST /api/v5/trade/order:status-after=503
 * </pre>
 *
 * @param method the HTTP method the faults are limited to, or null for any method
 * @param path the request path, without query string, e.g. {@code /api/v3/order}
 * @param latency the added latency, or null to leave the current latency unchanged
 * @param retryAfter the Retry-After, in seconds, of injected 429 and 418 answers, or null for the dialect's
 * @param steps the steps, in the order they apply
 */
public record FaultSpec(String method, String path, Duration latency, Long retryAfter, List<FaultStep> steps) {

    /** Validates and copies. */
    public FaultSpec {
        requireNonNull(path, "path is null");
        requireNonNull(steps, "steps is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got '" + path + "'");
        }
        if (latency != null && latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + latency);
        }
        if (retryAfter != null && retryAfter < 0) {
            throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
        }
        steps = List.copyOf(steps);
    }

    /** A spec that leaves the Retry-After of injected answers as the dialect writes it. */
    public FaultSpec(String method, String path, Duration latency, List<FaultStep> steps) {
        this(method, path, latency, null, steps);
    }

    /** The method the spec is limited to, if any. */
    public Optional<String> methodFilter() {
        return Optional.ofNullable(method);
    }

    /**
     * Parses one spec (see the class documentation for the syntax).
     *
     * @throws FaultSpecException when the text does not follow the syntax
     */
    public static FaultSpec parse(String text) {
        requireNonNull(text, "text is null");
        String spec = text.strip();
        String method = null;
        int space = spec.indexOf(' ');
        if (space > 0 && !spec.startsWith("/")) {
            method = spec.substring(0, space).toUpperCase(Locale.ROOT);
            for (int i = 0; i < method.length(); i++) {
                if (method.charAt(i) < 'A' || method.charAt(i) > 'Z') {
                    throw new FaultSpecException(text, "bad method '" + method + "'");
                }
            }
            spec = spec.substring(space + 1).strip();
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new FaultSpecException(text, "missing ':' between path and faults");
        }
        String path = spec.substring(0, colon).strip();
        if (!path.startsWith("/") || path.indexOf('?') >= 0) {
            throw new FaultSpecException(text, "path must start with '/' and have no query string");
        }
        Duration latency = null;
        Long retryAfter = null;
        List<FaultStep> steps = new ArrayList<>();
        String faults = spec.substring(colon + 1);
        if (faults.isBlank()) {
            throw new FaultSpecException(text, "no fault after ':'");
        }
        for (String item : faults.split(";")) {
            String fault = item.strip();
            if (fault.isEmpty()) {
                continue;
            }
            int eq = fault.indexOf('=');
            String name = (eq < 0 ? fault : fault.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : fault.substring(eq + 1).strip();
            switch (name) {
                case "status" -> statuses(text, value, FaultStep.Kind.STATUS, steps);
                case "status-after" -> statuses(text, value, FaultStep.Kind.STATUS_AFTER, steps);
                case "latency" -> latency = duration(text, value);
                case "reset" -> repeat(text, value, FaultStep.Kind.RESET, steps);
                case "reset-after" -> repeat(text, value, FaultStep.Kind.RESET_AFTER, steps);
                case "close" -> repeat(text, value, FaultStep.Kind.CLOSE, steps);
                case "close-after" -> repeat(text, value, FaultStep.Kind.CLOSE_AFTER, steps);
                case "malformed" -> repeat(text, value, FaultStep.Kind.MALFORMED_JSON, steps);
                case "truncated" -> repeat(text, value, FaultStep.Kind.TRUNCATED_JSON, steps);
                case "hang" -> repeat(text, value, FaultStep.Kind.HANG, steps);
                case "drip" -> repeat(text, value, FaultStep.Kind.DRIP, steps);
                case "retry-after" -> retryAfter = seconds(text, value);
                default -> throw new FaultSpecException(text, "unknown fault '" + name
                        + "' (known: status, status-after, latency, reset, reset-after, close, close-after,"
                        + " malformed, truncated, hang, drip, retry-after)");
            }
        }
        return new FaultSpec(method, path, latency, retryAfter, steps);
    }

    /** Parses several specs, one per line (blank lines and lines starting with '#' are skipped). */
    public static List<FaultSpec> parseAll(String text) {
        requireNonNull(text, "text is null");
        List<FaultSpec> specs = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                specs.add(parse(l));
            }
        }
        return specs;
    }

    private static void statuses(String text, String value, FaultStep.Kind kind, List<FaultStep> steps) {
        if (value == null || value.isEmpty()) {
            throw new FaultSpecException(text, "status needs codes, e.g. status=503,200");
        }
        for (String code : value.split(",")) {
            long c = Codec.parseLong(code.strip());
            if (c < 100 || c > 599) {
                throw new FaultSpecException(text, "'" + code.strip() + "' is not an HTTP status (100..599)");
            }
            steps.add(new FaultStep(kind, (int) c));
        }
    }

    private static void repeat(String text, String value, FaultStep.Kind kind, List<FaultStep> steps) {
        long n = value == null ? 1 : Codec.parseLong(value);
        if (n < 1 || n > 1_000_000) {
            throw new FaultSpecException(text, "count must be a positive whole number, got '" + value + "'");
        }
        for (long i = 0; i < n; i++) {
            steps.add(FaultStep.of(kind));
        }
    }

    private static long seconds(String text, String value) {
        long n = value == null ? -1 : Codec.parseLong(value);
        if (n < 0 || n > 999_999_999_999L) {
            throw new FaultSpecException(text, "retry-after needs a whole number of seconds, e.g. retry-after=999999999,"
                    + " got '" + value + "'");
        }
        return n;
    }

    private static Duration duration(String text, String value) {
        if (value == null || value.isEmpty()) {
            throw new FaultSpecException(text, "latency needs a duration, e.g. latency=200ms");
        }
        String v = value.toLowerCase(Locale.ROOT);
        long n;
        if (v.endsWith("ms") && (n = Codec.parseLong(v.substring(0, v.length() - 2))) >= 0) {
            return Duration.ofMillis(n);
        }
        if (v.endsWith("s") && (n = Codec.parseLong(v.substring(0, v.length() - 1))) >= 0) {
            return Duration.ofSeconds(n);
        }
        if ((n = Codec.parseLong(v)) >= 0) {
            return Duration.ofMillis(n);
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new FaultSpecException(text, "'" + value + "' is not a duration (250ms, 2s or PT0.5S)");
        }
    }
}
