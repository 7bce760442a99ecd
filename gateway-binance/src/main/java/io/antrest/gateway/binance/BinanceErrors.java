package io.antrest.gateway.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.Response;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.ExchangeError;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Binance's error answers, {@code {"code":-1021,"msg":"..."}}, into {@link ExchangeError}s,
 * by the codes and messages of binance-spot-api-docs {@code errors.md} (10xx server and network,
 * 11xx-12xx request issues, 20xx order errors with the matching engine's messages) and the HTTP
 * statuses of {@code rest-api.md}, "HTTP Return Codes".
 * The HTTP status decides first where Binance documents it (418 banned, 429 rate-limited, 5xx
 * unavailable); otherwise the error code does. Bodies that are not Binance's JSON (a proxy's
 * HTML page) still give an error, never an exception.
 */
final class BinanceErrors {
    private BinanceErrors() {
    }

    static ExchangeError classify(Response response) {
        int status = response.status();
        Optional<Duration> retryAfter = retryAfter(response);
        JsonNode json = jsonOrNull(response);
        boolean hasCode = json != null && json.isObject() && json.path("code").isIntegralNumber();
        String code = hasCode ? json.get("code").asText() : "";
        String msg = json != null && json.isObject() && json.path("msg").isTextual() ? json.get("msg").asText()
                : shortBody(response);
        ErrorKind kind = kind(status, hasCode ? json.get("code").asInt() : 0, msg);
        return new ExchangeError(kind, status, code, msg, retryAfter);
    }

    private static ErrorKind kind(int status, int code, String msg) {
        if (status == 418) {
            return ErrorKind.BANNED;
        }
        if (status == 429 || code == -1003 || code == -1015 || code == -1034) {
            return ErrorKind.RATE_LIMITED;
        }
        if (status >= 500) {
            return ErrorKind.EXCHANGE_UNAVAILABLE;
        }
        switch (code) {
            case -1021:
                return ErrorKind.TIMESTAMP_OUT_OF_WINDOW;
            case -1002, -1022, -2014, -2015:
                return ErrorKind.AUTHENTICATION;
            case -1010, -1013, -1014, -1020, -2021, -2022, -2038:
                return ErrorKind.ORDER_REJECTED;
            case -2010:
                return msg.toLowerCase(Locale.ROOT).contains("insufficient balance")
                        ? ErrorKind.INSUFFICIENT_FUNDS : ErrorKind.ORDER_REJECTED;
            case -2011:
                // CANCEL_REJECTED: "Unknown order sent." when the order is not there; other messages
                // (cancel restrictions, trading disabled) refuse a cancel of an order that is.
                return msg.startsWith("Unknown order sent") ? ErrorKind.NOT_FOUND : ErrorKind.ORDER_REJECTED;
            case -2013, -2026, -2039, -2043:
                return ErrorKind.NOT_FOUND;
            case -1000, -1001, -1006, -1007, -1008, -1016:
                return ErrorKind.EXCHANGE_UNAVAILABLE;
            case 0:
                break;
            default:
                if (code <= -1100 && code >= -1299) {
                    return ErrorKind.INVALID_REQUEST;
                }
        }
        if (status == 401) {
            return ErrorKind.AUTHENTICATION;
        }
        if (status == 403) {
            // Binance answers 403 when its web application firewall blocks the caller: a limit, not a key problem.
            return ErrorKind.RATE_LIMITED;
        }
        if (status == 404) {
            return ErrorKind.NOT_FOUND;
        }
        return ErrorKind.UNKNOWN;
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

    /** The {@code Retry-After} header in seconds, which Binance sends with 429 and 418. */
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
