package io.antrest.app.faults;

import io.antrest.monitor.GatewayState;
import io.antrest.sim.FaultStep;
import io.antrest.sim.Faults;
import io.antrest.sim.SimExchange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One fault of issue 7's list, injected through the simulator in the middle of a load on one
 * exchange: its name in the report, the exchange, what it does, and which monitor states it must
 * drive the gateway through (the gateway must be UP again at the end of every scenario).
 *
 * @param name        the scenario's name, as the report prints it
 * @param venue       the exchange whose gateway and simulator dialect the scenario runs on
 * @param disturbance what is done to the simulator
 * @param mustVisit   the gateway must be in at least one of these states during the scenario
 */
public record FaultScenario(String name, FaultVenue venue, Disturbance disturbance, Set<GatewayState> mustVisit) {

    private static final Set<GatewayState> FAILING = Set.of(GatewayState.DEGRADED, GatewayState.DOWN);
    private static final Set<GatewayState> LIMITED = Set.of(GatewayState.RATE_LIMITED);
    /**
     * How many refusals a rate-limit burst holds per path: one stops the gateway for its
     * Retry-After (1 s) or the monitor's default pause (1 s), and the order path's refuses an order
     * (not re-sent); a second on each path only repeated that, a second longer.
     */
    private static final int REFUSALS_PER_PATH = 1;

    /** Checks the arguments. */
    public FaultScenario {
        requireNonNull(name, "name is null");
        requireNonNull(venue, "venue is null");
        requireNonNull(disturbance, "disturbance is null");
        mustVisit = Set.copyOf(mustVisit);
    }

    /**
     * Every scenario for the exchange, in the order of the issue (malformed and truncated JSON as
     * two); the 418 ban only where the exchange bans with 418 (Binance; OKX documents no ban status,
     * BitMEX bans with 403).
     */
    public static List<FaultScenario> all(FaultVenue venue) {
        List<FaultScenario> all = new ArrayList<>(List.of(bursts503(venue), tooManyRequests429(venue)));
        if (venue.bans()) {
            all.add(ban418(venue));
        }
        all.addAll(List.of(resetBeforeAnswer(venue), closedWithoutAnswer(venue), slowerThanTimeout(venue),
                malformedJson(venue), truncatedJson(venue), simulatorRestarted(venue)));
        all.addAll(hostile(venue));
        return List.copyOf(all);
    }

    /** The hostile exchanges of issue 12, run with {@link #HOSTILE_SHARE} of the load: a slow drip, a huge Retry-After, a freeze. */
    public static List<FaultScenario> hostile(FaultVenue venue) {
        return List.of(slowDrip(venue), hugeRetryAfter(venue), frozen(venue));
    }

    /** The hostile scenarios send this share of the suite's load: their faults cost time (time-outs, pauses), not requests. */
    static final int HOSTILE_SHARE = 5;

    /** How many answers the slow drip stretches: four rounds of the gateway's 8 sessions, each held to the time-out. */
    private static final int DRIPS = 32;

    /**
     * A slow drip: the next {@value #DRIPS} answers (any path) come one byte every 100 ms, never
     * pausing long enough for a per-read socket time-out; each request must end at its time-out
     * as a whole, its connection thrown away (orders were placed: outcome unknown, not re-sent).
     */
    public static FaultScenario slowDrip(FaultVenue venue) {
        return new FaultScenario("slow drip (1 byte per 100 ms)", venue,
                (sim, n) -> sim.faults().path(Faults.ANY_PATH).drip(DRIPS), FAILING);
    }

    /**
     * 429 with {@code Retry-After: 999999999} (until 2058) on every path: the gateway and its
     * buckets pause for the client's cap ({@link FaultRun#RETRY_AFTER_CAP}), not for ever, and the
     * gateway comes back UP.
     */
    public static FaultScenario hugeRetryAfter(FaultVenue venue) {
        return new FaultScenario("429 with Retry-After 999999999", venue, (sim, n) -> {
            for (String path : venue.getPaths()) {
                sim.faults().on("GET", path).retryAfter(999_999_999L).statuses(repeat(429, REFUSALS_PER_PATH));
            }
            sim.faults().on("POST", venue.orderPath()).retryAfter(999_999_999L).statuses(repeat(429, REFUSALS_PER_PATH));
        }, LIMITED);
    }

