package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OKX request limits and faults on OKX paths. Limits from the OKX v5 docs, each endpoint's page:
 * Trade > Place order "60 requests per 2 seconds, rule User ID + Instrument ID"; Trade > Cancel
 * order and Trade > Get order details the same; Trading Account > Get balance "10 requests per 2
 * seconds, rule User ID"; Public Data > Get system time "10 requests per 2 seconds, rule IP";
 * Public Data > Get instruments "20 requests per 2 seconds, rule IP + Instrument Type". Overview >
 * Rate Limits: placing, amending and cancelling are limited independently; a limited request gets
 * 50011, answered with HTTP 429 and "Too Many Requests" (Error Code > REST API, General class).
 */
class OkxLimitsAndFaultsTest {

    private static final String KEY = "okx-limits-key";
    private static final String SECRET = "LIMITSSECRET00000000000000000000";
    private static final String PASSPHRASE = "limits";
    private static final String TOO_MANY = "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}";

    /** On an even second, so that a test's requests share one two-second window. */
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private SimExchange sim;
    private OkxTestClient okx;

    private void start(int scale) throws IOException {
        sim = SimExchange.builder().clock(clock).okxRateLimitScale(scale).build().start();
        sim.addOkxKey(KEY, SECRET, PASSPHRASE);
        okx = new OkxTestClient(sim, clock, KEY, SECRET, PASSPHRASE);
    }

