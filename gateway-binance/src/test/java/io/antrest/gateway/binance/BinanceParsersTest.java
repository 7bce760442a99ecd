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
import io.antrest.gateway.spi.RateLimitStatus;
import io.antrest.gateway.spi.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
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

        assertThat(contracts).containsExactly(
                new Contract("binance", "ETHBTC", "ETH", "BTC", new BigDecimal("0.00001"), new BigDecimal("0.0001"),
                        new BigDecimal("0.0001"), "TRADING", true, "SPOT"),
                new Contract("binance", "LTCBTC", "LTC", "BTC", new BigDecimal("0.000001"), new BigDecimal("0.001"),
                        new BigDecimal("0.001"), "BREAK", false, "SPOT"),
                new Contract("binance", "BNBUSDT", "BNB", "USDT", new BigDecimal("0.01"), new BigDecimal("0.001"),
                        BigDecimal.ZERO, "TRADING", true, "SPOT"));
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
        Order o = binance.trading().parseOrder(Responses.resource("order-result.json"));

        assertThat(o).isEqualTo(new Order("binance", "BTCUSDT", "28", "6gCrw2kRUAF9CvJDGP16IP", Side.SELL,
                OrderType.MARKET, OrderStatus.FILLED, java.util.Optional.empty(), new BigDecimal("10.00000000"),
                new BigDecimal("10.00000000"), Instant.ofEpochMilli(1507725176595L)));
    }

    @Test
    void queriedOrderUsesUpdateTime() {
        Order o = binance.trading().parseOrder(Responses.resource("order-query.json"));

        assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(o.price()).contains(new BigDecimal("0.1"));
        assertThat(o.executedQuantity()).isEqualByComparingTo("0.25");
        assertThat(o.clientOrderId()).isEqualTo("myOrder1");
        assertThat(o.time()).isEqualTo(Instant.ofEpochMilli(1499827319560L));
    }

    @Test
    void canceledOrderKeepsItsOwnClientOrderId() {
        Order o = binance.trading().parseOrder(Responses.resource("order-cancel.json"));

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
        assertThatThrownBy(() -> binance.trading().parseOrder(Responses.of(200,
                "{\"symbol\":\"BTCUSDT\",\"orderId\":28,\"clientOrderId\":\"x\",\"transactTime\":1}")))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("RESULT");
    }

    @Test
    void rateLimitHeadersAreRead() {
        RateLimitStatus s = binance.readRateLimit(Responses.of(200, "{}", "X-MBX-USED-WEIGHT-1M", "1234",
                "X-MBX-ORDER-COUNT-10S", "7", "X-MBX-ORDER-COUNT-1D", "70"));

        assertThat(s.used()).hasValue(1234);
        assertThat(s.orderCount()).hasValue(7);
        assertThat(s.remaining()).hasValue(6000 - 1234);
        assertThat(binance.readRateLimit(Responses.of(200, "{}")).used()).isEmpty();
        assertThat(binance.rateLimit().limit()).isEqualTo(6000);
    }

    @Test
    void weightsFollowBinanceTable() {
        assertThat(binance.weightOf(binance.pingRequest())).isEqualTo(1);
        assertThat(binance.weightOf(binance.serverTimeRequest().orElseThrow())).isEqualTo(1);
        assertThat(binance.weightOf(binance.contractsRequest())).isEqualTo(20);
        assertThat(binance.weightOf(binance.trading().account())).isEqualTo(20);
        assertThat(binance.weightOf(Request.get("/api/v3/ticker/price").param("symbol", "BTCUSDT").build())).isEqualTo(2);
        assertThat(binance.weightOf(Request.get("/api/v3/ticker/price").build())).isEqualTo(4);
        OrderRef ref = OrderRef.byClientOrderId("BTCUSDT", "x");
        assertThat(binance.weightOf(binance.trading().newOrder(OrderRequest.market("BTCUSDT", Side.BUY, BigDecimal.ONE)))).isEqualTo(1);
        assertThat(binance.weightOf(binance.trading().queryOrder(ref))).isEqualTo(4);
        assertThat(binance.weightOf(binance.trading().cancelOrder(ref))).isEqualTo(1);
        assertThat(binance.weightOf(Request.get("/api/v3/depth").param("symbol", "X").param("limit", "5000").build())).isEqualTo(250);
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
