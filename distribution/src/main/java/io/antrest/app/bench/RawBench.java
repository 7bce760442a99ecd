package io.antrest.app.bench;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The yardstick: bare HttpClient 5 classic, a pooled connection manager with as many connections
 * as the pipeline has sessions, one thread per connection, each request signed by hand (HMAC-SHA256
 * of the query, one {@link Mac} per thread) the Binance way. No queue, no callbacks, no JSON parse:
 * only the answer's bytes are read.
 */
public final class RawBench {
    private final Target target;
    private final String path;
    private final boolean signed;

    /** For this target; only the Binance dialect is signed by hand. */
    public RawBench(Target target, String endpoint) {
        if (!target.exchange().equals("binance")) {
            throw new IllegalArgumentException("--raw signs requests by hand the Binance way only; use --exchange binance");
        }
        this.target = target;
        switch (endpoint) {
            case "account" -> {
                path = "/api/v3/account";
                signed = true;
            }
            case "ping" -> {
                path = "/api/v3/ping";
                signed = false;
            }
            default -> throw new IllegalArgumentException("--endpoint is '" + endpoint + "'; give account or ping");
        }
    }

    /** Runs {@code warmup} uncounted requests, then {@code requests} counted ones. */
    public BenchResult run(int sessions, int requests, int warmup, PrintWriter err, boolean progress) throws Exception {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(sessions).setMaxConnPerRoute(sessions).build();
        try (CloseableHttpClient http = HttpClients.custom().setConnectionManager(pool)
                .disableAutomaticRetries().disableRedirectHandling().build()) {
            // the warm-up takes every branch the counted requests take (see PipelineBench)
            drive(http, sessions, warmup, new long[warmup], new LongAdder());
            LongAdder done = new LongAdder();
            try (Progress bar = Progress.start(err, "raw     ", requests, done::sum, progress)) {
                return drive(http, sessions, requests, new long[requests], done);
            }
        }
    }

    private BenchResult drive(CloseableHttpClient http, int sessions, int n, long[] latencies, LongAdder progress)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder errors = new LongAdder();
        Thread[] threads = new Thread[sessions];
        long cpu = BenchResult.processCpuNanos();
        long start = System.nanoTime();
        for (int t = 0; t < sessions; t++) {
            threads[t] = new Thread(() -> {
                Mac mac = mac();
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    long sent = System.nanoTime();
                    try {
                        int code = http.execute(get(mac), response -> {
                            EntityUtils.toByteArray(response.getEntity());
                            return response.getCode();
                        });
                        if (code / 100 == 2) {
                            ok.increment();
                        } else {
                            failed.increment();
                        }
                    } catch (IOException | RuntimeException e) {
                        errors.increment();
                    }
                    if (latencies != null) {
                        latencies[i] = System.nanoTime() - sent;
                    }
                    if (progress != null) {
                        progress.increment();
                    }
                }
            }, "antrest-bench-raw-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double[] p = latencies != null ? BenchResult.percentiles(latencies, n) : new double[] {0, 0};
        return new BenchResult("raw", n, ok.sum(), failed.sum(), errors.sum(), 0, secs, p[0], p[1], BenchResult.processCpuNanos() - cpu);
    }

    private HttpGet get(Mac mac) {
        String uri = target.baseUrl() + path;
        if (signed) {
            String query = "recvWindow=5000&timestamp=" + System.currentTimeMillis();
            String signature = HexFormat.of().formatHex(mac.doFinal(query.getBytes(StandardCharsets.US_ASCII)));
            uri = uri + "?" + query + "&signature=" + signature;
        }
        HttpGet get = new HttpGet(uri);
        get.addHeader("X-MBX-APIKEY", target.apiKey());
        return get;
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(target.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
