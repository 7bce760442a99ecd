package io.antrest.gateway.spi;

import io.antrest.core.Printable;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An exchange's error, read from an answer of any HTTP status by {@link Exchange#readError}: its
 * kind, the HTTP status, the exchange's own code and message, and how long to wait when it said so.
 *
 * <p>The code and message are the exchange's text, which reaches logs, exception messages and
 * terminals: they are made printable here, where every plugin's reading passes, with control
 * characters escaped ({@link Printable}: a newline cannot forge a log line, an escape sequence
 * cannot steer a terminal) and cut at {@link #MAX_CODE} and {@link #MAX_MESSAGE} characters.
 *
 * @param kind       what kind of error
 * @param httpStatus the HTTP status
 * @param code       the exchange's error code ({@code -1021}, {@code 51008}) or name ({@code HTTPError}); empty when none;
 *                   kept printable
 * @param message    the exchange's message, kept printable
 * @param retryAfter how long the exchange asked to wait, if it did
 */
public record ExchangeError(ErrorKind kind, int httpStatus, String code, String message, Optional<Duration> retryAfter) {
    /** The longest code kept. */
    public static final int MAX_CODE = 40;
    /** The longest message kept; a longer one is cut and ends in {@code …}. */
    public static final int MAX_MESSAGE = 1000;

    /** Checks the arguments and makes the exchange's text printable. */
    public ExchangeError {
        requireNonNull(kind, "kind is null");
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        requireNonNull(retryAfter, "retryAfter is null");
        code = Printable.of(code, MAX_CODE);
        message = Printable.of(message, MAX_MESSAGE);
    }

    /** The exception that carries this error. */
    public ExchangeException toException(String exchange, String what) {
        return new ExchangeException(exchange, what, this);
    }
}