    @AfterEach
    void stop() throws IOException {
        if (okx != null) {
            okx.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private int place(String instId, String clOrdId) throws IOException {
        return okx.post("/api/v5/trade/order", OkxTestClient.limit(instId, "buy", "1000", "0.001", clOrdId)).status();
    }

    private static void assertLimited(RawHttp.Reply reply) {
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.text()).isEqualTo(TOO_MANY);
    }

    @Test
    void sixtyFirstOrderOnOneInstrumentWithinTwoSecondsIsLimitedWhileOthersPass() throws Exception {
        start(1);
        for (int i = 0; i < 60; i++) {
            assertThat(place("BTC-USDT", "b" + i)).as("order %d", i + 1).isEqualTo(200);
        }
        RawHttp.Reply limited = okx.post("/api/v5/trade/order",
                OkxTestClient.limit("BTC-USDT", "buy", "1000", "0.001", "b60"));
        assertLimited(limited);
        assertThat(sim.orderAttempts("b60")).isEqualTo(1);
        assertThat(sim.ordersPlaced("b60")).isZero();

        // per instrument: ETH-USDT has its own 60; cancelling and querying have their own limits
        assertThat(place("ETH-USDT", "e0")).isEqualTo(200);
        assertThat(okx.post("/api/v5/trade/cancel-order", "{\"instId\":\"BTC-USDT\",\"clOrdId\":\"b0\"}").status())
                .isEqualTo(200);
        assertThat(okx.get("/api/v5/trade/order?instId=BTC-USDT&clOrdId=b1").status()).isEqualTo(200);
        assertThat(okx.get("/api/v5/account/balance").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(2));
        assertThat(place("BTC-USDT", "b61")).isEqualTo(200);
    }

    @Test
    void balanceLimitIsIndependentOfTheOrderLimit() throws Exception {
        start(1);
        for (int i = 0; i < 10; i++) {
            assertThat(okx.get("/api/v5/account/balance").status()).as("balance %d", i + 1).isEqualTo(200);
        }
        assertLimited(okx.get("/api/v5/account/balance"));
        assertThat(place("BTC-USDT", "afterBalance")).isEqualTo(200);
        assertThat(sim.ordersPlaced("afterBalance")).isEqualTo(1);

        // per key: another key has its own ten
        sim.addOkxKey("other-key", SECRET, PASSPHRASE);
        try (OkxTestClient other = new OkxTestClient(sim, clock, "other-key", SECRET, PASSPHRASE)) {
            assertThat(other.get("/api/v5/account/balance").status()).isEqualTo(200);
        }
        clock.advance(Duration.ofMillis(1999));
        assertLimited(okx.get("/api/v5/account/balance"));
        clock.advance(Duration.ofMillis(1));
        assertThat(okx.get("/api/v5/account/balance").status()).isEqualTo(200);
    }

    @Test
    void cancelLimitIsPerInstrument() throws Exception {
        start(1);
        for (int i = 0; i < 60; i++) {
            assertThat(okx.post("/api/v5/trade/cancel-order", "{\"instId\":\"ETH-USDT\",\"ordId\":\"1\"}").status())
                    .isEqualTo(200);
        }
        assertLimited(okx.post("/api/v5/trade/cancel-order", "{\"instId\":\"ETH-USDT\",\"ordId\":\"1\"}"));
        assertThat(okx.post("/api/v5/trade/cancel-order", "{\"instId\":\"BTC-USDT\",\"ordId\":\"1\"}").status())
                .isEqualTo(200);
    }

    /**
     * Trade > Get order details: "Rate Limit: 60 requests per 2 seconds", "Rate limit rule (except
     * Options): User ID + Instrument ID"; the 61st query on one instrument is 50011, another
     * instrument and another key still have theirs, and the next window starts afresh.
     */
    @Test
    void orderDetailsLimitIsPerKeyAndInstrument() throws Exception {
        start(1);
        for (int i = 0; i < 60; i++) {
            assertThat(okx.get("/api/v5/trade/order?instId=SOL-USDT&clOrdId=q" + i).status()).as("query %d", i + 1)
                    .isEqualTo(200);
        }
        assertLimited(okx.get("/api/v5/trade/order?instId=SOL-USDT&clOrdId=q60"));
        assertThat(okx.get("/api/v5/trade/order?instId=OKB-USDT&clOrdId=q61").status()).isEqualTo(200);
        sim.addOkxKey("query-key", SECRET, PASSPHRASE);
        try (OkxTestClient other = new OkxTestClient(sim, clock, "query-key", SECRET, PASSPHRASE)) {
            assertThat(other.get("/api/v5/trade/order?instId=SOL-USDT&clOrdId=q62").status()).isEqualTo(200);
        }
        clock.advance(Duration.ofSeconds(2));
        assertThat(okx.get("/api/v5/trade/order?instId=SOL-USDT&clOrdId=q63").status()).isEqualTo(200);
    }

    @Test
    void publicLimitsArePerIpAndInstrumentsPerInstType() throws Exception {
        start(1);
        for (int i = 0; i < 10; i++) {
            assertThat(RawHttp.get(sim.port(), "/api/v5/public/time").status()).isEqualTo(200);
        }
        assertLimited(RawHttp.get(sim.port(), "/api/v5/public/time"));
        for (int i = 0; i < 20; i++) {
            assertThat(RawHttp.get(sim.port(), "/api/v5/public/instruments?instType=SPOT").status()).isEqualTo(200);
        }
        assertLimited(RawHttp.get(sim.port(), "/api/v5/public/instruments?instType=SPOT"));
        assertThat(RawHttp.get(sim.port(), "/api/v5/public/instruments?instType=SWAP").status()).isEqualTo(200);

        sim.resetRateLimits();
        assertThat(RawHttp.get(sim.port(), "/api/v5/public/time").status()).isEqualTo(200);
        assertThat(RawHttp.get(sim.port(), "/api/v5/public/instruments?instType=SPOT").status()).isEqualTo(200);
    }

    @Test
    void scaleMultipliesEveryLimitForBenchmarks() throws Exception {
        start(3);
        for (int i = 0; i < 30; i++) {
            assertThat(okx.get("/api/v5/account/balance").status()).as("balance %d", i + 1).isEqualTo(200);
        }
        assertLimited(okx.get("/api/v5/account/balance"));
    }

    @Test
    void injected503BeforeProcessingIsShapedAsOkxAndPlacesNothing() throws Exception {
        start(1);
        sim.faults().on("POST", "/api/v5/trade/order").statuses(503);
        RawHttp.Reply reply = okx.post("/api/v5/trade/order",
                OkxTestClient.limit("BTC-USDT", "buy", "1000", "0.001", "f503"));
        assertThat(reply.status()).isEqualTo(503);
        // Error Code, General class: 50001 (HTTP 503)
        assertThat(reply.text()).isEqualTo(
                "{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable. Please try again later.\",\"data\":[]}");
        assertThat(sim.orderAttempts("f503")).isEqualTo(1);
        assertThat(sim.ordersPlaced("f503")).isZero();
    }

    @Test
    void injectedStatusAfterProcessingLeavesThePlacedOrderLive() throws Exception {
        start(1);
        sim.faults().apply("POST /api/v5/trade/order:status-after=503");
        RawHttp.Reply lost = okx.post("/api/v5/trade/order",
                OkxTestClient.limit("BTC-USDT", "buy", "1000", "0.001", "after503"));
        assertThat(lost.status()).isEqualTo(503);
        assertThat(sim.ordersPlaced("after503")).isEqualTo(1);
        RawHttp.Reply status = okx.get("/api/v5/trade/order?instId=BTC-USDT&clOrdId=after503");
        assertThat(status.json().at("/data/0/state").asText()).isEqualTo("live");
        // a client that retries blindly meets the pending clOrdId
        RawHttp.Reply retry = okx.post("/api/v5/trade/order",
                OkxTestClient.limit("BTC-USDT", "buy", "1000", "0.001", "after503"));
        assertThat(retry.json().at("/data/0/sCode").asText()).isEqualTo("51016");
        assertThat(sim.orderAttempts("after503")).isEqualTo(2);
        assertThat(sim.ordersPlaced("after503")).isEqualTo(1);
    }

    @Test
    void injected429IsOkxsRateLimitAnswer() throws Exception {
        start(1);
        sim.faults().path("/api/v5/account/balance").statuses(429);
        assertLimited(okx.get("/api/v5/account/balance"));
        assertThat(okx.get("/api/v5/account/balance").status()).isEqualTo(200);
        assertThat(sim.received("/api/v5/account/balance")).isEqualTo(2);
    }
}
