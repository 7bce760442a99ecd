package io.antrest.peers;

import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.service.BinanceAccountServiceRaw;
import si.mazi.rescu.HttpStatusExceptionSupport;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * XChange's side of the peers comparison: signed {@code GET /api/v3/account} through XChange's
 * Binance account service, N threads in a closed loop, and one result line in antrest bench's format.
 *
 * <pre>
 * BINANCE_SECRET=... java -jar target/xchange-bench.jar --url http://127.0.0.1:PORT --api-key KEY \
 *     --secret-env BINANCE_SECRET --sessions 8 --requests 50000 --warmup 5000
 * </pre>
 *
 * <p>{@code BinanceAccountServiceRaw.account()} is XChange's cheapest public call that signs and
 * sends that request: it builds the typed {@code BinanceAccountInformation} and nothing more
 * ({@code getAccountInfo()} adapts it again into XChange's generic wallets). XChange sends through
 * rescu, which uses the JDK's {@code HttpURLConnection}: that keeps connections alive, but pools at
 * most {@code http.maxConnections} idle ones per server (JDK default 5), so it is raised to the
 * number of sessions here (unless given with -D), or with eight threads the connections beyond five
 * would be closed and opened again over and over.
 */
public final class XChangeBench {
    private XChangeBench() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        String secretEnv = args.getOrDefault("secret-env", "BINANCE_SECRET");
        String secret = System.getenv(secretEnv);
        if (secret == null || !args.containsKey("url") || !args.containsKey("api-key")) {
            System.err.println("xchange-bench: give --url and --api-key, and the secret in $" + secretEnv);
            System.exit(2);
        }
        int sessions = Integer.parseInt(args.getOrDefault("sessions", "8"));
        int requests = Integer.parseInt(args.getOrDefault("requests", "100000"));
        int warmup = Integer.parseInt(args.getOrDefault("warmup", "5000"));
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Math.max(5, sessions)));
        }

        BinanceAccountServiceRaw account = accountService(URI.create(args.get("url")), args.get("api-key"), secret);
        drive(account, sessions, warmup, null);
        long[] latencies = new long[requests];
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        long[] counts = drive(account, sessions, requests, latencies);
        double secs = (System.nanoTime() - start) / 1e9;
        long cpuNanos = processCpuNanos() - cpu;
        Arrays.sort(latencies);
        System.out.println(String.format(Locale.ROOT, "requests=%d ok=%d failed=%d errors=%d dropped=0 secs=%.3f rps=%.0f"
                        + " p50_ms=%.3f p99_ms=%.3f cpu_us_per_request=%.1f",
                requests, counts[0], counts[1], counts[2], secs, requests / secs,
                percentile(latencies, 0.50), percentile(latencies, 0.99), cpuNanos / 1e3 / requests));
    }

    /** XChange's Binance exchange pointed at {@code url} (plain http allowed), without any remote set-up call. */
    private static BinanceAccountServiceRaw accountService(URI url, String apiKey, String secret) {
        ExchangeSpecification spec = new BinanceExchange().getDefaultExchangeSpecification();
        spec.setSslUri(url.getScheme() + "://" + url.getAuthority());
        spec.setHost(url.getHost());
        spec.setPort(url.getPort());
        spec.setApiKey(apiKey);
        spec.setSecretKey(secret);
        // No exchangeInfo/asset-detail calls at start: they would hit paths the fixed server lacks.
        spec.setShouldLoadRemoteMetaData(false);
        // XChange's defaults already, said explicitly: no client-side rate limiter, no retries.
        spec.getResilience().setRateLimiterEnabled(false);
        spec.getResilience().setRetryEnabled(false);
        Exchange exchange = ExchangeFactory.INSTANCE.createExchange(spec);
        return (BinanceAccountServiceRaw) exchange.getAccountService();
    }

    /** n calls over {@code sessions} threads; returns {ok, failed, errors}. */
    private static long[] drive(BinanceAccountServiceRaw account, int sessions, int n, long[] latencies)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder errors = new LongAdder();
        Thread[] threads = new Thread[sessions];
        for (int t = 0; t < sessions; t++) {
            threads[t] = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    long sent = System.nanoTime();
                    try {
                        account.account();
                        ok.increment();
                    } catch (HttpStatusExceptionSupport e) {
                        failed.increment();
                        firstError(failed.sum() + errors.sum(), e);
                    } catch (Exception e) {
                        errors.increment();
                        firstError(failed.sum() + errors.sum(), e);
                    }
                    if (latencies != null) {
                        latencies[i] = System.nanoTime() - sent;
                    }
                }
            }, "xchange-bench-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return new long[] {ok.sum(), failed.sum(), errors.sum()};
    }

    private static void firstError(long count, Exception e) {
        if (count == 1) {
            System.err.println("xchange-bench: first error: " + e);
        }
    }

    /** The same rule as antrest bench: the value at floor(n * q) of the sorted latencies, in ms. */
    private static double percentile(long[] sortedNanos, double q) {
        int n = sortedNanos.length;
        return n == 0 ? 0 : sortedNanos[(int) Math.min(n - 1, Math.floor(n * q))] / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
