package io.antrest.monitor;

import io.antrest.core.ClientMetrics;
import io.antrest.core.limit.BucketUsage;
import io.antrest.core.limit.Sharing;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A snapshot of one gateway for dashboards and the {@code antrest status} command: its client's
 * counters (submitted, queued, in flight, success, failed, error, dropped, p50 and p99 latency),
 * how much of its rate-limit budget the current window has used, its clock offset from the
 * exchange, whether the budget is shared with other processes, its state, and how many lost order answers it settled by looking the order up.
 *
 * @param gateway     the gateway's name
 * @param state       its state
 * @param client      its client's counters (all zero before a client is attached)
 * @param budgetUsed  the units used in the current window of the exchange's general bucket (the first of {@code buckets})
 * @param budgetLimit the units that bucket allows per window
 * @param clockOffset the exchange's clock minus ours (positive: the exchange is ahead)
 * @param buckets     every rate-limit bucket of the gateway (request weight, orders, per endpoint, per instrument)
 * @param resolutions orders and cancels whose answer was lost, as the gateway settled them
 * @param sharing     whether the buckets are this process's alone, shared through Redis, or (Redis
 *                    unreachable) kept to the fallback fraction
 */
public record GatewayMetrics(String gateway, GatewayState state, ClientMetrics client, long budgetUsed,
                             long budgetLimit, Duration clockOffset, List<BucketUsage> buckets,
                             Resolutions resolutions, Sharing sharing) {
    /** Checks the arguments. */
    public GatewayMetrics {
        requireNonNull(gateway, "gateway is null");
        requireNonNull(state, "state is null");
        requireNonNull(client, "client is null");
        requireNonNull(clockOffset, "clockOffset is null");
        buckets = List.copyOf(requireNonNull(buckets, "buckets is null"));
        requireNonNull(resolutions, "resolutions is null");
        requireNonNull(sharing, "sharing is null");
    }
}
