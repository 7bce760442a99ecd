package io.antrest.gateway.bitmex;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.Response;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.ExchangeError;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads BitMEX's error answers, {@code {"error":{"message":"...","name":"HTTPError"}}}, into
 * {@link ExchangeError}s: by HTTP status first, then by the message where one status covers
 * several causes (400: an expired {@code api-expires}, duplicate clOrdID, insufficient balance,
 * not found, invalid arguments; 401: bad key or signature). Bodies that are not BitMEX's JSON still
 * give an error.
 */
final class BitmexErrors {
    /**
     * How long to wait after a 503: "The system is currently overloaded. Please try again later."
     * "The request will not have reached the engine, and you should retry after at least 500
     * milliseconds." (BitMEX/api-connectors, python-swaggerpy README, "HTTP 503"; API docs, "Overload").
     */
    static final Duration OVERLOAD_RETRY = Duration.ofMillis(500);

    private BitmexErrors() {
    }

    static ExchangeError classify(Response response) {
        int status = response.status();
        String message = "";
        String name = "";
        JsonNode json = jsonOrNull(response);
        JsonNode error = json == null ? null : json.path("error");
        if (error != null && error.isObject()) {
            message = error.path("message").asText("");
            name = error.path("name").asText("");
        } else if (error != null && error.isTextual()) {
            message = error.asText();
        }
        if (message.isEmpty()) {
            message = shortBody(response);
        }
        Optional<Duration> retryAfter = retryAfter(response);
        if (retryAfter.isEmpty() && status == 503) {
            retryAfter = Optional.of(OVERLOAD_RETRY);
        }
        return new ExchangeError(kind(status, message, name), status, name, message, retryAfter);
    }

    private static ErrorKind kind(int status, String message, String name) {
        String m = message.toLowerCase(Locale.ROOT);
        if (status == 429 || "RateLimitError".equals(name)) {
            return ErrorKind.RATE_LIMITED;
        }
        if (status == 503 || status >= 500) {
            return ErrorKind.EXCHANGE_UNAVAILABLE;
        }
        if (m.contains("insufficient available balance") || m.contains("insufficient balance")) {
            return ErrorKind.INSUFFICIENT_FUNDS;
        }
        if (isExpired(m)) {
            return ErrorKind.TIMESTAMP_OUT_OF_WINDOW;
        }
        if (status == 401 || status == 403) {
            return ErrorKind.AUTHENTICATION;
        }
        if (status == 404 || m.equals("not found") || m.contains("order not found") || m.contains("unable to cancel order")) {
            return m.contains("unable to cancel order") ? ErrorKind.ORDER_REJECTED : ErrorKind.NOT_FOUND;
        }
        if (status == 400) {
            // BitMEX's "REST API Message Format" page lists the order refusals: "Duplicate clOrdID",
            // "Instrument not listed for trading yet", "Instrument expired", "Market is not open",
            // "Invalid orderQty", "Invalid price", "Invalid price tickSize", "Price greater than
            // limitUpPrice", "... exceeds account Risk Limit"...
            if (m.contains("duplicate clordid") || m.contains("tick") || m.contains("lot size") || m.contains("not open")
                    || m.contains("not listed for trading") || m.contains("instrument expired")
                    || m.contains("rejected") || m.contains("invalid orderqty") || m.contains("invalid price")
                    || m.contains("limitupprice") || m.contains("limitdownprice")
                    || m.contains("exceeds") || m.contains("max order")) {
                return ErrorKind.ORDER_REJECTED;
            }
            return ErrorKind.INVALID_REQUEST;
        }
        return ErrorKind.UNKNOWN;
    }

    /**
     * BitMEX's refusal of a request whose {@code api-expires} has passed: HTTP 400 with "This request
     * has expired - `expires` is in the past. Current time: N" (the answers quoted in
     * BitMEX/sample-market-maker#49 and BitMEX/api-connectors#17, #506), whatever the status, so
     * that a 401 or 403 of the same text is read alike.
     */
    private static boolean isExpired(String lowerCaseMessage) {
        return lowerCaseMessage.contains("request has expired")
                || lowerCaseMessage.contains("expires") && lowerCaseMessage.contains("in the past");
    }

    private static JsonNode jsonOrNull(Response response) {
        if (response.bodyLength() == 0) {
            return null;
        }
        try {
            return response.json();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String shortBody(Response response) {
        String text = response.bodyText().strip();
        if (text.isEmpty()) {
            return "HTTP " + response.status() + " without a body";
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** The {@code Retry-After} header in seconds, which BitMEX sends with a 429. */
    static Optional<Duration> retryAfter(Response response) {
        return response.header("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
