package io.antrest.core;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How one call ended, reported once to {@link OutcomeListener#onOutcome}.
 *
 * @param client   the client's (gateway's) name
 * @param call     the call
 * @param status   its terminal status
 * @param response its last answer, if any
 * @param error    what ended it, for ERROR, DROPPED and CANCELLED
 * @param latency  from acceptance to the end
 */
public record Outcome(String client, Call call, RequestStatus status, Optional<Response> response,
                      Optional<Throwable> error, Duration latency) {
    /** Checks the arguments. */
    public Outcome {
        requireNonNull(client, "client is null");
        requireNonNull(call, "call is null");
        requireNonNull(status, "status is null");
        requireNonNull(response, "response is null");
        requireNonNull(error, "error is null");
        requireNonNull(latency, "latency is null");
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("an outcome needs a terminal status, not " + status);
        }
    }

    /** The HTTP status of the last answer, or 0 when none came. */
    public int httpStatus() {
        return response.map(Response::status).orElse(0);
    }
}
