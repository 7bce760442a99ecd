package io.antrest.monitor;

import io.antrest.core.ClientMetrics;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A snapshot of one gateway for dashboards and the {@code antrest status} command: its client's
 * counters (submitted, queued, in flight, success, failed, error, dropped, p50 and p99 latency),
 * how much of its rate-limit budget the current window has used, its clock offset from the
 * exchange, and its state.
 *
 * @param gateway     the gateway's name
 * @param state       its state
 * @param client      its client's counters (all zero before a client is attached)
 * @param budgetUsed  the weight used in the current rate-limit window
 * @param budgetLimit the weight allowed per window
 * @param clockOffset the exchange's clock minus ours (positive: the exchange is ahead)
 */
public record GatewayMetrics(String gateway, GatewayState state, ClientMetrics client, long budgetUsed,
                             int budgetLimit, Duration clockOffset) {
    /** Checks the arguments. */
    public GatewayMetrics {
        requireNonNull(gateway, "gateway is null");
        requireNonNull(state, "state is null");
        requireNonNull(client, "client is null");
        requireNonNull(clockOffset, "clockOffset is null");
    }
}
