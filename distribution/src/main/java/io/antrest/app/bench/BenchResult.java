package io.antrest.app.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one benchmark run measured: how the requests ended, how long the run took and the latency
 * percentiles (from each request's submission to its answer).
 *
 * @param mode      {@code pipeline} or {@code raw}
 * @param requests  requests counted (warm-up excluded)
 * @param ok        2xx answers
 * @param failed    non-2xx answers
 * @param errors    exceptions (transport, time-out, malformed answer)
 * @param dropped   refused by admission or a full queue
 * @param seconds   wall time of the counted requests
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 * @param cpuNanos  CPU time this process spent during the counted requests (all its threads)
 */
public record BenchResult(String mode, long requests, long ok, long failed, long errors, long dropped, double seconds,
                          double p50Millis, double p99Millis, long cpuNanos) {

    /** CPU time of this process per request, in microseconds. */
    public double cpuMicrosPerRequest() {
        return requests > 0 ? cpuNanos / 1e3 / requests : 0;
    }

    /** This process's CPU time so far, in nanoseconds, or 0 where the JVM cannot tell. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
    }

    /** Requests per second. */
    public double rps() {
        return seconds > 0 ? requests / seconds : 0;
    }

    /** The line {@code antrest bench} ends with (the CPU time is this process's, every thread's). */
    public String line() {
        return String.format(Locale.ROOT, "requests=%d ok=%d failed=%d errors=%d dropped=%d secs=%.3f rps=%.0f p50_ms=%.3f p99_ms=%.3f"
                        + " cpu_us_per_request=%.1f",
                requests, ok, failed, errors, dropped, seconds, rps(), p50Millis, p99Millis, cpuMicrosPerRequest());
    }

    /** The percentiles of latencies given in nanoseconds (sorted in place). */
    static double[] percentiles(long[] nanos, int count) {
        if (count == 0) {
            return new double[] {0, 0};
        }
        Arrays.sort(nanos, 0, count);
        return new double[] {nanos[(int) Math.min(count - 1, Math.floor(count * 0.50))] / 1e6,
                nanos[(int) Math.min(count - 1, Math.floor(count * 0.99))] / 1e6};
    }
}
