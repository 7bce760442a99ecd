package io.antrest.monitor;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a gateway stands now, as {@link MonitorEngine#status(String)} answers.
 *
 * @param gateway             the gateway's name
 * @param state               its state
 * @param since               when it entered that state (UTC)
 * @param reason              why it is in that state
 * @param rateLimitedUntil    until when, while {@link GatewayState#RATE_LIMITED}
 * @param consecutiveFailures failures in a row so far
 */
public record GatewayStatus(String gateway, GatewayState state, Instant since, String reason,
                            Optional<Instant> rateLimitedUntil, int consecutiveFailures) {
    /** Checks the arguments. */
    public GatewayStatus {
        requireNonNull(gateway, "gateway is null");
        requireNonNull(state, "state is null");
        requireNonNull(since, "since is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(rateLimitedUntil, "rateLimitedUntil is null");
    }

    /** Whether requests may go: the state is {@link GatewayState#UP}. */
    public boolean isUp() {
        return state.isUp();
    }
}