    /**
     * A frozen exchange (SIGSTOP-like): every connection accepted, nothing answered, for
     * {@link #FREEZE}; then it thaws and answers what it held, late. The gateway goes DOWN on its
     * heart-beat time-out ({@link FaultRun#HEART_BEAT_TIMEOUT}) and comes back UP after the thaw.
     */
    public static FaultScenario frozen(FaultVenue venue) {
        return new FaultScenario("frozen exchange (accepts, never answers)", venue, (sim, n) -> {
            sim.faults().path(Faults.ANY_PATH).hang(100_000);
            Thread.sleep(FREEZE.toMillis());
            sim.faults().clear();
        }, Set.of(GatewayState.DOWN));
    }

    /** How long the exchange stays frozen: several heart-beat time-outs times the failures that make it DOWN. */
    static final Duration FREEZE = Duration.ofSeconds(2);

    /** A burst of 503 on every path; half of the order refusals come after the order was placed. */
    public static FaultScenario bursts503(FaultVenue venue) {
        return new FaultScenario("bursts of 503", venue, (sim, n) -> {
            int burst = burst(n);
            for (String path : venue.getPaths()) {
                sim.faults().on("GET", path).statuses(repeat(503, burst));
            }
            sim.faults().on("POST", venue.orderPath()).steps(alternate(new FaultStep(FaultStep.Kind.STATUS, 503),
                    new FaultStep(FaultStep.Kind.STATUS_AFTER, 503), burst));
        }, FAILING);
    }

    /**
     * 429 on every path: Binance sends {@code Retry-After: 1}, OKX code 50011 and no Retry-After,
     * BitMEX {@code Retry-After: 1} and {@code RateLimitError}.
     */
    public static FaultScenario tooManyRequests429(FaultVenue venue) {
        return new FaultScenario(venue.tooManyRequestsName(), venue, (sim, n) -> refuseAll(venue, sim, 429), LIMITED);
    }

    /** A 418 ban with {@code Retry-After: 1} on every path. */
    public static FaultScenario ban418(FaultVenue venue) {
        if (!venue.bans()) {
            throw new IllegalArgumentException(venue.exchange() + " does not ban with 418: there is no such scenario for it");
        }
        return new FaultScenario("418 ban", venue, (sim, n) -> refuseAll(venue, sim, 418), LIMITED);
    }

    /** Connections reset: before the request is processed, and (orders) after it was, the answer lost. */
    public static FaultScenario resetBeforeAnswer(FaultVenue venue) {
        return new FaultScenario("connection reset before the answer", venue, (sim, n) -> {
            int burst = burst(n);
            for (String path : venue.getPaths()) {
                sim.faults().on("GET", path).reset(burst);
            }
            sim.faults().on("POST", venue.orderPath()).steps(alternate(FaultStep.of(FaultStep.Kind.RESET),
                    FaultStep.of(FaultStep.Kind.RESET_AFTER), burst));
        }, FAILING);
    }

    /** Connections closed without an answer, before processing and (orders) after it. */
    public static FaultScenario closedWithoutAnswer(FaultVenue venue) {
        return new FaultScenario("closed without an answer", venue, (sim, n) -> {
            int burst = burst(n);
            for (String path : venue.getPaths()) {
                sim.faults().on("GET", path).closeWithoutAnswer(burst);
            }
            sim.faults().on("POST", venue.orderPath()).steps(alternate(FaultStep.of(FaultStep.Kind.CLOSE),
                    FaultStep.of(FaultStep.Kind.CLOSE_AFTER), burst));
        }, FAILING);
    }

