package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BitmexTest {

    /** BitMEX's documentation example. */
    private static final String DOC_SECRET = "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO";
    private static final String DOC_SIGNATURE = "c7682d435d0cfe87c16098df34ef2eb5a549d4c5a3c2b1f0f77b8af73423bf00";
    private static final long DOC_EXPIRES = 1518064236L;
    private static final String KEY = "LAqUlngMIQkIUjXMUreyu3qn";

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private SimExchange sim;

    private SimExchange start(Clock c, int limit) {
        sim = SimExchange.builder().clock(c).bitmexRateLimit(limit).build().start();
        sim.addBitmexKey(KEY, DOC_SECRET);
        return sim;
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private long expires() {
        return clock.millis() / 1000 + 10;
    }

    private RawHttp.Reply signed(String method, String pathWithQuery, String jsonBody) throws IOException {
        Map<String, String> headers = new HashMap<>(
                TestSigning.bitmexHeaders(KEY, DOC_SECRET, method, pathWithQuery, expires(), jsonBody));
        if (jsonBody != null) {
            headers.put("Content-Type", "application/json");
        }
        return RawHttp.once(sim.port(), method, pathWithQuery, headers, jsonBody);
    }

    @Test
    void documentationExampleSignsToTheDocumentedSignature() throws Exception {
        start(Clock.fixed(Instant.ofEpochSecond(DOC_EXPIRES - 5), ZoneOffset.UTC), 120);
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET", "/api/v1/instrument",
                Map.of("api-key", KEY, "api-expires", Long.toString(DOC_EXPIRES), "api-signature", DOC_SIGNATURE),
                null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(new HmacSha256(DOC_SECRET).verifyHex(
                ("GET/api/v1/instrument" + DOC_EXPIRES).getBytes(StandardCharsets.US_ASCII), DOC_SIGNATURE)).isTrue();
        RawHttp.Reply margin = RawHttp.once(sim.port(), "GET", "/api/v1/user/margin",
                Map.of("api-key", KEY, "api-expires", Long.toString(DOC_EXPIRES), "api-signature", DOC_SIGNATURE),
                null);
        assertThat(margin.status()).isEqualTo(401);
        assertThat(margin.text()).isEqualTo("{\"error\":{\"message\":\"Signature not valid.\",\"name\":\"HTTPError\"}}");
    }

    /**
     * BitMEX answers an expired {@code api-expires} with 400 Bad Request and
     * {@code {"error":{"message":"This request has expired - `expires` is in the past. Current time: N","name":"HTTPError"}}}
     * (the answers quoted in BitMEX/sample-market-maker#49 and BitMEX/api-connectors#17, #506); the
     * API docs, "API Keys Usage": api-expires is "a UNIX timestamp after which the request is no
     * longer valid".
     */
    @Test
    void expiredRequestIsRejectedWith400AndTheServerTime() throws Exception {
        start(clock, 120);
        long now = clock.millis() / 1000;
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET", "/api/v1/user/margin",
                TestSigning.bitmexHeaders(KEY, DOC_SECRET, "GET", "/api/v1/user/margin", now - 1, null), null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).isEqualTo("{\"error\":{\"message\":\"This request has expired - `expires` is in the past."
                + " Current time: " + now + "\",\"name\":\"HTTPError\"}}");
        RawHttp.Reply lastSecond = RawHttp.once(sim.port(), "GET", "/api/v1/user/margin",
                TestSigning.bitmexHeaders(KEY, DOC_SECRET, "GET", "/api/v1/user/margin", now, null), null);
        assertThat(lastSecond.status()).as("valid until the second named has passed").isEqualTo(200);
    }

    /** RFC 9110, 6.6.1: an origin server with a clock sends Date; the simulator's follows its own clock. */
    @Test
    void theDateHeaderFollowsTheSimulatorsClock() throws Exception {
        start(clock, 120);
        clock.set(1_518_064_237_000L);
        assertThat(RawHttp.get(sim.port(), "/api/v1/instrument?symbol=XBTUSD").header("Date"))
                .isEqualTo("Thu, 08 Feb 2018 04:30:37 GMT");
    }

    @Test
    void unknownKeyIsRejected() throws Exception {
        start(clock, 120);
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET", "/api/v1/user/margin",
                TestSigning.bitmexHeaders("nobody", DOC_SECRET, "GET", "/api/v1/user/margin", expires(), null), null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().at("/error/message").asText()).isEqualTo("Invalid API Key.");
    }

    @Test
    void signatureCoversQueryString() throws Exception {
        start(clock, 120);
        Map<String, String> headers = TestSigning.bitmexHeaders(KEY, DOC_SECRET, "GET",
                "/api/v1/user/margin?currency=XBt", expires(), null);
        assertThat(RawHttp.once(sim.port(), "GET", "/api/v1/user/margin?currency=XBt", headers, null).status())
                .isEqualTo(200);
        assertThat(RawHttp.once(sim.port(), "GET", "/api/v1/user/margin?currency=USDt", headers, null).status())
                .isEqualTo(401);
    }

    @Test
    void activeInstrumentsAreRealistic() throws Exception {
        start(clock, 120);
        RawHttp.Reply reply = RawHttp.get(sim.port(), "/api/v1/instrument/active");
        JsonNode instruments = reply.json();
        assertThat(instruments.size()).isGreaterThanOrEqualTo(8);
        assertThat(instruments.findValuesAsText("state")).containsOnly("Open");
        assertThat(instruments.findValuesAsText("typ")).contains("FFWCSX", "FFCCSX");
        JsonNode xbt = instruments.get(0);
        assertThat(xbt.get("symbol").asText()).isEqualTo("XBTUSD");
        assertThat(xbt.get("tickSize").isNumber()).isTrue();
        assertThat(xbt.get("tickSize").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(xbt.get("lotSize").decimalValue()).isEqualByComparingTo("100");
        assertThat(xbt.get("multiplier").asLong()).isEqualTo(-100_000_000L);
        assertThat(xbt.get("settlCurrency").asText()).isEqualTo("XBt");
        assertThat(reply.header("x-ratelimit-limit")).isEqualTo("30");
        assertThat(reply.header("x-ratelimit-remaining")).isEqualTo("29");
    }

    /**
     * swagger.json, GET /instrument/active: "all active instruments and instruments that have expired
     * in <24hrs"; GET /instrument: all, "including those that have settled or are unlisted". BitMEX's
     * quarterly futures expire on the last Friday of the quarter's month at 12:00 UTC (BitMEX Futures
     * Guide: XBTZ21 12/31/2021, XBTH22 3/25/2022; "the regular December expiry at 12:00 UTC"), named
     * by the month codes H, M, U, Z (Futures Guide, "Month Codes"). The simulator's follow its clock.
     */
    @Test
    void futuresFollowTheClockAndLeaveTheActiveListADayAfterExpiry() throws Exception {
        start(clock, 120);
        clock.set(Instant.parse("2025-12-26T11:00:00Z").toEpochMilli());

        JsonNode before = RawHttp.get(sim.port(), "/api/v1/instrument/active").json();
        assertThat(before.findValuesAsText("symbol")).contains("XBTUSD", "XBTZ25", "XBTH26", "ETHUSDZ25")
                .doesNotContain("XBTU25", "XBTM26", "ETHUSDU25");
        assertThat(before.findValuesAsText("state")).containsOnly("Open");
        JsonNode z25 = instrument(before, "XBTZ25");
        assertThat(z25.get("expiry").asText()).isEqualTo("2025-12-26T12:00:00.000Z");
        assertThat(z25.get("settle").asText()).isEqualTo("2025-12-26T12:00:00.000Z");
        assertThat(z25.get("listing").asText()).isEqualTo("2025-06-27T12:00:00.000Z");
        assertThat(z25.get("typ").asText()).isEqualTo("FFCCSX");

        clock.advance(java.time.Duration.ofHours(2));
        JsonNode after = RawHttp.get(sim.port(), "/api/v1/instrument/active").json();
        assertThat(instrument(after, "XBTZ25").get("state").asText()).as("expired less than 24 h ago").isEqualTo("Settled");
        assertThat(instrument(after, "XBTM26").get("state").asText()).as("listed at the December expiry").isEqualTo("Open");
        RawHttp.Reply onSettled = signed("POST", "/api/v1/order", "{\"symbol\":\"XBTZ25\",\"orderQty\":100,\"price\":60000}");
        assertThat(onSettled.status()).isEqualTo(400);

        clock.advance(java.time.Duration.ofHours(24));
        JsonNode dayAfter = RawHttp.get(sim.port(), "/api/v1/instrument/active").json();
        assertThat(dayAfter.findValuesAsText("symbol")).doesNotContain("XBTZ25", "ETHUSDZ25").contains("XBTH26", "XBTM26");
        assertThat(RawHttp.get(sim.port(), "/api/v1/instrument?symbol=XBTZ25").json().get(0).get("state").asText())
                .isEqualTo("Settled");
        assertThat(RawHttp.get(sim.port(), "/api/v1/instrument?symbol=XBTU26").json().get(0).get("state").asText())
                .isEqualTo("Unlisted");
        assertThat(RawHttp.get(sim.port(), "/api/v1/instrument?symbol=xbt").json().findValuesAsText("symbol"))
                .as("a bare series: its nearest expiring contract").containsExactly("XBTH26");
        assertThat(RawHttp.get(sim.port(), "/api/v1/instrument?count=2&start=1").json().findValuesAsText("symbol"))
                .containsExactly("ETHUSD", "XBTUSDT");
    }

    private static JsonNode instrument(JsonNode list, String symbol) {
        for (JsonNode i : list) {
            if (symbol.equals(i.get("symbol").asText())) {
                return i;
            }
        }
        throw new AssertionError(symbol + " is not in " + list.findValuesAsText("symbol"));
    }

    @Test
    void marginShowsTheWallet() throws Exception {
        start(clock, 120);
        JsonNode margin = signed("GET", "/api/v1/user/margin", null).json();
        assertThat(margin.get("currency").asText()).isEqualTo("XBt");
        assertThat(margin.get("walletBalance").asLong()).isPositive();
        assertThat(signed("GET", "/api/v1/user/margin?currency=all", null).json().size()).isEqualTo(2);
    }

    @Test
    void orderWithJsonBodyIsPlacedOnceAndDuplicateClOrdIdIsRejected() throws Exception {
        start(clock, 120);
        String body = "{\"symbol\":\"XBTUSD\",\"side\":\"Buy\",\"orderQty\":100,\"price\":60000.5,\"clOrdID\":\"bm-1\"}";
        RawHttp.Reply placed = signed("POST", "/api/v1/order", body);
        assertThat(placed.status()).as(placed.text()).isEqualTo(200);
        assertThat(placed.json().get("ordStatus").asText()).isEqualTo("New");
        assertThat(placed.json().get("clOrdID").asText()).isEqualTo("bm-1");
        assertThat(placed.json().get("orderID").asText()).hasSize(36);
        RawHttp.Reply duplicate = signed("POST", "/api/v1/order", body);
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().at("/error/message").asText()).isEqualTo("Duplicate clOrdID");
        assertThat(sim.ordersPlaced("bm-1")).isEqualTo(1);
        assertThat(sim.orderAttempts("bm-1")).isEqualTo(2);
    }

    @Test
    void orderWithFormBodyIsAccepted() throws Exception {
        start(clock, 120);
        String body = "symbol=ETHUSD&side=Sell&orderQty=5&price=3600.05&clOrdID=form-1";
        RawHttp.Reply placed = RawHttp.once(sim.port(), "POST", "/api/v1/order",
                TestSigning.bitmexHeaders(KEY, DOC_SECRET, "POST", "/api/v1/order", expires(), body), body);
        assertThat(placed.status()).as(placed.text()).isEqualTo(200);
        assertThat(placed.json().get("side").asText()).isEqualTo("Sell");
        assertThat(placed.json().get("price").decimalValue()).isEqualByComparingTo("3600.05");
    }

    /**
     * swagger.json, POST /order: orderQty is {@code "type": "integer", "format": "int32"}; BitMEX
     * answers a fraction with 400 {@code {"error":{"message":"Invalid orderQty","name":"ValidationError"}}}
     * (as quoted in ccxt/ccxt#7337). JSON does not tell 100.0 from 100.
     */
    @Test
    void aFractionalOrderQtyIsRefused() throws Exception {
        start(clock, 120);
        RawHttp.Reply fraction = signed("POST", "/api/v1/order",
                "{\"symbol\":\"XBTUSD\",\"orderQty\":100.5,\"price\":60000,\"clOrdID\":\"frac-1\"}");
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.text()).isEqualTo("{\"error\":{\"message\":\"Invalid orderQty\",\"name\":\"ValidationError\"}}");
        assertThat(sim.ordersPlaced("frac-1")).isZero();
        assertThat(signed("POST", "/api/v1/order", "{\"symbol\":\"XBTUSD\",\"orderQty\":3000000000,\"price\":60000}")
                .status()).as("beyond int32").isEqualTo(400);
        JsonNode whole = signed("POST", "/api/v1/order", "{\"symbol\":\"XBTUSD\",\"orderQty\":100.0,\"price\":60000}").json();
        assertThat(whole.get("orderQty").isIntegralNumber()).as("Order.orderQty is an int64").isTrue();
        assertThat(whole.get("leavesQty").isIntegralNumber()).isTrue();
        assertThat(whole.get("orderQty").asLong()).isEqualTo(100);
    }

    /**
     * BitMEX's "REST API Message Format" page, POST /order: "Invalid price tickSize", "Invalid
     * symbol", "Instrument expired", "Unsupported ordType" (the lot-size text is the simulator's own).
     */
    @Test
    void ordersAreValidatedAgainstTickAndLot() throws Exception {
        start(clock, 120);
        assertThat(signed("POST", "/api/v1/order", "{\"symbol\":\"XBTUSD\",\"orderQty\":100,\"price\":60000.3}")
                .json().at("/error/message").asText()).isEqualTo("Invalid price tickSize");
        assertThat(signed("POST", "/api/v1/order", "{\"symbol\":\"XBTUSD\",\"orderQty\":150,\"price\":60000}")
                .json().at("/error/message").asText()).startsWith("Order quantity must be a multiple of lot size");
        RawHttp.Reply settled = signed("POST", "/api/v1/order", "{\"symbol\":\"ETHUSDU23\",\"orderQty\":1,\"price\":3000}");
        assertThat(settled.status()).isEqualTo(400);
        assertThat(settled.json().at("/error/message").asText()).isEqualTo("Instrument expired");
        assertThat(signed("POST", "/api/v1/order", "{\"symbol\":\"XBTH23\",\"orderQty\":1,\"price\":3000}")
                .json().at("/error/message").asText()).isEqualTo("Invalid symbol");
        assertThat(signed("POST", "/api/v1/order", "{\"symbol\":\"XBTM24\",\"orderQty\":100,\"price\":60000}")
                .json().at("/error/message").asText()).isEqualTo("Instrument not listed for trading yet");
        assertThat(signed("POST", "/api/v1/order", "{\"symbol\":\"XBTUSD\",\"orderQty\":100,\"price\":60000,"
                + "\"ordType\":\"Iceberg\"}").json().at("/error/message").asText()).isEqualTo("Unsupported ordType");
    }

    /**
     * swagger.json: GET /order takes {@code symbol} and {@code filter} {@code in: query}; DELETE /order
     * takes {@code orderID} and {@code clOrdID} {@code in: formData} (the body, JSON or a form), and
     * "Either an orderID or a clOrdID must be provided".
     */
    @Test
    void ordersAreQueriedByFilterAndCanceledByIdOrClOrdIdInTheBody() throws Exception {
        start(clock, 120);
        String id1 = signed("POST", "/api/v1/order",
                "{\"symbol\":\"XBTUSD\",\"orderQty\":100,\"price\":50000,\"clOrdID\":\"c-1\"}").json()
                .get("orderID").asText();
        signed("POST", "/api/v1/order", "{\"symbol\":\"XBTUSDT\",\"orderQty\":1000,\"price\":50000,\"clOrdID\":\"c-2\"}");
        String filter = URLEncoder.encode("{\"clOrdID\":\"c-1\"}", StandardCharsets.UTF_8);
        JsonNode found = signed("GET", "/api/v1/order?filter=" + filter, null).json();
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("orderID").asText()).isEqualTo(id1);
        assertThat(signed("GET", "/api/v1/order?symbol=XBTUSDT", null).json().size()).isEqualTo(1);

        JsonNode canceled = signed("DELETE", "/api/v1/order", "{\"orderID\":\"" + id1 + "\"}").json();
        assertThat(canceled.isArray()).isTrue();
        assertThat(canceled.get(0).get("ordStatus").asText()).isEqualTo("Canceled");
        RawHttp.Reply inTheQuery = signed("DELETE", "/api/v1/order?clOrdID=c-2", null);
        assertThat(inTheQuery.status()).as("formData parameters are read from the body").isEqualTo(400);
        assertThat(inTheQuery.json().at("/error/message").asText()).isEqualTo("orderIDs or clOrdIDs must be sent");
        String form = "clOrdID=c-2";
        JsonNode byClOrdId = RawHttp.once(sim.port(), "DELETE", "/api/v1/order",
                TestSigning.bitmexHeaders(KEY, DOC_SECRET, "DELETE", "/api/v1/order", expires(), form), form).json();
        assertThat(byClOrdId.get(0).get("ordStatus").asText()).isEqualTo("Canceled");
        String openFilter = URLEncoder.encode("{\"open\":true}", StandardCharsets.UTF_8);
        assertThat(signed("GET", "/api/v1/order?filter=" + openFilter, null).json().size()).isZero();
    }

    /**
     * BitMEX API docs, "Limits": token buckets, "continuously refilled"; a refused request gets 429
     * and Retry-After; "At the UNIX timestamp designated by x-ratelimit-reset, you will have enough
     * requests left to retry your current request. If you have not exceeded your limit, this value
     * is always the current timestamp." (BitMEX/api-connectors, python-swaggerpy README, "HTTP 429").
     */
    @Test
    void requestLimitAnswers429WithRetryAfterAndResetWhenATokenIsBack() throws Exception {
        start(clock, 3);
        long now = clock.millis() / 1000;
        RawHttp.Reply first = signed("GET", "/api/v1/user/margin", null);
        assertThat(first.header("x-ratelimit-limit")).isEqualTo("3");
        assertThat(first.header("x-ratelimit-remaining")).isEqualTo("2");
        assertThat(first.header("x-ratelimit-reset")).as("not exceeded: the current timestamp").isEqualTo(Long.toString(now));
        signed("GET", "/api/v1/user/margin", null);
        RawHttp.Reply last = signed("GET", "/api/v1/user/margin", null);
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.header("x-ratelimit-remaining")).isEqualTo("0");
        assertThat(last.header("x-ratelimit-reset")).as("3 per minute: a token every 20 s").isEqualTo(Long.toString(now + 20));
        RawHttp.Reply limited = signed("GET", "/api/v1/user/margin", null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("x-ratelimit-remaining")).isEqualTo("0");
        assertThat(limited.header("Retry-After")).isEqualTo("20");
        assertThat(limited.json().at("/error/name").asText()).isEqualTo("RateLimitError");
        clock.advance(java.time.Duration.ofSeconds(20));
        assertThat(signed("GET", "/api/v1/user/margin", null).status()).isEqualTo(200);
    }

    /**
     * BitMEX API docs, "Limits": "120 requests per minute on all routes (reduced to 30 when
     * unauthenticated)": a client address without a key has a bucket of 30, apart from its keys'.
     */
    @Test
    void withoutAKeyThirtyRequestsPerMinutePerAddress() throws Exception {
        start(clock, 120);
        for (int i = 0; i < 30; i++) {
            RawHttp.Reply reply = RawHttp.get(sim.port(), "/api/v1/instrument?symbol=XBTUSD");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("x-ratelimit-limit")).isEqualTo("30");
            assertThat(reply.header("x-ratelimit-remaining")).isEqualTo(Integer.toString(29 - i));
        }
        RawHttp.Reply limited = RawHttp.get(sim.port(), "/api/v1/instrument?symbol=XBTUSD");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).as("30 per minute: a token every 2 s").isEqualTo("2");

        RawHttp.Reply withKey = signed("GET", "/api/v1/instrument?symbol=XBTUSD", null);
        assertThat(withKey.status()).isEqualTo(200);
        assertThat(withKey.header("x-ratelimit-limit")).isEqualTo("120");
        assertThat(withKey.header("x-ratelimit-remaining")).isEqualTo("119");
    }

    /**
     * BitMEX API docs, "Limits": "10 requests per second on certain routes"; the BitMEX blog, "Second
     * Layer Rate Limits": the routes are POST, PUT and DELETE /order, POST and PUT /order/bulk, DELETE
     * /order/all and POST /position/isolate, /position/leverage and /position/transferMargin, their
     * answers carry x-ratelimit-remaining-1s, and a request beyond the limit is refused with 429.
     */
    @Test
    void orderRoutesAreAlsoLimitedToTenPerSecond() throws Exception {
        start(clock, 120);
        for (int i = 0; i < 10; i++) {
            RawHttp.Reply placed = signed("POST", "/api/v1/order",
                    "{\"symbol\":\"XBTUSD\",\"orderQty\":100,\"price\":50000,\"clOrdID\":\"sec-" + i + "\"}");
            assertThat(placed.status()).as(placed.text()).isEqualTo(200);
            assertThat(placed.header("x-ratelimit-remaining-1s")).isEqualTo(Integer.toString(9 - i));
        }
        RawHttp.Reply limited = signed("POST", "/api/v1/order",
                "{\"symbol\":\"XBTUSD\",\"orderQty\":100,\"price\":50000,\"clOrdID\":\"sec-10\"}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.header("x-ratelimit-remaining-1s")).isEqualTo("0");
        assertThat(limited.header("x-ratelimit-remaining")).as("a refused request takes no token").isEqualTo("110");
        assertThat(sim.ordersPlaced("sec-10")).isZero();
        assertThat(signed("DELETE", "/api/v1/order", "{\"clOrdID\":\"sec-0\"}").status()).isEqualTo(429);

        RawHttp.Reply query = signed("GET", "/api/v1/order", null);
        assertThat(query.status()).as("GET /order is not an order route").isEqualTo(200);
        assertThat(query.header("x-ratelimit-remaining-1s")).isNull();

        clock.advance(java.time.Duration.ofMillis(150));
        RawHttp.Reply refilled = signed("DELETE", "/api/v1/order", "{\"clOrdID\":\"sec-0\"}");
        assertThat(refilled.status()).as("a token back within a tenth of a second and a half").isEqualTo(200);
        assertThat(refilled.header("x-ratelimit-remaining-1s")).isEqualTo("0");
    }

    @Test
    void demoKeyWorksWithoutConfiguration() throws Exception {
        start(clock, 120);
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET", "/api/v1/user/margin",
                TestSigning.bitmexHeaders(SimExchange.DEMO_BITMEX_API_KEY, SimExchange.DEMO_BITMEX_SECRET, "GET",
                        "/api/v1/user/margin", expires(), null), null);
        assertThat(reply.status()).isEqualTo(200);
    }
}
