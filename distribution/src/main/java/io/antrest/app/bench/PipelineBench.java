package io.antrest.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.Call;
import io.antrest.core.Callback;
import io.antrest.core.QueueFullException;
import io.antrest.core.Request;
import io.antrest.core.RequestDroppedException;
import io.antrest.core.Response;
import io.antrest.core.RestClient;
import io.antrest.monitor.micrometer.MicrometerMonitor;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.BudgetSharing;
import io.antrest.gateway.ExchangeBudget;
import io.antrest.gateway.GatewaySettings;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives antrest's whole pipeline: a {@link RestClient} with the exchange plugin's own signer,
 * its queue and workers, HTTP, the JSON parse of every answer and a callback per request, as a
 * closed loop with one request per session outstanding, as the raw yardstick has one per thread.
 */
public final class PipelineBench {
    private final Exchange exchange;
    private final String endpoint;
    private int ioThreads = -1;
    private final String exchangeName;
    private final GatewaySettings settings;

    /**
     * For this target; the exchange plugin is found with {@link ProviderRegistry#discover()}.
     *
     * @param budget  where the plugin's rate-limit buckets are kept, spent before every request as a
     *                gateway does (local, or shared through Redis); null for no budget at all
     * @param options the exchange plugin's options (e.g. {@code limit_scale})
     */
    public PipelineBench(Target target, String endpoint, BudgetSharing budget, Map<String, String> options) {
        ExchangeSettings.Builder ex = ExchangeSettings.builder().url(target.baseUrl()).credentials(target.credentials());
        options.forEach(ex::option);
        this.settings = budget == null ? null : GatewaySettings.builder().budget(budget).exchange(ex.build()).build();
        this.exchangeName = target.exchange();
        this.exchange = ProviderRegistry.discover().provider(target.exchange()).create(ex.build());
        this.endpoint = endpoint;
        request();
    }

    /** Runs the client with {@code n} I/O threads ({@link RestClientConfig#ioThreads()}; 0: a thread per session). */
    public PipelineBench ioThreads(int n) {
        this.ioThreads = n;
        return this;
    }

    /** A new request to the endpoint (each call its own, as a platform would make them). */
    Request request() {
        return switch (endpoint) {
            case "account" -> exchange.trading().account();
            case "ping" -> exchange.pingRequest();
            default -> throw new IllegalArgumentException("--endpoint is '" + endpoint + "'; give account or ping");
        };
    }

    private RestClient client(int queueCapacity, ExchangeBudget budget) {
        RestClientConfig.Builder config = RestClientConfig.builder().queueCapacity(queueCapacity).droppableSoftLimit(queueCapacity);
        if (ioThreads >= 0) {
            config.ioThreads(ioThreads);
        }
        RestClient.Builder b = RestClient.builder("bench").config(config.build())
                .signer(exchange.signer());
        if (budget != null) {
            b.budget(budget).listener(budget.feedback());
        }
        RestClient client = b.build();
        client.init(exchange.baseUrl());
        return client;
    }

    /** Runs {@code warmup} uncounted requests, then {@code requests} counted ones. */
    public BenchResult run(int sessions, int requests, int warmup, PrintWriter err, boolean progress) throws InterruptedException {
        return run(sessions, requests, warmup, err, progress, null);
    }

    /**
     * Runs {@code warmup} uncounted requests, then {@code requests} counted ones, with the client's
     * meters in {@code registry} as {@code antrest run} has them (none when null); with a registry the
     * result's mode is {@code pipeline+metrics}, and the registry is scraped once at the end.
     */
    public BenchResult run(int sessions, int requests, int warmup, PrintWriter err, boolean progress,
                           PrometheusMeterRegistry registry) throws InterruptedException {
        ExchangeBudget budget = settings == null ? null
                : ExchangeBudget.create("bench", exchangeName, exchange, Clock.systemUTC(), settings);
        RestClient client = client(Math.max(1000, sessions * 64), budget);
        MicrometerMonitor meters = registry == null ? null : MicrometerMonitor.bind(registry, client);
        client.start(sessions);
        try {
            // the warm-up takes every branch the counted requests take (timing, progress): a branch the JIT
            // never saw taken is compiled as a trap, and the first counted requests would pay to deoptimize it
            drive(client, sessions, warmup, new long[warmup], new LongAdder());
            LongAdder done = new LongAdder();
            String mode = registry == null ? "pipeline" : "pipeline+metrics";
            try (Progress bar = Progress.start(err, mode, requests, done::sum, progress)) {
                BenchResult r = drive(client, sessions, requests, new long[requests], done);
                if (registry != null && !registry.scrape().contains("antrest_requests_seconds_count")) {
                    throw new IllegalStateException("the registry holds no request timer: the meters were not bound");
                }
                return registry == null ? r : new BenchResult(mode, r.requests(), r.ok(), r.failed(), r.errors(), r.dropped(),
                        r.seconds(), r.p50Millis(), r.p99Millis(), r.cpuNanos());
            }
        } finally {
            if (meters != null) {
                meters.close();
            }
            client.stop();
            if (budget != null) {
                budget.close();
            }
        }
    }

