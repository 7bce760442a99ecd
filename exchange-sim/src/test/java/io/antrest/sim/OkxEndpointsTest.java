package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OKX v5 routes and their answers. Shapes follow the OKX v5 docs' pages: Public Data > Get
 * system time, Public Data > Get instruments, Trading Account > Get balance, Trade > Place order,
 * Trade > Cancel order, Trade > Get order details; codes, messages and HTTP statuses follow Error
 * Code > REST API (General, API and Trade classes).
 */
class OkxEndpointsTest {

    private static final String KEY = "okx-endpoints-key";
    private static final String SECRET = "ENDPOINTSSECRET00000000000000000";
    private static final String PASSPHRASE = "endpoints";

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private SimExchange sim;
    private OkxTestClient okx;

    @BeforeEach
    void start() throws IOException {
        sim = SimExchange.builder().clock(clock).build().start();
        sim.addOkxKey(KEY, SECRET, PASSPHRASE);
        okx = new OkxTestClient(sim, clock, KEY, SECRET, PASSPHRASE);
    }

    @AfterEach
    void stop() throws IOException {
        okx.close();
        sim.close();
    }

    private JsonNode ok(RawHttp.Reply reply) throws IOException {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("code").asText()).as(reply.text()).isEqualTo("0");
        return reply.json();
    }

    /**
     * A refused order operation: HTTP 200, code "1" with msg "Operation failed." (Error Code > REST
     * API > General Class: "1 | 200 | Operation failed."), the reason in data[0].
     */
    private JsonNode refused(RawHttp.Reply reply, String sCode, String sMsg) throws IOException {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("code").asText()).as(reply.text()).isEqualTo("1");
        assertThat(json.get("msg").asText()).isEqualTo("Operation failed.");
        assertThat(json.at("/data/0/sCode").asText()).isEqualTo(sCode);
        assertThat(json.at("/data/0/sMsg").asText()).isEqualTo(sMsg);
        return json.get("data").get(0);
    }

    private static void topLevelError(RawHttp.Reply reply, int http, String code, String msg) throws IOException {
        assertThat(reply.status()).as(reply.text()).isEqualTo(http);
        assertThat(reply.text()).isEqualTo("{\"code\":\"" + code + "\",\"msg\":" + Json.quote(msg) + ",\"data\":[]}");
    }

    private JsonNode detail(String ccy) throws IOException {
        for (JsonNode d : ok(okx.get("/api/v5/account/balance")).at("/data/0/details")) {
            if (d.get("ccy").asText().equals(ccy)) {
                return d;
            }
        }
        return null;
    }

    private JsonNode order(String instId, String idParam) throws IOException {
        return ok(okx.get("/api/v5/trade/order?instId=" + instId + "&" + idParam)).get("data").get(0);
    }

    @Test
    void systemTimeIsTheSimulatorClock() throws Exception {
        RawHttp.Reply reply = RawHttp.get(sim.port(), "/api/v5/public/time");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"ts\":\"1700000000000\"}]}");
    }

    @Test
    void spotInstrumentsHaveOkxFieldsAsStrings() throws Exception {
        JsonNode data = ok(RawHttp.get(sim.port(), "/api/v5/public/instruments?instType=SPOT")).get("data");
        assertThat(data.findValuesAsText("instId")).contains("BTC-USDT", "ETH-USDT", "ETH-BTC");
        assertThat(data.findValuesAsText("state")).contains("live", "suspend");
        JsonNode btc = data.get(0);
        assertThat(btc.get("instId").asText()).isEqualTo("BTC-USDT");
        assertThat(btc.get("instType").asText()).isEqualTo("SPOT");
        assertThat(btc.get("baseCcy").asText()).isEqualTo("BTC");
        assertThat(btc.get("quoteCcy").asText()).isEqualTo("USDT");
        assertThat(btc.get("settleCcy").asText()).isEmpty();
        assertThat(btc.get("ctVal").asText()).isEmpty();
        for (String field : new String[] {"tickSz", "lotSz", "minSz", "maxLmtSz", "maxMktSz", "listTime"}) {
            assertThat(btc.get(field).isTextual()).as(field).isTrue();
        }
        assertThat(new BigDecimal(btc.get("tickSz").asText())).isEqualByComparingTo("0.1");
        assertThat(new BigDecimal(btc.get("lotSz").asText())).isEqualByComparingTo("0.00000001");
        assertThat(new BigDecimal(btc.get("minSz").asText())).isEqualByComparingTo("0.00001");

        JsonNode one = ok(RawHttp.get(sim.port(), "/api/v5/public/instruments?instType=SPOT&instId=ETH-BTC"));
        assertThat(one.get("data").size()).isEqualTo(1);
        assertThat(ok(RawHttp.get(sim.port(), "/api/v5/public/instruments?instType=SWAP")).get("data").size())
                .isZero();
    }

    /**
     * Public Data > Get instruments, Response Parameters: every field a String but futureSettlement
     * (Boolean), instIdCode (Integer), tradeQuoteCcyList (Array of strings) and upcChg (Array of
     * objects, [] when there is no upcoming change), as in the docs' response example.
     */
    @Test
    void instrumentFieldsHaveTheDocumentedJsonTypes() throws Exception {
        JsonNode btc = ok(RawHttp.get(sim.port(), "/api/v5/public/instruments?instType=SPOT&instId=BTC-USDT"))
                .at("/data/0");
        assertThat(btc.get("instIdCode").isIntegralNumber()).as(btc.toString()).isTrue();
        assertThat(btc.get("upcChg").isArray()).isTrue();
        assertThat(btc.get("upcChg").size()).isZero();
        assertThat(btc.get("futureSettlement").isBoolean()).isTrue();
        assertThat(btc.get("tradeQuoteCcyList").isArray()).isTrue();
        btc.fields().forEachRemaining(f -> {
            if (!Set.of("instIdCode", "upcChg", "futureSettlement", "tradeQuoteCcyList").contains(f.getKey())) {
                assertThat(f.getValue().isTextual()).as(f.getKey()).isTrue();
            }
        });
    }

    /** Get instruments: instType is required (50014, HTTP 400); a value outside the list is 51000 (HTTP 400). */
    @Test
    void instrumentsNeedAKnownInstType() throws Exception {
        topLevelError(RawHttp.get(sim.port(), "/api/v5/public/instruments"), 400, "50014",
                "Parameter instType can not be empty.");
        topLevelError(RawHttp.get(sim.port(), "/api/v5/public/instruments?instType=STOCK"), 400, "51000",
                "Parameter instType error");
    }

    @Test
    void balanceListsTheDemoAccountInOkxShape() throws Exception {
        JsonNode account = ok(okx.get("/api/v5/account/balance")).get("data").get(0);
        assertThat(account.get("totalEq").isTextual()).isTrue();
        assertThat(new BigDecimal(account.get("totalEq").asText())).isEqualByComparingTo("234025"); // 100000 + 2 × 67012.5
        assertThat(account.get("details").findValuesAsText("ccy")).containsExactly("BTC", "USDT");
        JsonNode usdt = detail("USDT");
        assertThat(new BigDecimal(usdt.get("availBal").asText())).isEqualByComparingTo("100000");
        assertThat(new BigDecimal(usdt.get("frozenBal").asText())).isZero();
        assertThat(new BigDecimal(usdt.get("cashBal").asText())).isEqualByComparingTo("100000");
        assertThat(new BigDecimal(usdt.get("eq").asText())).isEqualByComparingTo("100000");
        JsonNode onlyBtc = ok(okx.get("/api/v5/account/balance?ccy=BTC")).at("/data/0/details");
        assertThat(onlyBtc.findValuesAsText("ccy")).containsExactly("BTC");
    }

    @Test
    void limitOrderRestsFreezesFundsAndIsCanceled() throws Exception {
        RawHttp.Reply placed = okx.post("/api/v5/trade/order",
                OkxTestClient.limit("BTC-USDT", "buy", "60000", "0.5", "lim1"));
        JsonNode ack = ok(placed);
        assertThat(ack.get("msg").asText()).isEmpty();
        assertThat(ack.get("inTime").asText()).isEqualTo("1700000000000000");
        assertThat(ack.get("outTime").isTextual()).isTrue();
        JsonNode item = ack.get("data").get(0);
        assertThat(item.get("clOrdId").asText()).isEqualTo("lim1");
        assertThat(item.get("sCode").asText()).isEqualTo("0");
        // Trade > Place order, response example: "sCode": "0", "sMsg": "", "subCode": ""
        assertThat(item.get("sMsg").asText()).isEmpty();
        assertThat(item.get("subCode").asText()).isEmpty();
        assertThat(item.get("tag").asText()).isEmpty();
        assertThat(item.get("ts").asText()).isEqualTo("1700000000000");
        String ordId = item.get("ordId").asText();
        assertThat(ordId).matches("[0-9]{18}");

        assertThat(new BigDecimal(detail("USDT").get("availBal").asText())).isEqualByComparingTo("70000");
        assertThat(new BigDecimal(detail("USDT").get("frozenBal").asText())).isEqualByComparingTo("30000");

        JsonNode live = order("BTC-USDT", "ordId=" + ordId);
        assertThat(live.get("state").asText()).isEqualTo("live");
        assertThat(live.get("clOrdId").asText()).isEqualTo("lim1");
        assertThat(live.get("px").asText()).isEqualTo("60000");
        assertThat(live.get("sz").asText()).isEqualTo("0.5");
        assertThat(live.get("ordType").asText()).isEqualTo("limit");
        assertThat(live.get("side").asText()).isEqualTo("buy");
        assertThat(live.get("tdMode").asText()).isEqualTo("cash");
        assertThat(live.get("instType").asText()).isEqualTo("SPOT");
        assertThat(live.get("accFillSz").asText()).isEqualTo("0");
        assertThat(live.get("avgPx").asText()).isEmpty();
        assertThat(live.get("fillPx").asText()).isEmpty();
        assertThat(live.get("cTime").asText()).isEqualTo("1700000000000");
        assertThat(order("BTC-USDT", "clOrdId=lim1").get("ordId").asText()).isEqualTo(ordId);

        JsonNode canceled = ok(okx.post("/api/v5/trade/cancel-order",
                "{\"instId\":\"BTC-USDT\",\"clOrdId\":\"lim1\"}")).get("data").get(0);
        assertThat(canceled.get("ordId").asText()).isEqualTo(ordId);
        assertThat(canceled.get("clOrdId").asText()).isEqualTo("lim1");
        assertThat(canceled.get("sCode").asText()).isEqualTo("0");
        assertThat(order("BTC-USDT", "ordId=" + ordId).get("state").asText()).isEqualTo("canceled");
        assertThat(new BigDecimal(detail("USDT").get("availBal").asText())).isEqualByComparingTo("100000");
        assertThat(new BigDecimal(detail("USDT").get("frozenBal").asText())).isZero();

        // Error Code, Trade class: 51400 for a filled, canceled or unknown order
        String again = "{\"instId\":\"BTC-USDT\",\"ordId\":\"" + ordId + "\"}";
        JsonNode second = refused(okx.post("/api/v5/trade/cancel-order", again), "51400",
                "Order cancellation failed as the order has been filled, canceled or does not exist.");
        assertThat(second.get("ordId").asText()).isEqualTo(ordId);
        refused(okx.post("/api/v5/trade/cancel-order", "{\"instId\":\"BTC-USDT\",\"ordId\":\"123\"}"), "51400",
                "Order cancellation failed as the order has been filled, canceled or does not exist.");
    }

    @Test
    void limitSellFreezesTheBaseCurrency() throws Exception {
        ok(okx.post("/api/v5/trade/order", OkxTestClient.limit("BTC-USDT", "sell", "70000", "0.25", "sell1")));
        JsonNode btc = detail("BTC");
        assertThat(new BigDecimal(btc.get("availBal").asText())).isEqualByComparingTo("1.75");
        assertThat(new BigDecimal(btc.get("frozenBal").asText())).isEqualByComparingTo("0.25");
        assertThat(new BigDecimal(btc.get("eq").asText())).isEqualByComparingTo("2");
    }

    /**
     * Place order, tgtCcy: a spot market buy's sz is in the quote currency by default, a sell's in
     * the base currency; the simulator fills at the instrument's demo price at once.
     */
    @Test
    void marketOrdersFillAtOnce() throws Exception {
        String ordId = ok(okx.post("/api/v5/trade/order", OkxTestClient.market("BTC-USDT", "buy", "670.125", "mkt1")))
                .at("/data/0/ordId").asText();
        JsonNode filled = order("BTC-USDT", "ordId=" + ordId);
        assertThat(filled.get("state").asText()).isEqualTo("filled");
        assertThat(filled.get("tgtCcy").asText()).isEqualTo("quote_ccy");
        assertThat(filled.get("sz").asText()).isEqualTo("670.125");
        assertThat(filled.get("accFillSz").asText()).isEqualTo("0.01");
        assertThat(filled.get("avgPx").asText()).isEqualTo("67012.5");
        assertThat(filled.get("px").asText()).isEmpty();
        assertThat(new BigDecimal(detail("BTC").get("availBal").asText())).isEqualByComparingTo("2.01");
        assertThat(new BigDecimal(detail("USDT").get("availBal").asText())).isEqualByComparingTo("99329.875");

        ok(okx.post("/api/v5/trade/order", OkxTestClient.market("BTC-USDT", "sell", "0.01", "mkt2")));
        assertThat(new BigDecimal(detail("BTC").get("availBal").asText())).isEqualByComparingTo("2");
        assertThat(new BigDecimal(detail("USDT").get("availBal").asText())).isEqualByComparingTo("100000");
        assertThat(order("BTC-USDT", "clOrdId=mkt2").get("tgtCcy").asText()).isEqualTo("base_ccy");
    }

    @Test
    void limitOrderThatCrossesTheDemoPriceFillsAtIt() throws Exception {
        ok(okx.post("/api/v5/trade/order", OkxTestClient.limit("BTC-USDT", "sell", "60000", "0.1", "cross1")));
        JsonNode filled = order("BTC-USDT", "clOrdId=cross1");
        assertThat(filled.get("state").asText()).isEqualTo("filled");
        assertThat(filled.get("avgPx").asText()).isEqualTo("67012.5");
        assertThat(new BigDecimal(detail("USDT").get("availBal").asText())).isEqualByComparingTo("106701.25");
        assertThat(new BigDecimal(detail("BTC").get("frozenBal").asText())).isZero();
        refused(okx.post("/api/v5/trade/cancel-order", "{\"instId\":\"BTC-USDT\",\"clOrdId\":\"cross1\"}"),
                "51400", "Order cancellation failed as the order has been filled, canceled or does not exist.");
    }

    /**
     * Trade > Place order, banAmend: "Whether to disallow the system from automatically reducing the
     * order size when account balance is insufficient for the full SPOT Market Order ... If false
     * (default): the system reduces sz to fit the available balance and executes the smaller
     * order"; with true the order is refused (51008, Error Code > REST API > Trade Class).
     */
    @Test
    void marketOrderTheBalanceCannotPayIsReducedUnlessBanAmend() throws Exception {
        String tooBig = "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"side\":\"buy\",\"ordType\":\"market\","
                + "\"tgtCcy\":\"base_ccy\",\"sz\":\"2\",\"banAmend\":true,\"clOrdId\":\"ban1\"}";
        refused(okx.post("/api/v5/trade/order", tooBig), "51008", "Order failed. Insufficient USDT balance in account");
        assertThat(sim.ordersPlaced("ban1")).isZero();

        ok(okx.post("/api/v5/trade/order", tooBig.replace("true", "false").replace("ban1", "amend1")));
        JsonNode reduced = order("BTC-USDT", "clOrdId=amend1");
        BigDecimal affordable = new BigDecimal("100000").divide(new BigDecimal("67012.5"), 8, RoundingMode.DOWN);
        assertThat(reduced.get("state").asText()).isEqualTo("filled");
        assertThat(new BigDecimal(reduced.get("accFillSz").asText())).isEqualByComparingTo(affordable);
        assertThat(new BigDecimal(reduced.get("sz").asText())).isEqualByComparingTo(affordable);
        assertThat(new BigDecimal(detail("USDT").get("availBal").asText()))
                .isEqualByComparingTo(new BigDecimal("100000").subtract(affordable.multiply(new BigDecimal("67012.5"))));

        // banAmend left out is false: a sell of more BTC than there is sells what there is
        ok(okx.post("/api/v5/trade/order", OkxTestClient.market("BTC-USDT", "sell", "5", "amend2")));
        assertThat(new BigDecimal(order("BTC-USDT", "clOrdId=amend2").get("accFillSz").asText()))
                .isEqualByComparingTo(affordable.add(new BigDecimal("2")));
        // nothing to sell: not even the minimum size fits
        refused(okx.post("/api/v5/trade/order", OkxTestClient.market("ETH-USDT", "sell", "1", "amend3")), "51008",
                "Order failed. Insufficient ETH balance in account");
    }

    /** Error Code, Trade class: 51008 with sub-code 1000 "Order failed. Insufficient {param0} balance in account". */
    @Test
    void insufficientBalanceIsRefusedInTheOrderItem() throws Exception {
        JsonNode item = refused(okx.post("/api/v5/trade/order",
                OkxTestClient.limit("BTC-USDT", "buy", "60000", "2", "poor1")), "51008",
                "Order failed. Insufficient USDT balance in account");
        assertThat(item.get("subCode").asText()).isEqualTo("1000");
        assertThat(item.get("clOrdId").asText()).isEqualTo("poor1");
        assertThat(item.get("ordId").asText()).isEmpty();
        refused(okx.post("/api/v5/trade/order", OkxTestClient.limit("ETH-BTC", "sell", "0.05", "1", null)),
                "51008", "Order failed. Insufficient ETH balance in account");
        assertThat(sim.ordersPlaced("poor1")).isZero();
        assertThat(new BigDecimal(detail("USDT").get("availBal").asText())).isEqualByComparingTo("100000");
    }

    /**
     * Place order, clOrdId: unique among the account's pending orders (51016 "Client order ID
     * already exists."); once the order is done, the same clOrdId may be used again.
     */
    @Test
    void duplicateClOrdIdIsRefusedWhileTheFirstOrderIsPending() throws Exception {
        String body = OkxTestClient.limit("ETH-USDT", "buy", "3000", "1", "dup1");
        ok(okx.post("/api/v5/trade/order", body));
        refused(okx.post("/api/v5/trade/order", body), "51016", "Client order ID already exists.");
        assertThat(sim.ordersPlaced("dup1")).isEqualTo(1);
        assertThat(sim.orderAttempts("dup1")).isEqualTo(2);

        ok(okx.post("/api/v5/trade/cancel-order", "{\"instId\":\"ETH-USDT\",\"clOrdId\":\"dup1\"}"));
        String second = ok(okx.post("/api/v5/trade/order", body)).at("/data/0/ordId").asText();
        assertThat(sim.ordersPlaced("dup1")).isEqualTo(2);
        // Get order details: "If the clOrdId is associated with multiple orders, only the latest one will be returned."
        assertThat(order("ETH-USDT", "clOrdId=dup1").get("ordId").asText()).isEqualTo(second);
    }

    @Test
    void sizesAndPricesAreCheckedAgainstTheInstrument() throws Exception {
        // Get instruments, lotSz: "All order quantities (sz) must be a multiple of lotSz. Violation returns error 51121."
        refused(okx.post("/api/v5/trade/order", OkxTestClient.limit("BTC-USDT", "buy", "60000", "0.000010001", null)),
                "51121", "Order quantity must be a multiple of the lot size.");
        // Get instruments, minSz: sz ≥ minSz; Error Code 51020
        refused(okx.post("/api/v5/trade/order", OkxTestClient.limit("BTC-USDT", "buy", "60000", "0.000009", null)),
                "51020", "Your order should meet or exceed the minimum order amount.");
        // px off the tickSz grid
        refused(okx.post("/api/v5/trade/order", OkxTestClient.limit("BTC-USDT", "buy", "60000.05", "0.001", null)),
                "51000", "Parameter px error");
        refused(okx.post("/api/v5/trade/order", OkxTestClient.limit("BTC-USDT", "buy", "60000", "-1", null)),
                "51000", "Parameter sz error");
        // Error Code 51204 "The price for the limit order cannot be empty."
        refused(okx.post("/api/v5/trade/order",
                "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"side\":\"buy\",\"ordType\":\"limit\",\"sz\":\"1\"}"),
                "51204", "The price for the limit order cannot be empty.");
        refused(okx.post("/api/v5/trade/order", OkxTestClient.limit("DOGE-USDT", "buy", "0.1", "100", null)),
                "51001", "Instrument ID, Instrument ID code or Spread ID doesn't exist.");
        refused(okx.post("/api/v5/trade/order", OkxTestClient.limit("LUNA-USDT", "buy", "0.4", "100", null)),
                "51022", "Contract suspended.");
        refused(okx.post("/api/v5/trade/order", OkxTestClient.limit("BTC-USDT", "hold", "60000", "1", null)),
                "51000", "Parameter side error");
        String crossMode = "{\"instId\":\"BTC-USDT\",\"tdMode\":\"isolated\",\"side\":\"buy\",\"ordType\":\"limit\","
                + "\"px\":\"60000\",\"sz\":\"0.001\"}";
        refused(okx.post("/api/v5/trade/order", crossMode), "51000", "Parameter tdMode error");
        assertThat(new BigDecimal(detail("USDT").get("availBal").asText())).isEqualByComparingTo("100000");
    }

    /** Place order, clOrdId: case-sensitive alphanumerics, up to 32 characters. */
    @Test
    void clOrdIdMustBeAlphanumericOfAtMost32() throws Exception {
        String max = "A".repeat(31) + "z";
        ok(okx.post("/api/v5/trade/order", OkxTestClient.limit("BTC-USDT", "buy", "60000", "0.001", max)));
        for (String bad : new String[] {max + "1", "has-dash", "under_score"}) {
            refused(okx.post("/api/v5/trade/order", OkxTestClient.limit("BTC-USDT", "buy", "60000", "0.001", bad)),
                    "51000", "Parameter clOrdId error");
        }
    }

    /** Error Code > REST API > General Class: "50005 | 410 | API endpoint is inactive or unavailable." */
    @Test
    void unknownEndpointIs50005WithHttp410() throws Exception {
        topLevelError(RawHttp.get(sim.port(), "/api/v5/public/no-such-endpoint"), 410, "50005",
                "API endpoint is inactive or unavailable.");
        topLevelError(okx.get("/api/v5/trade/orders-algo-nowhere"), 410, "50005",
                "API endpoint is inactive or unavailable.");
    }

    /** Error Code, General class: 50014 "Parameter {param0} can not be empty." (HTTP 400) and body errors. */
    @Test
    void malformedRequestsGetTopLevelErrors() throws Exception {
        topLevelError(okx.post("/api/v5/trade/order",
                "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"side\":\"buy\",\"ordType\":\"limit\"}"),
                400, "50014", "Parameter sz can not be empty.");
        topLevelError(okx.post("/api/v5/trade/order", "{\"instId\":"), 400, "50002", "JSON syntax error");
        topLevelError(okx.send("POST", "/api/v5/trade/order", "instId=BTC-USDT",
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 400, "50006",
                "Invalid Content-Type. Please use \"application/JSON\".");
        topLevelError(okx.send("DELETE", "/api/v5/trade/order", null, Map.of()), 405, "50115",
                "Invalid request method.");
    }

    /**
     * Error Code > REST API: General Class 50000 (400) "Body for POST request cannot be empty.",
     * 50025 (200) "Parameter {param0} count exceeds the limit {param1}." (Get balance: ccy "no
     * more than 20"); Trade Class 51005 (200) "Your order amount exceeds the max order amount."
     * (Get instruments, maxLmtSz) and 51202 (200) "Market order amount exceeds the maximum amount."
     * (maxMktSz, in USDT for SPOT); injected 500 and 401 are 50026 and 50114 of the same table.
     */
    @Test
    void remainingDocumentedErrorsHaveTheirCodesMessagesAndStatuses() throws Exception {
        topLevelError(okx.post("/api/v5/trade/order", null), 400, "50000", "Body for POST request cannot be empty.");
        String ccys = String.join(",", Collections.nCopies(21, "BTC"));
        topLevelError(okx.get("/api/v5/account/balance?ccy=" + ccys), 200, "50025",
                "Parameter ccy count exceeds the limit 20.");
        ok(okx.get("/api/v5/account/balance?ccy=" + String.join(",", Collections.nCopies(20, "BTC"))));
        refused(okx.post("/api/v5/trade/order", OkxTestClient.limit("BTC-USDT", "buy", "1", "10000000000", null)),
                "51005", "Your order amount exceeds the max order amount.");
        refused(okx.post("/api/v5/trade/order", "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"side\":\"buy\","
                + "\"ordType\":\"market\",\"tgtCcy\":\"quote_ccy\",\"sz\":\"1000001\"}"),
                "51202", "Market order amount exceeds the maximum amount.");
        sim.faults().path("/api/v5/account/balance").statuses(500, 401);
        topLevelError(okx.get("/api/v5/account/balance"), 500, "50026", "System error. Try again later");
        topLevelError(okx.get("/api/v5/account/balance"), 401, "50114", "Invalid authorization.");
    }

    /** Error Code, Trade class: 51603 "Order does not exist." (HTTP 200). */
    @Test
    void unknownOrderIsReportedAsNotExisting() throws Exception {
        topLevelError(okx.get("/api/v5/trade/order?instId=BTC-USDT&ordId=680800019749904000"), 200, "51603",
                "Order does not exist.");
        topLevelError(okx.get("/api/v5/trade/order?instId=BTC-USDT&clOrdId=never"), 200, "51603",
                "Order does not exist.");
        ok(okx.post("/api/v5/trade/order", OkxTestClient.limit("ETH-USDT", "buy", "3000", "1", "elsewhere")));
        topLevelError(okx.get("/api/v5/trade/order?instId=BTC-USDT&clOrdId=elsewhere"), 200, "51603",
                "Order does not exist.");
        topLevelError(okx.get("/api/v5/trade/order?instId=BTC-USDT"), 200, "51003",
                "Either client order ID or order ID is required.");
        // Error Code, Trade class: 51000 "Parameter {param0} error" is HTTP 400 when it is the whole answer
        topLevelError(okx.get("/api/v5/trade/order?instId=BTC-USDT&ordId=abc"), 400, "51000",
                "Parameter ordId error");
        refused(okx.post("/api/v5/trade/cancel-order", "{\"instId\":\"BTC-USDT\",\"ordId\":\"abc\"}"), "51000",
                "Parameter ordId error");
        refused(okx.post("/api/v5/trade/cancel-order", "{\"instId\":\"BTC-USDT\"}"), "51003",
                "Either client order ID or order ID is required.");
    }

    /**
     * Overview > Transaction Timeouts: a Place order request is not processed once the server's
     * time is after the expTime header (Unix milliseconds); Error Code 50036.
     */
    @Test
    void expiredRequestIsNotProcessed() throws Exception {
        String body = OkxTestClient.limit("BTC-USDT", "buy", "60000", "0.001", "exp1");
        topLevelError(okx.send("POST", "/api/v5/trade/order", body,
                Map.of("expTime", Long.toString(clock.millis() - 1))), 200, "50036",
                "The expTime can't be earlier than the current system time. Please adjust the expTime and try again.");
        assertThat(sim.ordersPlaced("exp1")).isZero();
        ok(okx.send("POST", "/api/v5/trade/order", body, Map.of("expTime", Long.toString(clock.millis() + 500))));
        assertThat(sim.ordersPlaced("exp1")).isEqualTo(1);
    }
}
