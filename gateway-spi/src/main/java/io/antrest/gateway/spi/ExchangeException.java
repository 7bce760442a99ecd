package io.antrest.gateway.spi;

import io.antrest.core.Printable;
import io.antrest.core.RestException;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * An exchange refused a call (its text in the message with control characters escaped); {@link #kind()} says what the caller can do about it and
 * {@link #error()} holds the exchange's own code and message.
 */
public class ExchangeException extends RestException {
    private final String exchange;
    private final ExchangeError error;

    /** Creates one for {@code what} (e.g. {@code "POST /api/v3/order"}) on {@code exchange}. */
    public ExchangeException(String exchange, String what, ExchangeError error) {
        super(exchange + " refused " + what + ": " + error.kind() + " (HTTP " + error.httpStatus()
                + (error.code().isEmpty() ? "" : ", code " + Printable.of(error.code(), 40)) + "): " + Printable.of(error.message(), 500)
                + error.retryAfter().map(ExchangeException::retryAfter).orElse(""));
        this.exchange = requireNonNull(exchange, "exchange is null");
        this.error = error;
    }

    /**
     * {@code "; retry after 1500 ms"}; in seconds when the wait is too long to count in milliseconds:
     * a plugin passes on whatever {@code Retry-After} the exchange sent, {@code 9223372036854775807} too.
     */
    private static String retryAfter(Duration wait) {
        long s = wait.getSeconds();
        return "; retry after " + (s < Long.MAX_VALUE / 1000 && s > Long.MIN_VALUE / 1000 ? wait.toMillis() + " ms" : s + " s");
    }

    /** The exchange's name. */
    public String exchange() {
        return exchange;
    }

    /** What kind of error. */
    public ErrorKind kind() {
        return error.kind();
    }

    /** The full error. */
    public ExchangeError error() {
        return error;
    }
}
