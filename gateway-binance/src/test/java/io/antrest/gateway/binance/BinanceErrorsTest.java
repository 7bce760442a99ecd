package io.antrest.gateway.binance;

import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.ExchangeSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BinanceErrorsTest {
    private final Exchange binance = new BinanceProvider().create(ExchangeSettings.builder().build());

    /** Codes and messages from errors.md (binance-spot-api-docs a5e0bc3, 2026-07-21); statuses from rest-api.md, "HTTP Return Codes". */
    @ParameterizedTest(name = "HTTP {0} code {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "429 | -1003 | Too much request weight used; current limit is 6000 request weight per 1 MINUTE. | RATE_LIMITED",
            "418 | -1003 | Way too much request weight used; IP banned until 1659146400000. | BANNED",
            "400 | -1013 | Filter failure: LOT_SIZE | ORDER_REJECTED",
            "400 | -1021 | Timestamp for this request is outside of the recvWindow. | TIMESTAMP_OUT_OF_WINDOW",
            "400 | -1022 | Signature for this request is not valid. | AUTHENTICATION",
            "400 | -2010 | Account has insufficient balance for requested action. | INSUFFICIENT_FUNDS",
            "400 | -2010 | Duplicate order sent. | ORDER_REJECTED",
            "400 | -2011 | Unknown order sent. | NOT_FOUND",
            "400 | -2011 | Order was not canceled due to cancel restrictions. | ORDER_REJECTED",
            "400 | -2026 | Order was canceled or expired with no executed qty over 90 days ago and has been archived. | NOT_FOUND",
            "400 | -2039 | Client order ID is not correct for this order ID. | NOT_FOUND",
            "400 | -2038 | Order amend (quantity increase) is not supported. | ORDER_REJECTED",
            "409 | -2021 | Order cancel-replace partially failed. | ORDER_REJECTED",
            "400 | -1220 | The symbol's status does not match the requested symbolStatus. | INVALID_REQUEST",
            "400 | -2013 | Order does not exist. | NOT_FOUND",
            "401 | -2014 | API-key format invalid. | AUTHENTICATION",
            "401 | -2015 | Invalid API-key, IP, or permissions for action. | AUTHENTICATION",
            "400 | -1121 | Invalid symbol. | INVALID_REQUEST",
            "400 | -1102 | Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed. | INVALID_REQUEST",
            "429 | -1015 | Too many new orders; current limit is 100 orders per 10 SECOND. | RATE_LIMITED",
            "503 | -1008 | Server is currently overloaded with other requests. Please try again in a few minutes. | EXCHANGE_UNAVAILABLE",
            "400 | -1000 | An unknown error occurred while processing the request. | EXCHANGE_UNAVAILABLE",
            "400 | -9999 | Something new. | UNKNOWN"})
    void mapsBinanceCodes(int status, int code, String msg, ErrorKind kind) {
        ExchangeError e = Read.error(binance, Responses.of(status, "{\"code\":" + code + ",\"msg\":\"" + msg + "\"}"));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.code()).isEqualTo(Integer.toString(code));
        assertThat(e.message()).isEqualTo(msg);
    }

    @Test
    void rateLimitAndBanCarryRetryAfter() {
        ExchangeError limited = Read.error(binance, Responses.of(429, "{\"code\":-1003,\"msg\":\"Too much\"}", "Retry-After", "7"));
        ExchangeError banned = Read.error(binance, Responses.of(418, "{\"code\":-1003,\"msg\":\"banned\"}", "Retry-After", "120"));

        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(banned.kind()).isEqualTo(ErrorKind.BANNED);
        assertThat(banned.retryAfter()).contains(Duration.ofSeconds(120));
    }

    @Test
    void bodiesThatAreNotBinanceJsonAreClassifiedByStatus() {
        ExchangeError html = Read.error(binance, Responses.of(502, "<html><body>Bad Gateway</body></html>"));
        ExchangeError empty = Read.error(binance, Responses.of(429, ""));
        ExchangeError odd = Read.error(binance, Responses.of(400, "[1,2"));
        ExchangeError waf = Read.error(binance, Responses.of(403, "<html>blocked</html>"));

        assertThat(html.kind()).isEqualTo(ErrorKind.EXCHANGE_UNAVAILABLE);
        assertThat(html.message()).contains("Bad Gateway");
        assertThat(html.code()).isEmpty();
        assertThat(empty.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(empty.message()).contains("without a body");
        assertThat(odd.kind()).isEqualTo(ErrorKind.UNKNOWN);
        assertThat(waf.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    }
}
