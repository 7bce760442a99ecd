package io.antrest.gateway.binance;

import io.antrest.core.MalformedResponseException;
import io.antrest.core.Request;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.OrderType;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitReading;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceParsersTest {
    private final Exchange binance = new BinanceProvider().create(ExchangeSettings.builder().build());

    @Test
    void contractsCarryFiltersAsDecimals() {
        List<Contract> contracts = binance.parseContracts(Responses.resource("exchangeInfo.json"));

        // Binance spot API docs, "Filters": PRICE_FILTER maxPrice/tickSize, LOT_SIZE minQty/maxQty/stepSize,
        // NOTIONAL (and the older MIN_NOTIONAL) minNotional; a spot symbol settles in its quote asset.
        assertThat(contracts).containsExactly(
                contract("ETHBTC", "ETH", "BTC", "0.00001", "922327", "0.0001", "0.0001", "100000", "0.0001", "TRADING"),
                contract("LTCBTC", "LTC", "BTC", "0.000001", "100000", "0.001", "0.001", "100000", "0.001", "BREAK"),
                contract("BNBUSDT", "BNB", "USDT", "0.01", "100000", "0.001", "0.001", "9000", "0", "TRADING"));
    }

    private static Contract contract(String symbol, String base, String quote, String tick, String maxPrice, String step,
                                     String minQty, String maxQty, String minNotional, String status) {
        return new Contract("binance", symbol, base, quote, quote, new BigDecimal(tick), new BigDecimal(step),
                new BigDecimal(minQty), new BigDecimal(maxQty), new BigDecimal(maxPrice), new BigDecimal(minNotional), status,
                status.equals("TRADING"), "SPOT");
    }

    @Test
    void balancesAreFreeAndLocked() {
        List<Balance> balances = binance.trading().parseBalances(Responses.resource("account.json"));

        assertThat(balances).containsExactly(
                new Balance("BTC", new BigDecimal("4723846.89208129"), new BigDecimal("0.00000000")),
                new Balance("LTC", new BigDecimal("4763368.68006011"), new BigDecimal("0.10000000")));
    }

    @Test
    void newOrderResultIsParsed() {
        Order o = Read.order(binance, Responses.resource("order-result.json"));

        assertThat(o).isEqualTo(new Order("binance", "BTCUSDT", "28", "6gCrw2kRUAF9CvJDGP16IP", Side.SELL,
                OrderType.MARKET, OrderStatus.FILLED, java.util.Optional.empty(), new BigDecimal("10.00000000"),
                new BigDecimal("10.00000000"), Instant.ofEpochMilli(1507725176595L)));
    }

    @Test
    void queriedOrderUsesUpdateTime() {
        Order o = Read.order(binance, Responses.resource("order-query.json"));

        assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(o.price()).contains(new BigDecimal("0.1"));
        assertThat(o.executedQuantity()).isEqualByComparingTo("0.25");
        assertThat(o.clientOrderId()).isEqualTo("myOrder1");
        assertThat(o.time()).isEqualTo(Instant.ofEpochMilli(1499827319560L));
    }

    @Test
    void canceledOrderKeepsItsOwnClientOrderId() {
        Order o = Read.order(binance, Responses.resource("order-cancel.json"));

        assertThat(o.clientOrderId()).isEqualTo("myOrder1");
        assertThat(o.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(o.orderId()).isEqualTo("4");
    }

    @Test
    void everyBinanceOrderStatusIsMapped() {
        assertThat(BinanceParsers.status("NEW")).isEqualTo(OrderStatus.NEW);
        assertThat(BinanceParsers.status("PARTIALLY_FILLED")).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(BinanceParsers.status("FILLED")).isEqualTo(OrderStatus.FILLED);
        assertThat(BinanceParsers.status("CANCELED")).isEqualTo(OrderStatus.CANCELED);
        assertThat(BinanceParsers.status("REJECTED")).isEqualTo(OrderStatus.REJECTED);
        assertThat(BinanceParsers.status("EXPIRED")).isEqualTo(OrderStatus.EXPIRED);
        assertThat(BinanceParsers.status("EXPIRED_IN_MATCH")).isEqualTo(OrderStatus.EXPIRED);
        assertThat(BinanceParsers.status("SOMETHING_NEW")).isEqualTo(OrderStatus.UNKNOWN);
    }

    @Test
    void serverTimeIsRead() {
        assertThat(binance.parseServerTime(Responses.of(200, "{\"serverTime\":1499827319559}")))
                .isEqualTo(Instant.ofEpochMilli(1499827319559L));
        assertThatThrownBy(() -> binance.parseServerTime(Responses.of(200, "{}")))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void anAckAnswerIsRefusedWithAHint() {
        assertThatThrownBy(() -> Read.order(binance, Responses.of(200,
                "{\"symbol\":\"BTCUSDT\",\"orderId\":28,\"clientOrderId\":\"x\",\"transactTime\":1}")))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("RESULT");
    }

    /** Binance spot API docs, "LIMITS": X-MBX-USED-WEIGHT-(intervalNum)(intervalLetter) and X-MBX-ORDER-COUNT-(...). */
    @Test
    void rateLimitHeadersAreReadIntoTheirRules() {
        List<RateLimitReading> s = binance.readRateLimits(Responses.of(200, "{}", "X-MBX-USED-WEIGHT-1M", "1234",
                "X-MBX-ORDER-COUNT-10S", "7", "X-MBX-ORDER-COUNT-1D", "70"));

        assertThat(s).containsExactly(RateLimitReading.used("REQUEST_WEIGHT", 1234), RateLimitReading.used("ORDERS_10S", 7),
                RateLimitReading.used("ORDERS_1D", 70));
        assertThat(binance.readRateLimits(Responses.of(200, "{}"))).isEmpty();
    }

    /**
     * Before exchangeInfo is read: REQUEST_WEIGHT 6000 per minute (CHANGELOG 2023-08-25), ORDERS 100
     * per 10 s and 200 000 per day, RAW_REQUESTS 300 000 per 5 minutes (CHANGELOG 2026-03-27). A
     * request costs its weight and one raw request; a new order also one in each ORDERS rule.
     */
    @Test
    void rulesAreWeightPerMinuteOrdersPer10SecondsAndPerDayAndRawRequestsPer5Minutes() {
        assertThat(binance.rateLimits()).containsExactly(
                new RateLimitRule("REQUEST_WEIGHT", RateLimitRule.Scope.IP, 6000, Duration.ofMinutes(1)),
                new RateLimitRule("ORDERS_10S", RateLimitRule.Scope.ORDERS, 100, Duration.ofSeconds(10)),
                new RateLimitRule("ORDERS_1D", RateLimitRule.Scope.ORDERS, 200_000, Duration.ofDays(1)),
                new RateLimitRule("RAW_REQUESTS", RateLimitRule.Scope.IP, 300_000, Duration.ofMinutes(5)));
        Request order = binance.trading().newOrder(OrderRequest.market("BTCUSDT", Side.BUY, BigDecimal.ONE)
                .withClientOrderId("x1"));
        assertThat(binance.costOf(order)).containsExactly(new RateLimitCost("REQUEST_WEIGHT", "", 1),
                new RateLimitCost("RAW_REQUESTS", "", 1), new RateLimitCost("ORDERS_10S", "", 1),
                new RateLimitCost("ORDERS_1D", "", 1));
        assertThat(binance.costOf(binance.trading().account())).containsExactly(new RateLimitCost("REQUEST_WEIGHT", "", 20),
                new RateLimitCost("RAW_REQUESTS", "", 1));
        assertThat(binance.costOf(Request.post("/api/v3/order/test").build())).hasSize(2);
    }

    private static String exchangeInfoWith(String rateLimits) {
        return "{\"timezone\":\"UTC\",\"serverTime\":1,\"rateLimits\":" + rateLimits + ",\"exchangeFilters\":[],\"symbols\":[]}";
    }

    /** An exchangeInfo whose rateLimits are these entries, each {type, interval, intervalNum, limit}. */
    private static String exchangeInfoWith(Object[]... limits) {
        StringBuilder b = new StringBuilder("[");
        for (Object[] l : limits) {
            b.append(b.length() > 1 ? "," : "").append(String.format(java.util.Locale.ROOT,
                    "{\"rateLimitType\":\"%s\",\"interval\":\"%s\",\"intervalNum\":%d,\"limit\":%d}", l));
        }
        return exchangeInfoWith(b.append(']').toString());
    }

    /**
     * rest-api.md, "Exchange information", {@code rateLimits}, and enums.md, "Rate limiters
     * (rateLimitType)": the limits the exchange states replace the plugin's, by type and interval;
     * one it does not state ("All limits are optional") is left out; one of an interval the plugin
     * has no rule for is not kept to.
     */
    @Test
    void theLimitsExchangeInfoStatesReplaceThePluginsOwn() {
        String info = exchangeInfoWith(new Object[] {"REQUEST_WEIGHT", "MINUTE", 1, 1200},
                new Object[] {"ORDERS", "SECOND", 10, 50}, new Object[] {"ORDERS", "DAY", 1, 160_000},
                new Object[] {"ORDERS", "SECOND", 1, 10});

        assertThat(binance.rateLimits(Responses.of(200, info))).containsExactly(
                new RateLimitRule("REQUEST_WEIGHT", RateLimitRule.Scope.IP, 1200, Duration.ofMinutes(1)),
                new RateLimitRule("ORDERS_10S", RateLimitRule.Scope.ORDERS, 50, Duration.ofSeconds(10)),
                new RateLimitRule("ORDERS_1D", RateLimitRule.Scope.ORDERS, 160_000, Duration.ofDays(1)));
        String raw = exchangeInfoWith(new Object[] {"RAW_REQUESTS", "MINUTE", 5, 61_000});
        assertThat(binance.rateLimits(Responses.of(200, raw))).containsExactly(
                new RateLimitRule("RAW_REQUESTS", RateLimitRule.Scope.IP, 61_000, Duration.ofMinutes(5)));
    }

    /** weight_limit and order_limit, when the user sets them, stay whatever exchangeInfo states. */
    @Test
    void theUsersLimitsStayAboveTheStatedOnes() {
        Exchange configured = new BinanceProvider().create(ExchangeSettings.builder().option("weight_limit", "100")
                .option("order_limit", "5").build());
        String info = exchangeInfoWith(new Object[] {"REQUEST_WEIGHT", "MINUTE", 1, 1200}, new Object[] {"ORDERS", "DAY", 1, 160_000});

        assertThat(configured.rateLimits(Responses.of(200, info))).containsExactly(
                new RateLimitRule("REQUEST_WEIGHT", RateLimitRule.Scope.IP, 100, Duration.ofMinutes(1)),
                new RateLimitRule("ORDERS_10S", RateLimitRule.Scope.ORDERS, 5, Duration.ofSeconds(10)),
                new RateLimitRule("ORDERS_1D", RateLimitRule.Scope.ORDERS, 160_000, Duration.ofDays(1)));
    }

    /** An answer without usable rateLimits (none, not an array, malformed entries, not JSON) leaves the rules as they were. */
    @Test
    void anAnswerWithoutStatedLimitsKeepsTheRules() {
        for (String body : new String[] {"{\"symbols\":[]}", exchangeInfoWith("{}"), exchangeInfoWith("[]"),
                exchangeInfoWith("[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,"
                        + "\"limit\":\"lots\"}]"), "<html>502</html>"}) {
            assertThat(binance.rateLimits(Responses.of(200, body))).as(body).isEqualTo(binance.rateLimits());
        }
    }

    @Test
    void weightsFollowBinanceTable() {
        assertThat(Read.weight(binance, binance.pingRequest())).isEqualTo(1);
        assertThat(Read.weight(binance, binance.serverTimeRequest().orElseThrow())).isEqualTo(1);
        assertThat(Read.weight(binance, binance.contractsRequest())).isEqualTo(20);
        assertThat(Read.weight(binance, binance.trading().account())).isEqualTo(20);
        assertThat(Read.weight(binance, Request.get("/api/v3/ticker/price").param("symbol", "BTCUSDT").build())).isEqualTo(2);
        assertThat(Read.weight(binance, Request.get("/api/v3/ticker/price").build())).isEqualTo(4);
        OrderRef ref = OrderRef.byClientOrderId("BTCUSDT", "x");
        assertThat(Read.weight(binance, binance.trading().newOrder(OrderRequest.market("BTCUSDT", Side.BUY, BigDecimal.ONE)))).isEqualTo(1);
        assertThat(Read.weight(binance, binance.trading().queryOrder(ref))).isEqualTo(4);
        assertThat(Read.weight(binance, binance.trading().cancelOrder(ref))).isEqualTo(1);
        assertThat(Read.weight(binance, Request.get("/api/v3/depth").param("symbol", "X").param("limit", "5000").build())).isEqualTo(250);
        // The typed calls carry their weight themselves too.
        assertThat(binance.trading().queryOrder(ref).weight()).isEqualTo(4);
    }

    @Test
    void newOrderCarriesAClientOrderIdAndIsNotIdempotent() {
        Request limit = binance.trading().newOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.00100"),
                new BigDecimal("1E+4")));
        Request mine = binance.trading().newOrder(OrderRequest.market("BTCUSDT", Side.SELL, BigDecimal.ONE)
                .withClientOrderId("my-id"));

        assertThat(limit.idempotent()).isFalse();
        assertThat(limit.queryString()).startsWith("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.00100&price=10000&newClientOrderId=antrest-");
        assertThat(limit.param("newOrderRespType")).contains("RESULT");
        assertThat(mine.param("newClientOrderId")).contains("my-id");
        assertThat(mine.param("timeInForce")).isEmpty();
        assertThat(mine.param("price")).isEmpty();
    }

    @Test
    void clientOrderIdsFitBinanceAndDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = binance.trading().newClientOrderId();
            assertThat(id).matches("[.A-Z:/a-z0-9_-]{1,36}");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
