package io.antrest.monitor;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One transition of a gateway's state, as {@link GatewayStateListener}s hear it.
 *
 * @param gateway          the gateway's name
 * @param from             the state before
 * @param to               the state now
 * @param reason           why, in words (e.g. {@code 3 failures in a row: TransportException ...})
 * @param at               when (UTC, from the engine's clock)
 * @param rateLimitedUntil for {@link GatewayState#RATE_LIMITED}, until when
 */
public record StateChange(String gateway, GatewayState from, GatewayState to, String reason, Instant at,
                          Optional<Instant> rateLimitedUntil) {
    /** Checks the arguments. */
    public StateChange {
        requireNonNull(gateway, "gateway is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(at, "at is null");
        requireNonNull(rateLimitedUntil, "rateLimitedUntil is null");
    }
}
