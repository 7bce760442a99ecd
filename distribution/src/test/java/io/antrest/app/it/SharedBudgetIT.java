package io.antrest.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.antrest.sim.LimitWindow;
import io.antrest.sim.SimExchange;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several real {@code bin/antrest bench} processes on one OKX key share its limit through a real
 * Redis ({@code --budget redis://...}): against one simulator whose Get balance limit is 30 per
 * two seconds (OKX's 10, scaled by 3 at the simulator and in the plugin), the simulator refuses
 * nothing (0 × 429, 0 × 418), allows no more than the limit in any window, and the processes
 * together use at least 80% of it; one process alone uses the whole of it; when Redis is killed
 * in the middle, nothing is lost or sent over the limit, each process warns once, and the shared
 * budget resumes when Redis is back. A last run with {@code --budget local} shows what the shared
 * budget prevents: the simulator refuses. The figures are printed and written to
 * {@code target/shared-budget-report.txt}.
 */
class SharedBudgetIT extends InstalledCopy {
    /** The factor on OKX's limits, at the simulator and in the plugin ({@code --option limit_scale}). */
    static final int SCALE = 3;
    /** OKX, Trading Account > Get balance: "10 requests per 2 seconds", rule User ID; scaled. */
    private static final int LIMIT = 10 * SCALE;
    private static final Duration WINDOW = Duration.ofSeconds(2);
    /** The share of the limit processes sharing it must use together in the windows all of them were busy. */
    private static final double LEAST_USE = 0.80;
    /** Only a hang takes this long: every scenario's processes end within about 15 s. */
    private static final int SAFETY_SECONDS = 60;
    /** Commands the test itself sends Redis after it starts, before it counts them: its PING. */
    private static final long OWN_COMMANDS = 1;
    private static final String SECRET_ENV = "ANTREST_IT_OKX_SECRET";
    private static final String PASSPHRASE_ENV = "ANTREST_IT_OKX_PASSPHRASE";
    private static final SharedBudgetReport REPORT = new SharedBudgetReport();

    private SimExchange sim;
    private LoopbackRedis redis;
    private final List<BenchProcess> started = new ArrayList<>();
    /** What happened in the scenario running, and when, for the report. */
    private final List<String> events = new ArrayList<>();
    private long t0;

    @BeforeEach
    void startTheExchangeAndRedis() throws Exception {
        sim = SimExchange.builder().port(0).okxRateLimitScale(SCALE).build().start();
        redis = LoopbackRedis.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        started.forEach(BenchProcess::kill);
        try {
            redis.close();
        } finally {
            sim.close();
        }
    }

    @AfterAll
    static void writeTheReport() throws Exception {
        if (REPORT.isEmpty()) {
            return;
        }
        Path file = Path.of("target", "shared-budget-report.txt");
        REPORT.write(file);
        System.out.println(System.lineSeparator() + "Shared budget report (also in " + file + "):" + System.lineSeparator()
                + REPORT.render());
    }

    @Test
    void fourProcessesOnOneKeyKeepTogetherToItsLimitAndUseMostOfIt() throws Exception {
        // 4 x 60 requests at 30 per 2 s: about 16 s of requests, seven windows and more, with room for the processes'
        // start-up, a few tenths of a second apart on an idle machine, seconds on a crowded one
        run("four at once", 4, 60, shared(), null).assertKeptToTheLimitAndUsedMostOfIt();
    }

    @Test
    void oneProcessAloneUsesTheWholeBudget() throws Exception {
        // 110 requests at 30 per 2 s: about 7 s, four windows and more
        run("one alone", 1, 110, shared(), null).assertKeptToTheLimitAndUsedMostOfIt();
    }

    @Test
    void redisKilledInTheMiddleLosesNothingSendsNothingOverAndTheSharedBudgetResumesWhenItIsBack() throws Exception {
        String url = redis.url();
        Instant[] killedAndBack = new Instant[2];
        // 4 x 55 requests: about 3 s shared, 3 s at a quarter of the limit each, then shared again for 5 s and more
        Scenario run = run("Redis killed 3 s after all connected, back 3 s later", 4, 55, shared("--budget-fallback", "0.25"),
                processes -> {
                    // every process shares through Redis before it goes (its budget connected and subscribed to the
                    // pauses): a process that a crowded machine started late would otherwise connect only once it is
                    // back, and never see it gone
                    redis.awaitSubscribers(processes.size(), SAFETY_SECONDS);
                    mark("all connected");
                    pause(Duration.ofSeconds(3));
                    redis.stop();
                    killedAndBack[0] = Instant.now();
                    mark("Redis killed");
                    pause(Duration.ofSeconds(3));
                    redis.startAgain();
                    killedAndBack[1] = Instant.now();
                    mark("back");
                });

        run.assertNothingLostAndNothingRefused();
        assertThat(run.redisCommands()).as("commands the restarted Redis processed: the processes came back to it; %s", run)
                .isGreaterThan(OWN_COMMANDS);
        String unreachable = "shared budget " + url + "/0 unreachable";
        String again = "shared budget " + url + "/0 reachable again";
        for (BenchProcess p : run.processes()) {
            List<String> warnings = p.err().lines().filter(l -> l.contains(unreachable)).toList();
            assertThat(warnings).as("%s warns at most once that Redis is unreachable, naming it:%n%s", p.name(), p.all())
                    .hasSizeLessThanOrEqualTo(1).allSatisfy(line -> assertThat(line).contains("WARN"));
            long said = Math.max(linesWith(p.err(), again), linesWith(p.log(), again));
            assertThat(said).as("%s says at most once, on standard error or in its log, that Redis is back", p.name())
                    .isLessThanOrEqualTo(1);
            // a process that ran a window past an event has spent its budget since: it must have noticed
            if (p.finished().isAfter(killedAndBack[0].plus(WINDOW))) {
                assertThat(warnings).as("%s ran on after Redis was killed: it warns once:%n%s%n--- log:%n%s", p.name(), p.all(), p.log()).hasSize(1);
            }
            if (p.finished().isAfter(killedAndBack[1].plus(WINDOW))) {
                assertThat(said).as("%s ran on after Redis came back: it says so once:%n%s%n--- log:%n%s", p.name(), p.all(),
                        p.log()).isEqualTo(1);
            }
        }
        assertThat(run.processes()).as("processes still running a window after Redis came back (raise the requests if"
                + " none); %s", run).anyMatch(p -> p.finished().isAfter(killedAndBack[1].plus(WINDOW)));
    }

    /**
     * The control: two processes on one key with {@code --budget local} (each keeps to its own
     * budget, none shared) send more than the limit, and the simulator refuses what is over,
     * window by window, with 429. What the other tests prove absent is seen here, so the
     * simulator's record is known to catch it. Two are enough to go over (any two that overlap
     * do), and two JVMs start on two cores in about half the time four take.
     */
    @Test
    void withoutASharedBudgetTwoProcessesGoOverTheLimitAndTheSimulatorRefuses() throws Exception {
        // Each process keeps to the limit with a budget of its own (--budget local): any two that overlap go over it.
        // 90 requests at 30 per 2 s: each process sends in three windows and more, so the two overlap even when
        // their start-up is seconds apart.
        List<String> own = List.of("--budget", "local", "--option", "limit_scale=" + SCALE);
        Scenario run = run("two, nothing shared (control)", 2, 90, own, null);

        assertThat(run.answers429()).as("429s; %s", run).isPositive();
        assertThat(run.windows()).as("windows with refusals; %s", run).anySatisfy(w -> assertThat(w.refused()).isPositive());
        assertThat(run.windows()).allSatisfy(w -> assertThat(w.allowed()).isLessThanOrEqualTo(w.limit()));
    }

    /** What the test does while the processes run, once each has printed its first line. */
    @FunctionalInterface
    private interface During {
        void accept(List<BenchProcess> processes) throws Exception;
    }

    /**
     * Starts {@code processes} bench processes together on the demo OKX key, each sending
     * {@code requests} Get balance requests on two sessions with {@code budgetArgs} added, runs
     * {@code during} while they run, waits for all, reports the scenario and returns its figures.
     */
    private Scenario run(String name, int processes, int requests, List<String> budgetArgs, During during) throws Exception {
        List<String> args = new ArrayList<>(List.of("--exchange", "okx", "--url", sim.okxUrl(),
                "--api-key", SimExchange.DEMO_OKX_API_KEY, "--secret-env", SECRET_ENV, "--passphrase-env", PASSPHRASE_ENV,
                "--endpoint", "account", "--sessions", "2", "--warmup", "0", "--requests", Integer.toString(requests)));
        args.addAll(budgetArgs);
        Map<String, String> env = Map.of(SECRET_ENV, SimExchange.DEMO_OKX_SECRET, PASSPHRASE_ENV, SimExchange.DEMO_OKX_PASSPHRASE);
        events.clear();
        t0 = System.nanoTime();
        List<BenchProcess> ps = new ArrayList<>();
        for (int i = 1; i <= processes; i++) {
            BenchProcess p = BenchProcess.start(antrest, "p" + i, dir.resolve("p" + i), env, args);
            started.add(p);
            ps.add(p);
        }
        awaitStarted(ps);
        mark("all started");
        Throwable duringFailed = null;
        if (during != null) {
            try {
                during.accept(ps);
            } catch (Exception | AssertionError e) {
                // still wait for the processes and report what they did
                duringFailed = e;
            }
        }
        List<Integer> exits = new ArrayList<>();
        for (BenchProcess p : ps) {
            exits.add(p.await(SAFETY_SECONDS));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Scenario scenario = new Scenario(name, requests, ps, exits, sim.okxWindows(SimExchange.DEMO_OKX_API_KEY, "balance"),
                sim.answers(429), sim.answers(418), redis.commandsProcessed());
        REPORT.add(new SharedBudgetReport.Row(name, processes, requests, LIMIT, scenario.windows(), scenario.busy(),
                scenario.answers429(), scenario.answers418(), scenario.redisCommands(),
                ps.stream().map(p -> p.summaryCount("ok")).toList(),
                ps.stream().map(p -> p.summaryCount("failed") + "/" + p.summaryCount("errors") + "/" + p.summaryCount("dropped"))
                        .toList(),
                String.join(", ", events), seconds));
        if (duringFailed instanceof Exception e) {
            throw e;
        } else if (duringFailed instanceof AssertionError e) {
            throw e;
        }
        for (BenchProcess p : ps) {
            String everything = p.out() + p.err() + p.log();
            assertThat(everything).as("%s never shows the secret or the passphrase", p.name())
                    .doesNotContain(SimExchange.DEMO_OKX_SECRET).doesNotContain(SimExchange.DEMO_OKX_PASSPHRASE);
        }
        return scenario;
    }

    /** The figures of one scenario: its processes and how they ended, and the simulator's record. */
    private record Scenario(String name, int requests, List<BenchProcess> processes, List<Integer> exits,
            List<LimitWindow> windows, long answers429, long answers418, long redisCommands) {

        /**
         * The windows in which every process was busy: wholly between the last one's first line
         * and the first one's summary, and neither the first nor the last window in which
         * requests arrived (those two are partial).
         */
        List<LimitWindow> busy() {
            if (windows.size() < 3 || processes.stream().anyMatch(p -> p.started() == null || p.finished() == null)) {
                return List.of();
            }
            Instant from = processes.stream().map(BenchProcess::started).max(Comparator.naturalOrder()).orElseThrow();
            Instant to = processes.stream().map(BenchProcess::finished).min(Comparator.naturalOrder()).orElseThrow();
            return windows.subList(1, windows.size() - 1).stream()
                    .filter(w -> !w.windowStart().isBefore(from) && !w.windowStart().plus(WINDOW).isAfter(to)).toList();
        }

        double usedShare() {
            return SharedBudgetReport.usedShare(busy());
        }

        /** Seconds between the first process's first line and the last one's. */
        double startSpread() {
            List<Instant> starts = processes.stream().map(BenchProcess::started).filter(Objects::nonNull).sorted().toList();
            return starts.isEmpty() ? 0 : Duration.between(starts.get(0), starts.get(starts.size() - 1)).toMillis() / 1e3;
        }

        void assertNothingLostAndNothingRefused() {
            for (int i = 0; i < processes.size(); i++) {
                BenchProcess p = processes.get(i);
                assertThat(exits.get(i)).as("%s exit code:%n%s", p.name(), p.all()).isZero();
                assertThat(p.summaryCount("ok")).as("%s: every request answered ok:%n%s", p.name(), p.all()).isEqualTo(requests);
            }
            assertThat(answers429).as("429s the simulator answered; %s", this).isZero();
            assertThat(answers418).as("418s the simulator answered; %s", this).isZero();
            assertThat(windows).as("the simulator's windows; %s", this).isNotEmpty().allSatisfy(w -> {
                assertThat(w.allowed()).isLessThanOrEqualTo(LIMIT);
                assertThat(w.refused()).isZero();
            });
        }

        /**
         * Nothing lost or refused, and in the windows in which every process was busy the
         * processes together used at least {@link #LEAST_USE} of the limit.
         */
        void assertKeptToTheLimitAndUsedMostOfIt() {
            assertNothingLostAndNothingRefused();
            assertThat(redisCommands).as("commands Redis processed: the processes kept their budget there; %s", this)
                    .isGreaterThan(OWN_COMMANDS);
            assertThat(busy()).as("windows in which every process was busy (none when the first is done before the last"
                    + " starts: their start-up was %.1f s apart); %s", startSpread(), this).isNotEmpty();
            assertThat(usedShare()).as("the share of the limit the processes used together in those windows; %s", this)
                    .isGreaterThanOrEqualTo(LEAST_USE);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(name).append(": windows (start, limit, allowed, refused):");
            for (LimitWindow w : windows) {
                sb.append(String.format(Locale.ROOT, " %s %d/%d/%d", w.windowStart(), w.limit(), w.allowed(), w.refused()));
            }
            sb.append("; processes (first line .. summary):");
            for (BenchProcess p : processes) {
                sb.append(' ').append(p.name()).append(' ').append(p.started()).append(" .. ").append(p.finished());
            }
            return sb.append("; 429s ").append(answers429).append(", 418s ").append(answers418).toString();
        }
    }

    /** Waits until every process has printed its first line (the JVMs start on a few cores at once). */
    private static void awaitStarted(List<BenchProcess> processes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SAFETY_SECONDS);
        while (processes.stream().map(BenchProcess::started).anyMatch(Objects::isNull)) {
            for (BenchProcess p : processes) {
                if (p.started() == null && !p.isAlive()) {
                    throw new AssertionError(p.name() + " ended before it started:\n" + p.all());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the bench processes did not all start within " + SAFETY_SECONDS + " s");
            }
            pause(Duration.ofMillis(20));
        }
    }

    /** Notes an event of the running scenario with its time since the processes were started. */
    private void mark(String what) {
        events.add(String.format(Locale.ROOT, "%s %.1f s", what, (System.nanoTime() - t0) / 1e9));
    }

    private static long linesWith(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    private static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    /** {@code --budget} this test's Redis, {@code more}, and the plugin's limits scaled as the simulator's. */
    private List<String> shared(String... more) {
        List<String> args = new ArrayList<>(List.of("--budget", redis.url()));
        args.addAll(List.of(more));
        args.addAll(List.of("--option", "limit_scale=" + SCALE));
        return args;
    }
}
