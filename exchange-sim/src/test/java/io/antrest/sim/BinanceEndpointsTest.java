package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinanceEndpointsTest {

    private static final String KEY = "orders-key";
    private static final String SECRET = "orders-secret";

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private SimExchange sim;

    @BeforeEach
    void start() {
        sim = SimExchange.builder().clock(clock).build().start();
        sim.addBinanceKey(KEY, SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private RawHttp.Reply signed(String method, String params) throws IOException {
        String signedParams = TestSigning.binanceQuery(SECRET, params, clock.millis());
        if ("POST".equals(method)) {
            return RawHttp.once(sim.port(), method, "/api/v3/order", TestSigning.binanceKey(KEY), signedParams);
        }
        return RawHttp.once(sim.port(), method, "/api/v3/order?" + signedParams, TestSigning.binanceKey(KEY), null);
    }

    private RawHttp.Reply account() throws IOException {
        return RawHttp.once(sim.port(), "GET", "/api/v3/account?" + TestSigning.binanceQuery(SECRET, "", clock.millis()),
                TestSigning.binanceKey(KEY), null);
    }

    private static JsonNode balance(JsonNode account, String asset) {
        for (JsonNode b : account.get("balances")) {
            if (b.get("asset").asText().equals(asset)) {
                return b;
            }
        }
        throw new AssertionError("no balance for " + asset);
    }

    @Test
    void pingTimeAndWeightHeaders() throws Exception {
        RawHttp.Reply ping = RawHttp.get(sim.port(), "/api/v3/ping");
        assertThat(ping.text()).isEqualTo("{}");
        assertThat(ping.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("1");
        RawHttp.Reply time = RawHttp.get(sim.port(), "/api/v3/time");
        assertThat(time.json().get("serverTime").asLong()).isEqualTo(clock.millis());
        assertThat(time.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("2");
        assertThat(RawHttp.get(sim.port(), "/api/v3/exchangeInfo").header("X-MBX-USED-WEIGHT-1M")).isEqualTo("22");
        assertThat(RawHttp.get(sim.port(), "/api/v3/ticker/price").header("X-MBX-USED-WEIGHT-1M")).isEqualTo("26");
        assertThat(RawHttp.get(sim.port(), "/api/v3/ticker/price?symbol=BTCUSDT").header("X-MBX-USED-WEIGHT-1M"))
                .isEqualTo("28");
        assertThat(account().header("X-MBX-USED-WEIGHT-1M")).isEqualTo("48");
    }

    @Test
    void exchangeInfoListsRealisticSymbolsWithFiltersAndSomeNotTrading() throws Exception {
        JsonNode info = RawHttp.get(sim.port(), "/api/v3/exchangeInfo").json();
        assertThat(info.get("timezone").asText()).isEqualTo("UTC");
        assertThat(info.get("serverTime").asLong()).isEqualTo(clock.millis());
        assertThat(info.get("rateLimits").get(0).get("limit").asInt()).isEqualTo(6000);
        assertThat(info.get("symbols").size()).isGreaterThanOrEqualTo(20);
        assertThat(info.get("symbols").findValuesAsText("status")).contains("TRADING", "BREAK");
        JsonNode btc = RawHttp.get(sim.port(), "/api/v3/exchangeInfo?symbol=BTCUSDT").json().get("symbols").get(0);
        assertThat(btc.get("baseAsset").asText()).isEqualTo("BTC");
        assertThat(btc.get("filters").findValuesAsText("filterType")).contains("PRICE_FILTER", "LOT_SIZE", "NOTIONAL");
        assertThat(btc.get("filters").get(0).get("tickSize").asText()).isEqualTo("0.01000000");
        RawHttp.Reply two = RawHttp.get(sim.port(), "/api/v3/exchangeInfo?symbols=%5B%22ETHBTC%22,%22LTCBTC%22%5D");
        assertThat(two.json().get("symbols").findValuesAsText("symbol")).containsExactly("ETHBTC", "LTCBTC");
        RawHttp.Reply unknown = RawHttp.get(sim.port(), "/api/v3/exchangeInfo?symbol=NOPE");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    /** rest-api.md, "Exchange information", the response's symbol: every field of the example, in its order. */
    @Test
    void exchangeInfoSymbolsHaveTheDocumentedFields() throws Exception {
        JsonNode btc = RawHttp.get(sim.port(), "/api/v3/exchangeInfo?symbol=BTCUSDT").json().get("symbols").get(0);
        List<String> fields = new ArrayList<>();
        btc.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("symbol", "status", "baseAsset", "baseAssetPrecision", "quoteAsset",
                "quotePrecision", "quoteAssetPrecision", "baseCommissionPrecision", "quoteCommissionPrecision", "orderTypes",
                "icebergAllowed", "ocoAllowed", "otoAllowed", "opoAllowed", "quoteOrderQtyMarketAllowed", "allowTrailingStop",
                "cancelReplaceAllowed", "amendAllowed", "pegInstructionsAllowed", "isSpotTradingAllowed",
                "isMarginTradingAllowed", "filters", "permissions", "permissionSets", "defaultSelfTradePreventionMode",
                "allowedSelfTradePreventionModes");
    }

    @Test
    void tickerPriceForAllOrOneSymbol() throws Exception {
        JsonNode all = RawHttp.get(sim.port(), "/api/v3/ticker/price").json();
        assertThat(all.isArray()).isTrue();
        assertThat(all.size()).isGreaterThanOrEqualTo(20);
        JsonNode one = RawHttp.get(sim.port(), "/api/v3/ticker/price?symbol=ETHBTC").json();
        assertThat(one.get("symbol").asText()).isEqualTo("ETHBTC");
        assertThat(one.get("price").asText()).matches("\\d+\\.\\d{8}");
    }

    @Test
    void accountShowsBalancesWithEightDecimals() throws Exception {
        JsonNode account = account().json();
        assertThat(account.get("makerCommission").asInt()).isEqualTo(10);
        assertThat(account.get("canTrade").asBoolean()).isTrue();
        assertThat(balance(account, "BTC").get("free").asText()).isEqualTo("1.50000000");
        assertThat(balance(account, "BTC").get("locked").asText()).isEqualTo("0.00000000");
    }

    @Test
    void limitOrderIsPlacedQueriedAndCanceledAndLocksItsBalance() throws Exception {
        RawHttp.Reply placed = signed("POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01"
                + "&price=50000&newClientOrderId=limit-1");
        assertThat(placed.status()).as(placed.text()).isEqualTo(200);
        JsonNode order = placed.json();
        assertThat(order.get("status").asText()).isEqualTo("NEW");
        assertThat(order.get("clientOrderId").asText()).isEqualTo("limit-1");
        assertThat(order.get("executedQty").asText()).isEqualTo("0.00000000");
        assertThat(order.get("origQty").asText()).isEqualTo("0.01000000");
        assertThat(order.get("transactTime").asLong()).isEqualTo(clock.millis());
        assertThat(placed.header("X-MBX-ORDER-COUNT-10S")).isEqualTo("1");
        assertThat(placed.header("X-MBX-ORDER-COUNT-1D")).isEqualTo("1");
        assertThat(balance(account().json(), "USDT").get("locked").asText()).isEqualTo("500.00000000");

        long orderId = order.get("orderId").asLong();
        RawHttp.Reply byId = signed("GET", "symbol=BTCUSDT&orderId=" + orderId);
        assertThat(byId.json().get("clientOrderId").asText()).isEqualTo("limit-1");
        RawHttp.Reply byClientId = signed("GET", "symbol=BTCUSDT&origClientOrderId=limit-1");
        assertThat(byClientId.json().get("orderId").asLong()).isEqualTo(orderId);

        RawHttp.Reply canceled = signed("DELETE", "symbol=BTCUSDT&orderId=" + orderId);
        assertThat(canceled.json().get("status").asText()).isEqualTo("CANCELED");
        assertThat(canceled.json().get("origClientOrderId").asText()).isEqualTo("limit-1");
        assertThat(balance(account().json(), "USDT").get("locked").asText()).isEqualTo("0.00000000");
        RawHttp.Reply again = signed("DELETE", "symbol=BTCUSDT&orderId=" + orderId);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text()).isEqualTo("{\"code\":-2011,\"msg\":\"Unknown order sent.\"}");
    }

    @Test
    void duplicateClientOrderIdIsRejectedAndPlacedOnce() throws Exception {
        String params = "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.1&price=4000"
                + "&newClientOrderId=dup-1";
        assertThat(signed("POST", params).status()).isEqualTo(200);
        RawHttp.Reply second = signed("POST", params);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.text()).isEqualTo("{\"code\":-2010,\"msg\":\"Duplicate order sent.\"}");
        assertThat(sim.ordersPlaced("dup-1")).isEqualTo(1);
        assertThat(sim.orderAttempts("dup-1")).isEqualTo(2);
    }

    /**
     * rest-api.md, "New order (TRADE)", {@code newClientOrderId}: "A unique id among open orders ...
     * Orders with the same newClientOrderID can be accepted only when the previous one is filled";
     * web-socket-api.md, "Cancel order": the cancel frees the id "for new orders". errors.md, -2010
     * NEW_ORDER_REJECTED, "Duplicate order sent." only while the order with the id is open.
     */
    @Test
    void aClientOrderIdIsTakenAgainOnceItsOrderIsNoLongerOpen() throws Exception {
        String limit = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000"
                + "&newClientOrderId=reuse-1";
        long first = signed("POST", limit).json().get("orderId").asLong();
        RawHttp.Reply whileOpen = signed("POST", limit);
        assertThat(whileOpen.status()).isEqualTo(400);
        assertThat(whileOpen.text()).isEqualTo("{\"code\":-2010,\"msg\":\"Duplicate order sent.\"}");

        assertThat(signed("DELETE", "symbol=BTCUSDT&origClientOrderId=reuse-1").json().get("status").asText())
                .isEqualTo("CANCELED");
        RawHttp.Reply again = signed("POST", limit);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        long second = again.json().get("orderId").asLong();
        assertThat(second).isNotEqualTo(first);
        assertThat(sim.ordersPlaced("reuse-1")).isEqualTo(2);

        String market = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&newClientOrderId=reuse-filled";
        assertThat(signed("POST", market).json().get("status").asText()).isEqualTo("FILLED");
        assertThat(signed("POST", market).status()).as("a filled order's id is free again").isEqualTo(200);
    }

    /**
     * Two orders share a client order id: the docs do not say which one a query by
     * {@code origClientOrderId} finds ("Query order (USER_DATA)"); as the id is unique among open
     * orders, the simulator answers with the latest, the open one if any. By orderId each is found.
     */
    @Test
    void aQueryByAReusedClientOrderIdFindsTheLatestOrder() throws Exception {
        String limit = "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.1&price=4000"
                + "&newClientOrderId=reuse-2";
        long first = signed("POST", limit).json().get("orderId").asLong();
        signed("DELETE", "symbol=ETHUSDT&orderId=" + first);
        long second = signed("POST", limit).json().get("orderId").asLong();

        JsonNode latest = signed("GET", "symbol=ETHUSDT&origClientOrderId=reuse-2").json();
        assertThat(latest.get("orderId").asLong()).isEqualTo(second);
        assertThat(latest.get("status").asText()).isEqualTo("NEW");
        assertThat(signed("GET", "symbol=ETHUSDT&orderId=" + first).json().get("status").asText()).isEqualTo("CANCELED");
        RawHttp.Reply canceled = signed("DELETE", "symbol=ETHUSDT&origClientOrderId=reuse-2");
        assertThat(canceled.json().get("orderId").asLong()).as("the open one is cancelled").isEqualTo(second);
    }

    /**
     * rest-api.md, "Query order (USER_DATA)", notes: with both orderId and origClientOrderId the
     * order is found by orderId and its client order id checked; CHANGELOG 2025-04-08 and errors.md:
     * -2039 CLIENT_ORDER_ID_INVALID "Client order ID is not correct for this order ID.".
     */
    @Test
    void aQueryWhoseOrderIdAndClientOrderIdNameTwoOrdersIsRefused() throws Exception {
        long id = signed("POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000"
                + "&newClientOrderId=pair-1").json().get("orderId").asLong();
        RawHttp.Reply mismatch = signed("GET", "symbol=BTCUSDT&orderId=" + id + "&origClientOrderId=pair-2");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.text()).isEqualTo("{\"code\":-2039,\"msg\":\"Client order ID is not correct for this order ID.\"}");
        assertThat(signed("GET", "symbol=BTCUSDT&orderId=" + id + "&origClientOrderId=pair-1").json()
                .get("clientOrderId").asText()).isEqualTo("pair-1");
        assertThat(signed("DELETE", "symbol=BTCUSDT&orderId=" + id + "&origClientOrderId=pair-2").json()
                .get("code").asInt()).isEqualTo(-2011);
    }

    @Test
    void marketOrderFillsAtOnce() throws Exception {
        RawHttp.Reply placed = signed("POST", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001");
        assertThat(placed.json().get("status").asText()).isEqualTo("FILLED");
        assertThat(placed.json().get("executedQty").asText()).isEqualTo("0.00100000");
        assertThat(placed.json().get("fills").size()).isEqualTo(1);
        assertThat(placed.json().get("clientOrderId").asText()).hasSize(22);
        assertThat(balance(account().json(), "BTC").get("free").asText()).isEqualTo("1.50100000");
    }

    @Test
    void ordersAreValidatedAgainstSymbolAndFilters() throws Exception {
        assertThat(signed("POST", "symbol=NOPE&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=1").text())
                .isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        assertThat(signed("POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=50000.001")
                .text()).isEqualTo("{\"code\":-1013,\"msg\":\"Filter failure: PRICE_FILTER\"}");
        assertThat(signed("POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.000015&price=50000")
                .text()).isEqualTo("{\"code\":-1013,\"msg\":\"Filter failure: LOT_SIZE\"}");
        assertThat(signed("POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.00001&price=50000")
                .text()).isEqualTo("{\"code\":-1013,\"msg\":\"Filter failure: NOTIONAL\"}");
        assertThat(signed("POST", "symbol=MATICUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=100&price=0.5")
                .text()).isEqualTo("{\"code\":-1013,\"msg\":\"Market is closed.\"}");
        assertThat(signed("POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=10&price=60000")
                .text()).isEqualTo("{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}");
        assertThat(signed("POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=50000").json()
                .get("code").asInt()).isEqualTo(-1102);
    }

    @Test
    void unknownOrderIsReported() throws Exception {
        RawHttp.Reply reply = signed("GET", "symbol=BTCUSDT&orderId=1");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).isEqualTo("{\"code\":-2013,\"msg\":\"Order does not exist.\"}");
    }

    @Test
    void orderCountLimitAnswers429() throws Exception {
        sim.close();
        sim = SimExchange.builder().clock(clock).binanceOrderLimits(2, 1000).build().start();
        sim.addBinanceKey(KEY, SECRET);
        String params = "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001";
        assertThat(signed("POST", params).status()).isEqualTo(200);
        assertThat(signed("POST", params).status()).isEqualTo(200);
        RawHttp.Reply third = signed("POST", params);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().get("code").asInt()).isEqualTo(-1015);
        assertThat(third.header("X-MBX-ORDER-COUNT-10S")).isEqualTo("2");
        clock.advance(Duration.ofSeconds(10));
        assertThat(signed("POST", params).header("X-MBX-ORDER-COUNT-10S")).isEqualTo("1");
    }

    @Test
    void weightLimitGives429ThenABanThatEnds() throws Exception {
        sim.close();
        clock.set(1_700_000_000_000L - 1_700_000_000_000L % 60_000L);
        sim = SimExchange.builder().clock(clock).binanceWeightLimit(40).banDuration(Duration.ofSeconds(2)).build()
                .start();
        assertThat(RawHttp.get(sim.port(), "/api/v3/exchangeInfo").status()).isEqualTo(200);
        assertThat(RawHttp.get(sim.port(), "/api/v3/exchangeInfo").status()).isEqualTo(200);
        RawHttp.Reply limited = RawHttp.get(sim.port(), "/api/v3/exchangeInfo");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").asInt()).isEqualTo(-1003);
        assertThat(limited.header("Retry-After")).isEqualTo("60");
        assertThat(limited.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("40");
        RawHttp.Reply banned = RawHttp.get(sim.port(), "/api/v3/exchangeInfo");
        assertThat(banned.status()).isEqualTo(418);
        assertThat(banned.header("Retry-After")).isEqualTo("2");
        assertThat(banned.json().get("msg").asText()).startsWith("Way too much request weight used; IP banned until");
        assertThat(RawHttp.get(sim.port(), "/api/v3/ping").status()).isEqualTo(418);
        clock.advance(Duration.ofSeconds(2));
        RawHttp.Reply afterBan = RawHttp.get(sim.port(), "/api/v3/ping");
        assertThat(afterBan.status()).as("ban over, weight still used up in this minute: a fresh warning").isEqualTo(429);
        clock.advance(Duration.ofMinutes(1));
        assertThat(RawHttp.get(sim.port(), "/api/v3/ping").status()).isEqualTo(200);
        assertThat(RawHttp.get(sim.port(), "/api/v3/exchangeInfo").header("X-MBX-USED-WEIGHT-1M")).isEqualTo("21");
    }

    /**
     * rest-api.md, "Exchange information", and enums.md, "Rate limiters (rateLimitType)": rateLimits
     * lists REQUEST_WEIGHT and ORDERS with interval, intervalNum and limit; "All limits are
     * optional". The simulator states exactly what it enforces, as it was configured.
     */
    @Test
    void exchangeInfoStatesTheConfiguredLimits() throws Exception {
        sim.close();
        sim = SimExchange.builder().clock(clock).binanceWeightLimit(1234).binanceOrderLimits(7, 999).build().start();
        JsonNode limits = RawHttp.get(sim.port(), "/api/v3/exchangeInfo").json().get("rateLimits");
        assertThat(limits.toString()).isEqualTo("["
                + "{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":1234},"
                + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"SECOND\",\"intervalNum\":10,\"limit\":7},"
                + "{\"rateLimitType\":\"ORDERS\",\"interval\":\"DAY\",\"intervalNum\":1,\"limit\":999}]");
    }

    /**
     * CHANGELOG 2026-03-27: the weight of POST and DELETE /api/v3/order "become 0 when the request is
     * successful. Failed requests are still charged the documented weight" (1, rest-api.md "New
     * order (TRADE)", "Cancel order (TRADE)"); "Query order (USER_DATA)" stays 4.
     */
    @Test
    void successfulOrdersAndCancelsCostNoWeight() throws Exception {
        clock.set(1_700_000_000_000L - 1_700_000_000_000L % 60_000L);
        RawHttp.Reply placed = signed("POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01"
                + "&price=50000&newClientOrderId=free-1");
        assertThat(placed.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("0");
        RawHttp.Reply refused = signed("POST", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01"
                + "&price=50000&newClientOrderId=free-1");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("X-MBX-USED-WEIGHT-1M")).isEqualTo("1");
        assertThat(signed("GET", "symbol=BTCUSDT&origClientOrderId=free-1").header("X-MBX-USED-WEIGHT-1M")).isEqualTo("5");
        assertThat(signed("DELETE", "symbol=BTCUSDT&origClientOrderId=free-1").header("X-MBX-USED-WEIGHT-1M")).isEqualTo("5");
        assertThat(signed("DELETE", "symbol=BTCUSDT&origClientOrderId=free-1").header("X-MBX-USED-WEIGHT-1M"))
                .as("a failed cancel is charged").isEqualTo("6");
    }

    @Test
    void demoKeyWorksWithoutConfiguration() throws Exception {
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET", "/api/v3/account?"
                + TestSigning.binanceQuery(SimExchange.DEMO_BINANCE_SECRET, "", clock.millis()),
                TestSigning.binanceKey(SimExchange.DEMO_BINANCE_API_KEY), null);
        assertThat(reply.status()).isEqualTo(200);
    }
}
