package io.antrest.gateway.bitmex;

import io.antrest.core.Request;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.ExchangeException;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.OrderType;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitReading;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BitmexErrorsAndParsersTest {
    private final Exchange bitmex = new BitmexProvider().create(ExchangeSettings.builder().build());

    /**
     * BitMEX's error shape (swagger.json, definition Error: {@code {"error":{"message","name"}}}) and
     * messages (the "REST API Message Format" page: POST /order's refusals); an
     * expired {@code api-expires} is answered 400 "This request has expired - `expires` is in the past"
     * (BitMEX/sample-market-maker#49, BitMEX/api-connectors#17 and #506), which is a clock to re-sync,
     * not a bad request.
     */
    @ParameterizedTest(name = "HTTP {0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "400 | HTTPError | This request has expired - `expires` is in the past. Current time: 1516534870 | TIMESTAMP_OUT_OF_WINDOW",
            "401 | HTTPError | Signature not valid. | AUTHENTICATION",
            "401 | HTTPError | Invalid API Key. | AUTHENTICATION",
            "403 | HTTPError | Access Denied | AUTHENTICATION",
            "401 | HTTPError | This request has expired - `expires` is in the past. Current time: 1518064300 | TIMESTAMP_OUT_OF_WINDOW",
            "429 | RateLimitError | Rate limit exceeded, retry in 1 seconds. | RATE_LIMITED",
            "404 | HTTPError | Not Found | NOT_FOUND",
            "400 | HTTPError | Not Found | NOT_FOUND",
            "400 | HTTPError | Duplicate clOrdID | ORDER_REJECTED",
            "400 | HTTPError | Account has insufficient Available Balance, 100 XBt required | INSUFFICIENT_FUNDS",
            "400 | HTTPError | Invalid price tickSize | ORDER_REJECTED",
            "400 | ValidationError | 'symbol' is a required arg. | INVALID_REQUEST",
            "400 | HTTPError | Invalid symbol | INVALID_REQUEST",
            "400 | HTTPError | Instrument expired | ORDER_REJECTED",
            "400 | HTTPError | Instrument not listed for trading yet | ORDER_REJECTED",
            "400 | HTTPError | Market is not open | ORDER_REJECTED",
            "400 | HTTPError | Price greater than limitUpPrice | ORDER_REJECTED",
            "400 | ValidationError | Invalid orderQty | ORDER_REJECTED",
            "400 | HTTPError | orderIDs or clOrdIDs must be sent | INVALID_REQUEST",
            "503 | HTTPError | The system is currently overloaded. Please try again later. | EXCHANGE_UNAVAILABLE",
            "502 | HTTPError | Bad Gateway | EXCHANGE_UNAVAILABLE",
            "409 | HTTPError | Something else | UNKNOWN"})
    void mapsBitmexErrors(int status, String name, String message, ErrorKind kind) {
        ExchangeError e = Read.error(bitmex, Responses.of(status,
                "{\"error\":{\"message\":\"" + message.replace("`", "\\u0060") + "\",\"name\":\"" + name + "\"}}"));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo(name);
        assertThat(e.message()).isEqualTo(message);
    }

    /**
     * BitMEX/api-connectors, python-swaggerpy README: a 429 carries Retry-After ("HTTP 429"); a 503,
     * "The system is currently overloaded", is to be retried "after at least 500 milliseconds"
     * ("HTTP 503").
     */
    @Test
    void retryAfterAndNonJsonBodies() {
        ExchangeError limited = Read.error(bitmex, Responses.of(429, "{\"error\":{\"message\":\"slow\",\"name\":\"RateLimitError\"}}",
                "Retry-After", "3"));
        ExchangeError html = Read.error(bitmex, Responses.of(503, "<html>maintenance</html>"));
        ExchangeError empty = Read.error(bitmex, Responses.of(401, ""));

        ExchangeError overloaded = Read.error(bitmex, Responses.of(503,
                "{\"error\":{\"message\":\"The system is currently overloaded. Please try again later.\",\"name\":\"HTTPError\"}}"));

        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(overloaded.kind()).isEqualTo(ErrorKind.EXCHANGE_UNAVAILABLE);
        assertThat(overloaded.retryAfter()).contains(Duration.ofMillis(500));
        assertThat(html.kind()).isEqualTo(ErrorKind.EXCHANGE_UNAVAILABLE);
        assertThat(html.message()).contains("maintenance");
        assertThat(empty.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    }

    @Test
    void instrumentsBecomeContractsAndIndicesAreLeftOut() {
        List<Contract> contracts = bitmex.parseContracts(Responses.resource("instruments.json"));

        // BitMEX API explorer, Instrument: settlCurrency, lotSize (the least order), maxOrderQty, maxPrice.
        assertThat(contracts).containsExactly(
                new Contract("bitmex", "XBTUSD", "XBT", "USD", "XBt", new BigDecimal("0.5"), new BigDecimal("100"),
                        new BigDecimal("100"), new BigDecimal("10000000"), new BigDecimal("1000000"), BigDecimal.ZERO,
                        "Open", true, "FFWCSX"),
                new Contract("bitmex", "ETHUSDT", "ETH", "USDT", "USDt", new BigDecimal("0.05"), new BigDecimal("1000"),
                        new BigDecimal("1000"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "Open", true, "FFWCSX"),
                new Contract("bitmex", "ETHU25", "ETH", "USD", "XBt", new BigDecimal("0.05"), BigDecimal.ONE, BigDecimal.ONE,
                        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "Closed", false, "FFCCSX"));
    }

    @Test
    void marginBecomesBalances() {
        List<Balance> balances = bitmex.trading().parseBalances(Responses.resource("margin.json"));

        assertThat(balances).containsExactly(
                new Balance("XBt", new BigDecimal("499852500"), new BigDecimal("150000")),
                new Balance("USDt", new BigDecimal("50000000000"), BigDecimal.ZERO));
    }

    @Test
    void ordersAreParsedFromObjectsAndArrays() {
        Order placed = Read.order(bitmex, Responses.resource("order-new.json"));
        Order canceled = Read.order(bitmex, Responses.resource("order-cancel.json"));

        assertThat(placed).isEqualTo(new Order("bitmex", "XBTUSD", "fb7972c4-b4fa-080f-c0b4-1fd5b6b5e3e5", "antrest-abc",
                Side.BUY, OrderType.LIMIT, OrderStatus.NEW, Optional.of(new BigDecimal("60000.5")), new BigDecimal("100"),
                BigDecimal.ZERO, Instant.parse("2026-11-25T05:01:02.345Z")));
        assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.side()).isEqualTo(Side.SELL);
        assertThat(canceled.executedQuantity()).isEqualByComparingTo("100");
        assertThat(canceled.time()).isEqualTo(Instant.parse("2026-11-25T05:03:04.567Z"));
    }

    @Test
    void anEmptyQueryAnswerIsNotFound() {
        assertThatThrownBy(() -> Read.order(bitmex, Responses.of(200, "[]")))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void everyBitmexOrderStatusIsMapped() {
        assertThat(BitmexParsers.status("New")).isEqualTo(OrderStatus.NEW);
        assertThat(BitmexParsers.status("PartiallyFilled")).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(BitmexParsers.status("Filled")).isEqualTo(OrderStatus.FILLED);
        assertThat(BitmexParsers.status("Canceled")).isEqualTo(OrderStatus.CANCELED);
        assertThat(BitmexParsers.status("Rejected")).isEqualTo(OrderStatus.REJECTED);
        assertThat(BitmexParsers.status("Expired")).isEqualTo(OrderStatus.EXPIRED);
        assertThat(BitmexParsers.status("Weird")).isEqualTo(OrderStatus.UNKNOWN);
    }

    /**
     * BitMEX REST API docs, "Limits": x-ratelimit-limit, x-ratelimit-remaining and x-ratelimit-reset,
     * and x-ratelimit-remaining-1s on the order routes; 120 per minute with a key, 30 without. An
     * answer counted in the address's bucket of 30 (the unsigned clock request's) says nothing of a
     * key's.
     */
    @Test
    void rateLimitHeadersAreReadIntoTheirRules() {
        Exchange withKey = new BitmexProvider().create(ExchangeSettings.builder()
                .credentials(Credentials.hmac("key", "secret")).build());
        List<RateLimitReading> s = withKey.readRateLimits(Responses.of(200, "[]", "x-ratelimit-limit", "120",
                "x-ratelimit-remaining", "117", "x-ratelimit-reset", "1518064300", "x-ratelimit-remaining-1s", "8"));

        assertThat(s).containsExactly(RateLimitReading.remaining("REQUESTS", 117, Instant.ofEpochSecond(1518064300L)),
                RateLimitReading.remaining("ORDER_ROUTES", 8, null));
        assertThat(withKey.readRateLimits(Responses.of(200, "[]", "x-ratelimit-limit", "30",
                "x-ratelimit-remaining", "29", "x-ratelimit-reset", "1518064300"))).isEmpty();
        assertThat(bitmex.readRateLimits(Responses.of(200, "[]", "x-ratelimit-limit", "30",
                "x-ratelimit-remaining", "29", "x-ratelimit-reset", "1518064300")))
                .containsExactly(RateLimitReading.remaining("REQUESTS", 29, Instant.ofEpochSecond(1518064300L)));
        assertThat(bitmex.readRateLimits(Responses.of(200, "[]"))).isEmpty();
    }

    /**
     * BitMEX REST API docs, "Limits": "120 requests per minute on all routes (reduced to 30 when
     * unauthenticated)" and "10 requests per second on certain routes"; "The limiters implement a
     * Token Bucket mechanism and tokens are continuously refilled", so each rule is the fixed window
     * that keeps to its bucket: half the tokens per half the refill time.
     */
    @Test
    void withAKey120PerMinuteWithout30AndTenPerSecondOnTheOrderRoutes() {
        Exchange withKey = new BitmexProvider().create(ExchangeSettings.builder()
                .credentials(Credentials.hmac("key", "secret")).build());

        assertThat(withKey.rateLimits()).extracting(RateLimitRule::name, RateLimitRule::scope, RateLimitRule::limit,
                RateLimitRule::window).containsExactly(
                        tuple("REQUESTS", RateLimitRule.Scope.ACCOUNT, 60, Duration.ofSeconds(30)),
                        tuple("ORDER_ROUTES", RateLimitRule.Scope.ENDPOINT, 5, Duration.ofMillis(500)));
        assertThat(bitmex.rateLimits()).extracting(RateLimitRule::name, RateLimitRule::scope, RateLimitRule::limit,
                RateLimitRule::window).containsExactly(
                        tuple("REQUESTS", RateLimitRule.Scope.IP, 15, Duration.ofSeconds(30)),
                        tuple("ORDER_ROUTES", RateLimitRule.Scope.ENDPOINT, 5, Duration.ofMillis(500)));
    }

    /**
     * The routes BitMEX limits per second (BitMEX blog, "Second Layer Rate Limits"; API docs,
     * "Limits"): POST, PUT and DELETE /order, POST and PUT /order/bulk, DELETE /order/all, POST
     * /position/isolate, /position/leverage and /position/transferMargin; not GET /order, POST
     * /order/closePosition nor /order/cancelAllAfter.
     */
    @Test
    void everyRequestCountsPerMinuteAndTheOrderRoutesAlsoPerSecond() {
        assertThat(bitmex.costOf(bitmex.contractsRequest())).containsExactly(new RateLimitCost("REQUESTS", "", 1));
        OrderRef ref = OrderRef.byClientOrderId("XBTUSD", "x");
        assertThat(bitmex.costOf(bitmex.trading().cancelOrder(ref))).extracting(RateLimitCost::rule)
                .containsExactly("REQUESTS", "ORDER_ROUTES");
        assertThat(bitmex.costOf(bitmex.trading().queryOrder(ref))).extracting(RateLimitCost::rule).containsExactly("REQUESTS");
        for (Request r : List.of(Request.post("/order").build(), Request.put("/order").build(), Request.delete("/order").build(),
                Request.post("/order/bulk").build(), Request.put("/order/bulk").build(), Request.delete("/order/all").build(),
                Request.post("/position/isolate").build(), Request.post("/position/leverage").build(),
                Request.post("/position/transferMargin").build())) {
            assertThat(bitmex.costOf(r)).as(r.method() + " " + r.path()).extracting(RateLimitCost::rule)
                    .containsExactly("REQUESTS", "ORDER_ROUTES");
        }
        for (Request r : List.of(Request.post("/order/closePosition").build(), Request.post("/order/cancelAllAfter").build(),
                Request.get("/position").build(), Request.post("/user/walletTransfer").build())) {
            assertThat(bitmex.costOf(r)).as(r.method() + " " + r.path()).extracting(RateLimitCost::rule)
                    .containsExactly("REQUESTS");
        }
    }

    /**
     * swagger.json: GET /order's {@code filter} is {@code in: query}; DELETE /order's {@code orderID}
     * and {@code clOrdID} are {@code in: formData}, sent as a JSON body like POST /order's (the API
     * "consumes" application/json).
     */
    @Test
    void queryNamesTheOrderInTheQueryAndCancelInAJsonBody() {
        assertThat(bitmex.trading().queryOrder(OrderRef.byClientOrderId("XBTUSD", "c-1")).queryString())
                .isEqualTo("symbol=XBTUSD&filter=%7B%22clOrdID%22%3A%22c-1%22%7D&count=1&reverse=true");
        Request byId = bitmex.trading().cancelOrder(OrderRef.byOrderId("XBTUSD", "o-1"));
        Request byClientId = bitmex.trading().cancelOrder(OrderRef.byClientOrderId("XBTUSD", "c-1"));

        assertThat(byId.queryString()).isEmpty();
        assertThat(byId.bodyText()).isEqualTo("{\"orderID\":\"o-1\"}");
        assertThat(byId.body()).hasValueSatisfying(b -> assertThat(b.contentType()).isEqualTo("application/json"));
        assertThat(byClientId.queryString()).isEmpty();
        assertThat(byClientId.bodyText()).isEqualTo("{\"clOrdID\":\"c-1\"}");
    }

    @Test
    void clientOrderIdsFitBitmexAndDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = bitmex.trading().newClientOrderId();
            assertThat(id.length()).isLessThanOrEqualTo(36);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