    private BenchResult drive(RestClient client, int sessions, int n, long[] latencies, LongAdder progress)
            throws InterruptedException {
        Driver driver = new Driver(client, n, latencies, progress);
        long cpu = BenchResult.processCpuNanos();
        long start = System.nanoTime();
        // A closed loop: each answer's callback submits the next request, so the driver never parks
        // and wakes a thread per request; one request per session in flight, like the raw yardstick.
        for (int i = 0; i < Math.min(n, sessions); i++) {
            driver.submitNext();
        }
        driver.finished.await();
        double secs = (System.nanoTime() - start) / 1e9;
        double[] p = latencies != null ? BenchResult.percentiles(latencies, n) : new double[] {0, 0};
        return new BenchResult("pipeline", n, driver.ok.sum(), driver.failed.sum(), driver.errors.sum(), driver.dropped.sum(),
                secs, p[0], p[1], BenchResult.processCpuNanos() - cpu);
    }

    /** Submits requests one per answer until {@code n} have been sent, counting how they end. */
    private final class Driver {
        private final RestClient client;
        private final int n;
        private final long[] latencies;
        private final LongAdder progress;
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        final CountDownLatch finished;
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder dropped = new LongAdder();

        Driver(RestClient client, int n, long[] latencies, LongAdder progress) {
            this.client = client;
            this.n = n;
            this.latencies = latencies;
            this.progress = progress;
            this.finished = new CountDownLatch(n);
        }

        void submitNext() {
            int index = next.getAndIncrement();
            if (index >= n) {
                return;
            }
            long sent = System.nanoTime();
            client.addRequest(request(), new Callback() {
                @Override
                public void onSuccess(JsonNode data, Call call) {
                    ok.increment();
                    end();
                }

                @Override
                public void onFailed(int status, Response response, Call call) {
                    failed.increment();
                    end();
                }

                @Override
                public void onError(Throwable error, Call call) {
                    if (error instanceof RequestDroppedException || error instanceof QueueFullException) {
                        dropped.increment();
                    } else {
                        errors.increment();
                    }
                    end();
                }

                private void end() {
                    if (latencies != null) {
                        latencies[index] = System.nanoTime() - sent;
                    }
                    if (progress != null) {
                        progress.increment();
                    }
                    finished.countDown();
                    submitNext();
                }
            });
        }
    }

    /**
     * Queues {@code count} requests at once into a client whose workers have not started, measures
     * the heap they take (after a full collection, before and after), then lets them all run.
     */
    public MemoryResult queued(int count, int sessions, long timeoutSeconds) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        RestClient client = client(count, null);
        try {
            long before = usedAfterGc(memory);
            CountDownLatch answered = new CountDownLatch(count);
            LongAdder ok = new LongAdder();
            Callback callback = Callback.of((data, call) -> {
                ok.increment();
                answered.countDown();
            }, (status, response, call) -> answered.countDown(), (error, call) -> answered.countDown());
            for (int i = 0; i < count; i++) {
                client.addRequest(request(), callback);
            }
            long after = usedAfterGc(memory);
            int queued = client.queued();
            client.start(sessions);
            boolean all = answered.await(timeoutSeconds, TimeUnit.SECONDS);
            return new MemoryResult(count, queued, after - before, all ? count : count - answered.getCount(), ok.sum());
        } finally {
            client.stop();
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * What {@link #queued} measured.
     *
     * @param requests  requests queued
     * @param queued    how many the client held before its workers started
     * @param heapBytes the heap they took
     * @param answered  how many were answered afterwards
     * @param ok        how many of those were 2xx
     */
    public record MemoryResult(int requests, int queued, long heapBytes, long answered, long ok) {
        /** {@code queued=100000 heap_mib=28.5 answered=100000 ok=100000}. */
        public String line() {
            return String.format(java.util.Locale.ROOT, "queued=%d heap_mib=%.1f bytes_per_request=%d answered=%d ok=%d",
                    queued, heapBytes / 1048576.0, requests == 0 ? 0 : heapBytes / requests, answered, ok);
        }
    }
}
