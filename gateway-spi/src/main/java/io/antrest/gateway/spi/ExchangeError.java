package io.antrest.gateway.spi;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An exchange's error, read from an answer of any HTTP status by {@link Exchange#readError}: its
 * kind, the HTTP status, the exchange's own code and message, and how long to wait when it said so.
 *
 * @param kind       what kind of error
 * @param httpStatus the HTTP status
 * @param code       the exchange's error code ({@code -1021}, {@code 51008}) or name ({@code HTTPError}); empty when none
 * @param message    the exchange's message
 * @param retryAfter how long the exchange asked to wait, if it did
 */
public record ExchangeError(ErrorKind kind, int httpStatus, String code, String message, Optional<Duration> retryAfter) {
    /** Checks the arguments. */
    public ExchangeError {
        requireNonNull(kind, "kind is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        requireNonNull(retryAfter, "retryAfter is null");
    }

    /** The exception that carries this error. */
    public ExchangeException toException(String exchange, String what) {
        return new ExchangeException(exchange, what, this);
    }
}
