package io.antrest.core;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What an answer means to the engine, whatever its HTTP status: a success, a refusal, a throttle
 * (nothing was done: wait and ask again), or the exchange unavailable (it may or may not have
 * acted). An {@link AnswerClassifier} gives one for every answer; without one the HTTP status
 * decides ({@link #ofStatus}).
 *
 * @param kind       what the answer means
 * @param retryAfter how long the exchange asked to wait, where it said so in its body (a
 *                   {@code Retry-After} header is read by the engine itself)
 * @param reason     a short description for logs and messages (the exchange's code and message);
 *                   control characters are escaped and it is cut at {@link #MAX_REASON} characters
 *                   here, whatever the classifier gave; empty for a plain success
 */
public record AnswerVerdict(Kind kind, Optional<Duration> retryAfter, String reason) {

    /** What an answer means. */
    public enum Kind {
        /** The call did what was asked (only ever for a 2xx answer). */
        SUCCESS,
        /** The exchange refused the call for good: not retried (HTTP 4xx, or an error code in a 2xx body). */
        REFUSED,
        /**
         * The exchange refused the call for its rate (HTTP 429, a 418 ban, OKX 50011): nothing was
         * done; an idempotent call is retried after the wait, an order is not re-sent late.
         */
        THROTTLED,
        /**
         * The exchange is unavailable (HTTP 5xx, or its "service unavailable" code): it may or may
         * not have acted; an idempotent call is retried, an order ends outcome-unknown.
         */
        UNAVAILABLE
    }

    /** The longest reason kept; longer ones are cut (the exchange's text is not ours to print whole). */
    public static final int MAX_REASON = 500;

    private static final AnswerVerdict SUCCESS = new AnswerVerdict(Kind.SUCCESS, Optional.empty(), "");

    /** Checks the arguments. */
    public AnswerVerdict {
        requireNonNull(kind, "kind is null");
        requireNonNull(retryAfter, "retryAfter is null");
        requireNonNull(reason, "reason is null");
        reason = Printable.of(reason, MAX_REASON);
    }

    /** What the HTTP status alone says: 2xx success, 429 and 418 throttled, 5xx unavailable, else refused. */
    public static AnswerVerdict ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        Kind kind = status == 429 || status == 418 ? Kind.THROTTLED : status >= 500 ? Kind.UNAVAILABLE : Kind.REFUSED;
        return new AnswerVerdict(kind, Optional.empty(), "HTTP " + status);
    }

    /** Whether the call succeeded. */
    public boolean isSuccess() {
        return kind == Kind.SUCCESS;
    }
}
