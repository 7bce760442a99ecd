package io.antrest.gateway.okx;

import io.antrest.core.Request;
import io.antrest.core.Response;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * readError on every answer. Codes, messages and HTTP statuses are the OKX v5 docs' (Error Code >
 * REST API: General Class, API Class, Trade Class); the place-order item shape is Trade > Place
 * order's response (sCode, sMsg, subCode).
 */
class OkxErrorsTest {
    private final Exchange okx = new OkxProvider().create(ExchangeSettings.builder().build());
    private final Request place = okx.trading().newOrder(OrderRequest.limit("BTC-USDT", Side.BUY, new BigDecimal("1"),
            new BigDecimal("100")));
    private final Request balance = okx.trading().account();
    private final Request query = okx.trading().queryOrder(OrderRef.byOrderId("BTC-USDT", "1"));
    private final Request cancel = okx.trading().cancelOrder(OrderRef.byOrderId("BTC-USDT", "1"));

    private ExchangeError error(Request request, Response response) {
        Optional<ExchangeError> e = okx.readError(request, response);
        assertThat(e).as("an error in %s", response).isPresent();
        return e.get();
    }

    @Test
    void codeZeroIsNoError() {
        assertThat(okx.readError(place, Responses.resource("order-place.json"))).isEmpty();
        assertThat(okx.readError(query, Responses.resource("order-details.json"))).isEmpty();
        assertThat(okx.readError(balance, Responses.of(200, "{\"code\":\"0\",\"msg\":\"\",\"data\":[]}"))).isEmpty();
    }

