package io.antrest.app;

import io.antrest.app.bench.BenchResult;
import io.antrest.app.bench.PipelineBench;
import io.antrest.app.bench.RawBench;
import io.antrest.app.bench.Target;
import io.antrest.core.CountBound;
import io.antrest.core.Redactor;
import io.antrest.core.RestClient;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.BudgetSharing;
import io.antrest.sim.SimExchange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code antrest bench}: the throughput and latency of the whole pipeline against any server
 * speaking the exchange's dialect (the built-in simulator by default), and of bare HttpClient 5
 * with hand-signed requests for comparison. The last line is always
 * {@code requests=N ok=N failed=N errors=N dropped=N secs=S rps=R p50_ms=X p99_ms=Y cpu_us_per_request=C}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the full pipeline (queue, workers, signing, HTTP, JSON, callbacks) against a server",
                "speaking the exchange's dialect: the built-in simulator unless --url is given.",
                "--raw measures bare HttpClient 5 with hand-signed requests; --compare runs both in the same run;",
                "--metrics runs the pipeline without and with Micrometer meters and prints their cost.",
                "--memory N queues N requests at once and reports the heap they take.",
                "The last line: requests=N ok=N failed=N errors=N dropped=N secs=S rps=R p50_ms=X p99_ms=Y cpu_us_per_request=C"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", description = "the server (default: the simulator, started in this process)")
    String url;

    @Option(names = "--exchange", defaultValue = "binance", description = "the dialect (default: ${DEFAULT-VALUE})")
    String exchange;

    @Option(names = "--endpoint", defaultValue = "account",
            description = "account (signed GET /api/v3/account) or ping (default: ${DEFAULT-VALUE})")
    String endpoint;

    @Option(names = "--sessions", defaultValue = "8", description = "workers and connections (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--requests", defaultValue = "100000", description = "requests counted (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--warmup", defaultValue = "5000", description = "requests sent first, not counted (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--raw", description = "measure bare HttpClient 5 with hand-signed requests instead")
    boolean raw;

    @Option(names = "--compare", description = "measure the pipeline and bare HttpClient 5 in the same run, and their ratio")
    boolean compare;

    @Option(names = "--metrics", description = {"measure the pipeline without meters and with them in a Prometheus registry"
            + " (as antrest run serves them), in the same run: two warm-up rounds of each, then four counted rounds of each,"
            + " interleaved; and what the meters cost"})
    boolean metrics;

    @Option(names = "--memory", paramLabel = "N", description = "queue N requests at once, report the heap they take, then answer them all")
    Integer memory;

    @Option(names = "--api-key", paramLabel = "K", description = "the API key for --url (default: the simulator's demo key)")
    String apiKey;

    @Option(names = "--secret-env", paramLabel = "VAR", description = "the environment variable holding the secret for --url")
    String secretEnv;

    @Option(names = "--passphrase-env", paramLabel = "VAR",
            description = "the environment variable holding the API key's passphrase for --url (okx)")
    String passphraseEnv;

    @Option(names = "--budget", paramLabel = "URL",
            description = {"spend the exchange plugin's rate-limit buckets before every request, as a gateway does:",
                    "local, or redis://HOST:PORT[/DB] shared by every process on the same key (default: no budget)"})
    String budget;

    @Option(names = "--budget-fallback", paramLabel = "F",
            description = "with a Redis --budget: the fraction of every limit kept to while Redis is unreachable (default: 0.25)")
    Double budgetFallback;

    @Option(names = "--budget-lease", paramLabel = "F",
            description = "with a Redis --budget: the fraction of a limit taken ahead from Redis (default: 0.02; 0: a round trip per request)")
    Double budgetLease;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "an exchange plugin option, repeatable, e.g. --option limit_scale=5 (okx, bitmex)")
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>();

    @Option(names = "--io-threads", paramLabel = "N",
            description = "the pipeline's I/O threads (default: one per core, at most --sessions); 0: a blocking thread per session")
    Integer ioThreads;

    private PipelineBench pipeline(Target target, BudgetSharing sharing) {
        PipelineBench p = new PipelineBench(target, endpoint, sharing, options);
        return ioThreads == null ? p : p.ioThreads(RestClientConfig.IO_THREADS.checkInt(ioThreads));
    }

    /** The most requests (or warm-up requests) one run sends: a hundred million. */
    static final int MAX_REQUESTS = 100_000_000;

    private static final CountBound SESSIONS = new CountBound("--sessions", RestClient.SESSIONS.min(),
            RestClient.SESSIONS.max(), "how many workers send the requests at once");
    private static final CountBound REQUESTS = new CountBound("--requests", 1, MAX_REQUESTS, "how many requests are timed");
    private static final CountBound WARMUP = new CountBound("--warmup", 0, MAX_REQUESTS,
            "how many requests are sent before timing starts");
    private static final CountBound MEMORY = new CountBound("--memory", 1, RestClientConfig.QUEUE_CAPACITY.max(),
            "how many requests are queued at once to measure memory");

    /**
     * The pipeline without meters and with them: two rounds of each first, not counted (the JIT
     * warms up over several rounds in one process), then four counted rounds of each in the order
     * without, with, with, without, twice (so that a drift of the machine or of the JIT falls on
     * both alike), then the means and what the meters cost.
     */
    private static final int WARM_ROUNDS = 4;

    private BenchResult metricsCost(PipelineBench bench, PrintWriter out, PrintWriter err, boolean terminal)
            throws InterruptedException {
        boolean[] order = {false, true, false, true, false, true, true, false, false, true, true, false};
        double[] rps = new double[2];
        double[] cpu = new double[2];
        double[] p50 = new double[2];
        double[] p99 = new double[2];
        BenchResult last = null;
        for (int round = 0; round < order.length; round++) {
            boolean counted = round >= WARM_ROUNDS;
            int with = order[round] ? 1 : 0;
            PrometheusMeterRegistry registry = order[round] ? PrometheusRegistry.create() : null;
            last = bench.run(sessions, requests, warmup, err, terminal, registry);
            if (registry != null) {
                registry.close();
            }
            out.printf(Locale.ROOT, "%-17s %s%s%n", last.mode(), last.line(),
                    counted ? "" : " (warm-up round, not counted)");
            out.flush();
            if (counted) {
                rps[with] += last.rps() / 4;
                cpu[with] += last.cpuMicrosPerRequest() / 4;
                p50[with] += last.p50Millis() / 4;
                p99[with] += last.p99Millis() / 4;
            }
        }
        out.printf(Locale.ROOT, "metrics cost: rps %.0f -> %.0f (%+.1f%%), cpu_us_per_request %.1f -> %.1f (%+.1f%%),"
                        + " p50_ms %.3f -> %.3f, p99_ms %.3f -> %.3f (means of 4 counted rounds each)%n",
                rps[0], rps[1], rps[0] > 0 ? (rps[1] / rps[0] - 1) * 100 : 0, cpu[0], cpu[1],
                cpu[0] > 0 ? (cpu[1] / cpu[0] - 1) * 100 : 0, p50[0], p50[1], p99[0], p99[1]);
        return last;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = SESSIONS.problem(sessions)
                .or(() -> REQUESTS.problem(requests))
                .or(() -> WARMUP.problem(warmup))
                .or(() -> memory == null ? Optional.empty() : MEMORY.problem(memory))
                .orElse(raw && compare ? "give --raw or --compare, not both"
                        : metrics && (raw || compare || memory != null) ? "--metrics measures the pipeline alone: leave out"
                          + " --raw, --compare and --memory"
                        : raw && budget != null ? "--budget is spent by the pipeline: leave out --raw"
                        : budget == null && (budgetFallback != null || budgetLease != null)
                                ? "--budget-fallback and --budget-lease go with --budget redis://HOST:PORT" : null);
        if (problem != null) {
            err.println(problem);
            return 2;
        }
        SimExchange sim = null;
        try {
            Target target;
            if (url == null) {
                sim = SimExchange.builder().port(0).binanceWeightLimit(Integer.MAX_VALUE / 2)
                        .bitmexRateLimit(Integer.MAX_VALUE / 2).okxRateLimitScale(1_000_000).build().start();
                target = switch (exchange) {
                    case "binance" -> new Target(exchange, sim.binanceUrl(), SimExchange.DEMO_BINANCE_API_KEY,
                            SimExchange.DEMO_BINANCE_SECRET, Optional.empty());
                    case "bitmex" -> new Target(exchange, sim.bitmexUrl(), SimExchange.DEMO_BITMEX_API_KEY,
                            SimExchange.DEMO_BITMEX_SECRET, Optional.empty());
                    case "okx" -> new Target(exchange, sim.okxUrl(), SimExchange.DEMO_OKX_API_KEY, SimExchange.DEMO_OKX_SECRET,
                            Optional.of(SimExchange.DEMO_OKX_PASSPHRASE));
                    default -> throw new IllegalArgumentException("--exchange is '" + exchange + "'; the simulator speaks"
                            + " binance, bitmex and okx");
                };
            } else {
                String secret = secretEnv != null ? System.getenv(secretEnv) : null;
                if (apiKey == null || secret == null) {
                    err.println("--url needs --api-key and --secret-env VAR (an environment variable holding the secret);"
                            + " expect the exchange to rate-limit a benchmark: use a server of your own");
                    return 2;
                }
                Optional<String> passphrase = Optional.empty();
                if (passphraseEnv != null) {
                    String p = System.getenv(passphraseEnv);
                    if (p == null || p.isBlank()) {
                        err.println("the environment variable " + passphraseEnv + " (--passphrase-env) is not set");
                        return 2;
                    }
                    passphrase = Optional.of(p);
                }
                target = new Target(exchange, url, apiKey, secret, passphrase);
            }
            BudgetSharing sharing = null;
            if (budget != null) {
                sharing = BudgetSharing.parse(budget);
                if (budgetFallback != null) {
                    sharing = sharing.withFallback(budgetFallback);
                }
                if (budgetLease != null) {
                    sharing = sharing.withLease(budgetLease);
                }
            }
            boolean terminal = System.console() != null;
            out.printf(Locale.ROOT, "# antrest bench %s %s at %s: %d sessions, %d requests (+%d warm-up); %d cores, Java %s, %s %s, %s%n",
                    exchange, endpoint, (url == null ? "the built-in simulator" : Redactor.url(url))
                            + (sharing == null ? "" : ", budget " + sharing), sessions, requests, warmup,
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("os.name"),
                    System.getProperty("os.arch"), Instant.now().truncatedTo(ChronoUnit.SECONDS));
            out.flush();

            if (memory != null) {
                PipelineBench.MemoryResult m = pipeline(target, sharing).queued(memory, sessions, 600);
                out.println(m.line());
                out.flush();
                return m.answered() == memory ? 0 : 1;
            }
            BenchResult last;
            if (metrics) {
                last = metricsCost(pipeline(target, sharing), out, err, terminal);
            } else if (raw) {
                last = new RawBench(target, endpoint).run(sessions, requests, warmup, err, terminal);
            } else {
                BenchResult pipeline = pipeline(target, sharing).run(sessions, requests, warmup, err, terminal);
                last = pipeline;
                if (compare) {
                    BenchResult bare = new RawBench(target, endpoint).run(sessions, requests, warmup, err, terminal);
                    out.println("pipeline " + pipeline.line());
                    out.println("raw      " + bare.line());
                    out.printf(Locale.ROOT, "ratio pipeline/raw rps=%.3f%n", bare.rps() > 0 ? pipeline.rps() / bare.rps() : 0);
                    out.printf(Locale.ROOT, "cpu_us_per_request pipeline=%.1f raw=%.1f (this process's CPU time%s)%n",
                            pipeline.cpuMicrosPerRequest(), bare.cpuMicrosPerRequest(),
                            url == null ? ", the simulator's included" : "");
                }
            }
            out.println(last.line());
            out.flush();
            return 0;
        } catch (IllegalArgumentException | io.antrest.gateway.spi.GatewaySettingsException e) {
            err.println(e.getMessage());
            return 2;
        } finally {
            if (sim != null) {
                sim.close();
            }
        }
    }
}
