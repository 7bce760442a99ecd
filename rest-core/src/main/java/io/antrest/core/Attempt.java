package io.antrest.core;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one attempt came to, reported to {@link OutcomeListener#onAttempt} as soon as it is
 * known, before any retry: the monitor reads rate limits and bans from it, the gateway's budget
 * reads the exchange's used-weight headers from its response.
 *
 * @param client     the client's (gateway's) name
 * @param call       the call
 * @param attempt    which attempt, from 1
 * @param response   the answer, when one came
 * @param error      the exception, when none came
 * @param elapsed    how long the attempt took
 * @param retryAfter how long the exchange asked to wait, when it said so ({@code Retry-After}, or its body)
 * @param verdict    what the answer meant, when one came (a 2xx answer can carry a refusal)
 */
public record Attempt(String client, Call call, int attempt, Optional<Response> response, Optional<Throwable> error,
                      Duration elapsed, Optional<Duration> retryAfter, Optional<AnswerVerdict> verdict) {
    /** Checks the arguments. */
    public Attempt {
        requireNonNull(client, "client is null");
        requireNonNull(call, "call is null");
        requireNonNull(response, "response is null");
        requireNonNull(error, "error is null");
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(retryAfter, "retryAfter is null");
        requireNonNull(verdict, "verdict is null");
    }

    /** Whether the exchange refused the attempt for its rate (429, a 418 ban, or the same in a 2xx body). */
    public boolean throttled() {
        return verdict.map(v -> v.kind() == AnswerVerdict.Kind.THROTTLED).orElse(false);
    }

    /** The HTTP status, or 0 when no answer came. */
    public int httpStatus() {
        return response.map(Response::status).orElse(0);
    }
}