    /** Trade Class: 51008 "Order failed. Insufficient {param0} balance in account", HTTP 200. */
    @Test
    void http200WithCode51008IsInsufficientFunds() {
        ExchangeError e = error(place, Responses.of(200,
                "{\"code\":\"51008\",\"msg\":\"Order failed. Insufficient USDT balance in account\",\"data\":[]}"));

        assertThat(e.kind()).isEqualTo(ErrorKind.INSUFFICIENT_FUNDS);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.code()).isEqualTo("51008");
        assertThat(e.message()).isEqualTo("Order failed. Insufficient USDT balance in account");
    }

    /** Place order answered with code "1" (General Class: Operation failed) and the item's sCode 51016 "Client order ID already exists." */
    @Test
    void operationFailedTakesTheItemsSCode() {
        ExchangeError e = error(place, Responses.of(200, "{\"code\":\"1\",\"msg\":\"All operations failed\",\"data\":["
                + "{\"clOrdId\":\"b15\",\"ordId\":\"\",\"tag\":\"\",\"ts\":\"1695190491421\",\"sCode\":\"51016\","
                + "\"sMsg\":\"Client order ID already exists.\",\"subCode\":\"\"}],\"inTime\":\"1\",\"outTime\":\"2\"}"));

        assertThat(e.kind()).isEqualTo(ErrorKind.ORDER_REJECTED);
        assertThat(e.code()).isEqualTo("51016");
        assertThat(e.message()).isEqualTo("Client order ID already exists.");
        assertThat(e.httpStatus()).isEqualTo(200);
    }

    @Test
    void itemInsufficientBalanceWithSubCodeIsInsufficientFunds() {
        ExchangeError e = error(place, Responses.of(200, "{\"code\":\"1\",\"msg\":\"\",\"data\":[{\"ordId\":\"\","
                + "\"clOrdId\":\"x\",\"sCode\":\"51008\",\"sMsg\":\"Order failed. Insufficient USDT balance in account\","
                + "\"subCode\":\"1000\"}]}"));

        assertThat(e.kind()).isEqualTo(ErrorKind.INSUFFICIENT_FUNDS);
        assertThat(e.code()).isEqualTo("51008");
    }

    /** General Class: 50011 with HTTP 429 "Too Many Requests" (and with 200 "Rate limit reached."). */
    @Test
    void code50011IsRateLimited() {
        assertThat(error(place, Responses.of(429, "{\"msg\":\"Too Many Requests\",\"code\":\"50011\"}")).kind())
                .isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error(balance, Responses.of(200, "{\"code\":\"50011\",\"msg\":\"Rate limit reached. Please refer to API"
                + " documentation and throttle requests accordingly.\",\"data\":[]}")).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error(place, Responses.of(200, "{\"code\":\"50061\",\"msg\":\"You've reached the maximum order rate"
                + " limit for this account.\",\"data\":[]}")).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    }

    /** General Class: 50001 (503) "Service temporarily unavailable", 50026 (500) "System error". */
    @Test
    void serviceUnavailableAndSystemErrorAreExchangeUnavailable() {
        assertThat(error(balance, Responses.of(503, "{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable."
                + " Please try again later.\",\"data\":[]}")).kind()).isEqualTo(ErrorKind.EXCHANGE_UNAVAILABLE);
        assertThat(error(balance, Responses.of(500, "{\"code\":\"50026\",\"msg\":\"System error. Try again later\","
                + "\"data\":[]}")).kind()).isEqualTo(ErrorKind.EXCHANGE_UNAVAILABLE);
    }

    /** API Class: 50113 (401) "Invalid signature.", 50105 (401) passphrase incorrect, 50111 (401) invalid key. */
    @Test
    void authenticationCodes() {
        for (String code : new String[] {"50113", "50105", "50111", "50104"}) {
            ExchangeError e = error(balance, Responses.of(401, "{\"msg\":\"Invalid signature.\",\"code\":\"" + code + "\"}"));
            assertThat(e.kind()).as(code).isEqualTo(ErrorKind.AUTHENTICATION);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.httpStatus()).isEqualTo(401);
        }
    }

    /**
     * Overview &gt; REST Authentication &gt; Making Requests: "The server rejects requests where this
     * differs from server time by more than 30 seconds (error 50102)"; API Class: 50102 (401)
     * "Timestamp request expired." is the window, 50112 (401) "Invalid OK-ACCESS-TIMESTAMP." a
     * header not in the documented form, which no clock resynchronisation mends.
     */
    @Test
    void onlyAnExpiredTimestampIsOutOfWindow() {
        assertThat(error(balance, Responses.of(401, "{\"msg\":\"Timestamp request expired.\",\"code\":\"50102\"}")).kind())
                .isEqualTo(ErrorKind.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(error(balance, Responses.of(401, "{\"msg\":\"Invalid OK-ACCESS-TIMESTAMP.\",\"code\":\"50112\"}")).kind())
                .isEqualTo(ErrorKind.AUTHENTICATION);
    }

    /**
     * Trade Class: 51149 (500) "Order timed out. Please try again. (does not mean that the request
     * was successful or failed, please check the request result)": a new order's outcome is unknown,
     * so it is the exchange unavailable, never a refused order.
     */
    @Test
    void orderTimedOutIsUnavailableNotRejected() {
        ExchangeError e = error(place, Responses.of(500, "{\"code\":\"51149\",\"msg\":\"Order timed out. Please try"
                + " again.\",\"data\":[]}"));
        assertThat(e.kind()).isEqualTo(ErrorKind.EXCHANGE_UNAVAILABLE);
        assertThat(e.code()).isEqualTo("51149");
    }

    /**
     * Every code the plugin names, with the HTTP status the OKX v5 docs pair it with (Error Code &gt;
     * REST API: General Class, API Class, Trade Class) and the kind it is read as. {@code on} is the
     * request answered: a new order (place), an order query, a cancel or the balance.
     */
    @ParameterizedTest(name = "{0} (HTTP {1}) on {2} is {3}")
    @CsvSource({
            // General Class
            "50000, 400, place, INVALID_REQUEST", "50001, 503, balance, EXCHANGE_UNAVAILABLE",
            "50002, 400, place, INVALID_REQUEST", "50004, 400, place, EXCHANGE_UNAVAILABLE",
            "50005, 410, balance, INVALID_REQUEST", "50006, 400, place, INVALID_REQUEST",
            "50011, 200, balance, RATE_LIMITED", "50011, 429, place, RATE_LIMITED",
            "50013, 429, balance, EXCHANGE_UNAVAILABLE", "50014, 400, query, INVALID_REQUEST",
            "50015, 400, query, INVALID_REQUEST", "50016, 400, query, INVALID_REQUEST",
            "50024, 200, query, INVALID_REQUEST", "50025, 200, balance, INVALID_REQUEST",
            "50026, 500, balance, EXCHANGE_UNAVAILABLE", "50027, 200, place, ORDER_REJECTED",
            "50028, 200, place, ORDER_REJECTED", "50029, 200, place, ORDER_REJECTED",
            "50030, 200, balance, AUTHENTICATION", "50033, 200, place, ORDER_REJECTED",
            "50035, 403, balance, AUTHENTICATION", "50037, 200, place, ORDER_REJECTED",
            "50040, 200, place, RATE_LIMITED", "50061, 200, place, RATE_LIMITED",
            // API Class
            "50100, 400, balance, AUTHENTICATION", "50101, 401, balance, AUTHENTICATION",
            "50102, 401, balance, TIMESTAMP_OUT_OF_WINDOW", "50103, 401, balance, AUTHENTICATION",
            "50104, 401, balance, AUTHENTICATION", "50105, 401, balance, AUTHENTICATION",
            "50106, 401, balance, AUTHENTICATION", "50107, 401, balance, AUTHENTICATION",
            "50108, 401, balance, AUTHENTICATION", "50109, 401, balance, AUTHENTICATION",
            "50110, 401, balance, AUTHENTICATION", "50111, 401, balance, AUTHENTICATION",
            "50112, 401, balance, AUTHENTICATION", "50113, 401, place, AUTHENTICATION",
            "50114, 401, balance, AUTHENTICATION", "50115, 405, place, INVALID_REQUEST",
            "50119, 200, balance, AUTHENTICATION", "50120, 200, place, AUTHENTICATION",
            "50121, 200, balance, AUTHENTICATION",
            // Trade Class
            "51000, 400, place, ORDER_REJECTED", "51000, 400, query, INVALID_REQUEST",
            "51001, 200, query, INVALID_REQUEST", "51002, 200, place, INVALID_REQUEST",
            "51003, 200, cancel, INVALID_REQUEST", "51005, 200, place, ORDER_REJECTED",
            "51006, 200, place, ORDER_REJECTED", "51007, 200, place, ORDER_REJECTED",
            "51008, 200, place, INSUFFICIENT_FUNDS", "51008_1000, 200, place, INSUFFICIENT_FUNDS",
            "51009, 200, place, ORDER_REJECTED", "51011, 200, place, ORDER_REJECTED",
            "51015, 200, query, INVALID_REQUEST", "51016, 200, place, ORDER_REJECTED",
            "51020, 200, place, ORDER_REJECTED", "51021, 200, place, ORDER_REJECTED",
            "51022, 200, place, ORDER_REJECTED", "51024, 200, place, ORDER_REJECTED",
            "51054, 500, place, EXCHANGE_UNAVAILABLE", "51121, 200, place, ORDER_REJECTED",
            "51149, 500, place, EXCHANGE_UNAVAILABLE", "51202, 200, place, ORDER_REJECTED",
            "51204, 200, place, ORDER_REJECTED", "51400, 200, cancel, NOT_FOUND",
            "51405, 200, cancel, NOT_FOUND", "51407, 200, cancel, INVALID_REQUEST",
            "51603, 200, query, NOT_FOUND"})
    void documentedCodesAndStatusesMapToTheirKinds(String code, int status, String on, ErrorKind kind) {
        Request request = switch (on) {
            case "place" -> place;
            case "query" -> query;
            case "cancel" -> cancel;
            default -> balance;
        };
        ExchangeError e = error(request, Responses.of(status, "{\"code\":\"" + code + "\",\"msg\":\"m\",\"data\":[]}"));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.httpStatus()).isEqualTo(status);
    }

    /** Trade Class: 51603 "Order does not exist." (200); cancel's item 51400 "Order cancellation failed as the order has been filled, canceled or does not exist." */
    @Test
    void missingOrdersAreNotFound() {
        assertThat(error(query, Responses.of(200, "{\"code\":\"51603\",\"msg\":\"Order does not exist.\",\"data\":[]}")).kind())
                .isEqualTo(ErrorKind.NOT_FOUND);
        ExchangeError e = error(cancel, Responses.of(200, "{\"code\":\"1\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"\","
                + "\"ordId\":\"1\",\"sCode\":\"51400\",\"sMsg\":\"Order cancellation failed as the order has been filled,"
                + " canceled or does not exist.\"}]}"));
        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(e.code()).isEqualTo("51400");
    }

    /** Trade Class: 51001 (200) unknown instrument; General Class: 50014 (400) "Parameter {param0} can not be empty."; 51000 (400). */
    @Test
    void malformedRequestsAreInvalidAndBadOrderParametersRejected() {
        assertThat(error(query, Responses.of(200, "{\"code\":\"51001\",\"msg\":\"Instrument ID, Instrument ID code or"
                + " Spread ID doesn't exist.\",\"data\":[]}")).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error(query, Responses.of(400, "{\"code\":\"50014\",\"msg\":\"Parameter instId can not be empty.\","
                + "\"data\":[]}")).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error(query, Responses.of(400, "{\"code\":\"51000\",\"msg\":\"Parameter ordId error\",\"data\":[]}")).kind())
                .isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error(place, Responses.of(200, "{\"code\":\"1\",\"msg\":\"\",\"data\":[{\"ordId\":\"\",\"clOrdId\":\"x\","
                + "\"sCode\":\"51000\",\"sMsg\":\"Parameter sz error\"}]}")).kind()).isEqualTo(ErrorKind.ORDER_REJECTED);
        assertThat(error(place, Responses.of(200, "{\"code\":\"1\",\"msg\":\"\",\"data\":[{\"ordId\":\"\",\"clOrdId\":\"x\","
                + "\"sCode\":\"51020\",\"sMsg\":\"Your order should meet or exceed the minimum order amount.\"}]}")).kind())
                .isEqualTo(ErrorKind.ORDER_REJECTED);
    }

    @Test
    void nonJsonBodiesStillGiveAnErrorNeverAnException() {
        ExchangeError bad = error(balance, Responses.of(502, "<html>\u001b[2JBad Gateway</html>"));
        assertThat(bad.kind()).isEqualTo(ErrorKind.EXCHANGE_UNAVAILABLE);
        assertThat(bad.httpStatus()).isEqualTo(502);
        assertThat(bad.code()).isEmpty();
        assertThat(bad.message()).contains("Bad Gateway").doesNotContain("\u001b");

        assertThat(error(balance, Responses.of(504, "")).message()).isEqualTo("HTTP 504 without a body");
        assertThat(error(balance, Responses.of(429, "slow down")).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error(balance, Responses.of(200, "[1,2]")).kind()).as("JSON, but not OKX's envelope")
                .isEqualTo(ErrorKind.UNKNOWN);
    }

    /**
     * A 2xx body that is not JSON (garbled, cut short, empty) says nothing of OKX's: the order may
     * have been placed, so it is no refusal; the runtime reports it as a malformed answer.
     */
    @Test
    void twoHundredWhoseBodyIsNotJsonIsNoRefusalButLeftToTheRuntimeAsMalformed() {
        String placed = "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"clOrdId\":\"b15\",\"ordId\":\"312269865356374016\","
                + "\"sCode\":\"0\",\"sMsg\":\"\"}]}";

        assertThat(okx.readError(place, Responses.of(200, "not json"))).isEmpty();
        assertThat(okx.readError(place, Responses.of(200, placed.substring(0, placed.length() / 2)))).isEmpty();
        assertThat(okx.readError(balance, Responses.of(200, ""))).isEmpty();
    }

    @Test
    void longMessagesAreCutAndControlCharactersEscaped() {
        String msg = "x".repeat(500) + "\n";
        ExchangeError e = error(balance, Responses.of(200, "{\"code\":\"50013\",\"msg\":\"" + msg.replace("\n", "\\n") + "\"}"));

        assertThat(e.message().length()).isLessThanOrEqualTo(201);
        assertThat(e.kind()).isEqualTo(ErrorKind.EXCHANGE_UNAVAILABLE);
    }
}