    /**
     * Every answer takes longer than the requests' time-out for a stretch; the simulator still
     * does the work (an order is placed after its sender gave up on it).
     */
    public static FaultScenario slowerThanTimeout(FaultVenue venue) {
        return new FaultScenario("answers slower than the time-out", venue, (sim, n) -> {
            Duration slow = FaultRun.REQUEST_TIMEOUT.multipliedBy(3).dividedBy(2);
            // The order path first, and the rest only once an order has reached the simulator under
            // that latency: slowing every path at once let the gateway fall DOWN (and drop orders)
            // before any order was sent into the slow stretch, about one run in fifteen.
            sim.faults().path(venue.orderPath()).latency(slow);
            awaitOrdersReceived(sim, venue, sim.received(venue.orderPath()) + 2);
            venue.getPaths().forEach(p -> sim.faults().path(p).latency(slow));
            Thread.sleep(slowStretch(n).toMillis());
            venue.getPaths().forEach(p -> sim.faults().path(p).latency(Duration.ZERO));
            sim.faults().path(venue.orderPath()).latency(Duration.ZERO);
        }, FAILING);
    }

    /** 200 answers whose body is not JSON, after the work was done. */
    public static FaultScenario malformedJson(FaultVenue venue) {
        return new FaultScenario("malformed JSON", venue, (sim, n) -> {
            int burst = burst(n);
            for (String path : venue.getPaths()) {
                sim.faults().on("GET", path).malformedJson(burst);
            }
            sim.faults().on("POST", venue.orderPath()).malformedJson(burst);
        }, FAILING);
    }

    /** Answers cut in half (Content-Length matching), after the work was done. */
    public static FaultScenario truncatedJson(FaultVenue venue) {
        return new FaultScenario("truncated JSON", venue, (sim, n) -> {
            int burst = burst(n);
            for (String path : venue.getPaths()) {
                sim.faults().on("GET", path).truncatedJson(burst);
            }
            sim.faults().on("POST", venue.orderPath()).truncatedJson(burst);
        }, FAILING);
    }

    /** The simulator stopped (every connection dropped) and started again on the same port a second later. */
    public static FaultScenario simulatorRestarted(FaultVenue venue) {
        return new FaultScenario("simulator stopped and restarted", venue, (sim, n) -> {
            sim.stop();
            Thread.sleep(outage(n).toMillis());
            sim.start();
        }, FAILING);
    }

    /** How many faults a burst puts on each path: 2% of the load, at least 10. */
    static int burst(int requests) {
        return Math.max(10, requests / 50);
    }

    /** Waits (at most 30 s) until the simulator has received {@code count} requests on the order path. */
    private static void awaitOrdersReceived(SimExchange sim, FaultVenue venue, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sim.received(venue.orderPath()) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no order reached the simulator in 30 s (" + venue.orderPath() + ")");
            }
            Thread.sleep(1);
        }
    }

    private static Duration slowStretch(int requests) {
        return requests >= 5_000 ? Duration.ofSeconds(3) : Duration.ofMillis(1500);
    }

    private static Duration outage(int requests) {
        return requests >= 5_000 ? Duration.ofSeconds(1) : Duration.ofMillis(500);
    }

    private static void refuseAll(FaultVenue venue, SimExchange sim, int status) {
        for (String path : venue.getPaths()) {
            sim.faults().on("GET", path).statuses(repeat(status, REFUSALS_PER_PATH));
        }
        sim.faults().on("POST", venue.orderPath()).statuses(repeat(status, REFUSALS_PER_PATH));
    }

    private static int[] repeat(int status, int n) {
        int[] codes = new int[n];
        java.util.Arrays.fill(codes, status);
        return codes;
    }

    private static List<FaultStep> alternate(FaultStep a, FaultStep b, int n) {
        List<FaultStep> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(i % 2 == 0 ? a : b);
        }
        return steps;
    }

    @Override
    public String toString() {
        return venue.exchange() + ": " + name;
    }
}
