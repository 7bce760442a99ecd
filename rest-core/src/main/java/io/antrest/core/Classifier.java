package io.antrest.core;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads what an attempt came to ({@link AnswerVerdict} says what an answer means): which failures prove that
 * nothing reached the exchange (so even an order may be sent again), and how long the
 * exchange asked us to wait.
 */
final class Classifier {
    private Classifier() {
    }

    /**
     * Whether this failure happened before a single byte of the request could reach the server:
     * the connection was refused, could not be opened in time, the host is unknown or
     * unreachable, or no pooled connection could be had.
     */
    static boolean nothingReachedServer(Throwable error) {
        return error instanceof NotSentException
                || error instanceof ConnectException
                || error instanceof HttpHostConnectException
                || error instanceof ConnectTimeoutException
                || error instanceof ConnectionRequestTimeoutException
                || error instanceof UnknownHostException
                || error instanceof NoRouteToHostException;
    }

    /**
     * Whether TLS refused the exchange's certificate or hostname: a handshake failure, which
     * happens before any request byte is sent and which no retry will mend.
     */
    static boolean tlsRefused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    /** The answer's {@code Retry-After}, in seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(Response response, Clock clock) {
        Optional<String> header = response.header("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String v = header.get().trim();
        try {
            long seconds = Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
