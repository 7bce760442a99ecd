package io.antrest.core;

/**
 * A snapshot of one client's counters since it was made: how many calls were submitted, are
 * queued or in flight now, and how the ended ones ended, with latency percentiles (acceptance
 * to end, successful and failed answers).
 *
 * @param submitted  calls handed to the client, refused ones included
 * @param queued     calls waiting in the queue or for a retry now
 * @param inFlight   attempts being sent now
 * @param success    calls ended SUCCESS
 * @param failed     calls ended FAILED
 * @param error      calls ended ERROR
 * @param dropped    calls ended DROPPED
 * @param cancelled  calls ended CANCELLED
 * @param retries    attempts beyond the first
 * @param p50Millis  median latency in milliseconds
 * @param p99Millis  99th percentile latency in milliseconds
 */
public record ClientMetrics(long submitted, long queued, long inFlight, long success, long failed, long error,
                            long dropped, long cancelled, long retries, double p50Millis, double p99Millis) {

    /** The calls that have ended, whatever their status. */
    public long ended() {
        return success + failed + error + dropped + cancelled;
    }
}
