package io.antrest.gateway.okx;

import io.antrest.core.MalformedResponseException;
import io.antrest.gateway.spi.Balance;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.Order;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.OrderType;
import io.antrest.gateway.spi.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OkxParsersTest {
    private final Exchange okx = new OkxProvider().create(ExchangeSettings.builder().build());

    /** Public Data > Get system time: data[0].ts, Unix milliseconds (the docs' example value). */
    @Test
    void serverTime() {
        assertThat(okx.parseServerTime(Responses.resource("time.json"))).isEqualTo(Instant.ofEpochMilli(1597026383085L));
        assertThat(okx.serverTimeRequest().orElseThrow().path()).isEqualTo("/api/v5/public/time");
        assertThat(okx.pingRequest().path()).isEqualTo("/api/v5/public/time");
    }

    /**
     * Public Data > Get instruments. The resource is built from the documented response parameters
     * (instType, instId, baseCcy, quoteCcy, settleCcy "" for spot, tickSz, lotSz, minSz, maxLmtSz,
     * state live/suspend), not copied from the docs' example.
     */
    @Test
    void spotInstruments() {
        assertThat(okx.contractsRequest().pathWithQuery()).isEqualTo("/api/v5/public/instruments?instType=SPOT");

        List<Contract> contracts = okx.parseContracts(Responses.resource("instruments-spot.json"));

        assertThat(contracts).hasSize(2);
        Contract btc = contracts.get(0);
        assertThat(btc.exchange()).isEqualTo("okx");
        assertThat(btc.symbol()).isEqualTo("BTC-USDT");
        assertThat(btc.baseAsset()).isEqualTo("BTC");
        assertThat(btc.quoteAsset()).isEqualTo("USDT");
        assertThat(btc.settlementCurrency()).isEqualTo("USDT");
        assertThat(btc.tickSize()).isEqualByComparingTo("0.1");
        assertThat(btc.lotSize()).isEqualByComparingTo("0.00000001");
        assertThat(btc.minQuantity()).isEqualByComparingTo("0.00001");
        assertThat(btc.maxQuantity()).isEqualByComparingTo("9999999999");
        assertThat(btc.maxPrice()).isZero();
        assertThat(btc.minNotional()).isZero();
        assertThat(btc.status()).isEqualTo("live");
        assertThat(btc.trading()).isTrue();
        assertThat(btc.type()).isEqualTo("SPOT");
        Contract luna = contracts.get(1);
        assertThat(luna.trading()).isFalse();
        assertThat(luna.status()).isEqualTo("suspend");
        assertThat(luna.maxQuantity()).isZero();
    }

    /**
     * Trading Account > Get balance: details[].ccy, availBal, frozenBal. The resource follows the
     * documented response parameters; an empty field ("") reads as zero.
     */
    @Test
    void balances() {
        assertThat(okx.trading().account().pathWithQuery()).isEqualTo("/api/v5/account/balance");

        List<Balance> balances = okx.trading().parseBalances(Responses.resource("balance.json"));

        assertThat(balances).hasSize(2);
        assertThat(balances.get(0).asset()).isEqualTo("USDT");
        assertThat(balances.get(0).free()).isEqualByComparingTo("4834.317093622894");
        assertThat(balances.get(0).locked()).isEqualByComparingTo("158.573");
        assertThat(balances.get(1).asset()).isEqualTo("BTC");
        assertThat(balances.get(1).free()).isZero();
        assertThat(balances.get(1).locked()).isZero();
    }

    /** Trade > Place order: the docs' response example (ids and ts only) completed by the request. */
    @Test
    void placedOrderIsTheRequestWithTheAnswersIds() {
        OrderRequest request = OrderRequest.limit("BTC-USDT", Side.BUY, new BigDecimal("2"), new BigDecimal("2.15"))
                .withClientOrderId("oktswap6");

        Order o = okx.trading().parseNewOrder(request, Responses.resource("order-place.json"));

        assertThat(o.exchange()).isEqualTo("okx");
        assertThat(o.symbol()).isEqualTo("BTC-USDT");
        assertThat(o.orderId()).isEqualTo("312269865356374016");
        assertThat(o.clientOrderId()).isEqualTo("oktswap6");
        assertThat(o.side()).isEqualTo(Side.BUY);
        assertThat(o.type()).isEqualTo(OrderType.LIMIT);
        assertThat(o.status()).isEqualTo(OrderStatus.NEW);
        assertThat(o.price()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("2.15"));
        assertThat(o.quantity()).isEqualByComparingTo("2");
        assertThat(o.executedQuantity()).isZero();
        assertThat(o.time()).isEqualTo(Instant.ofEpochMilli(1695190491421L));
    }

    /** Trade > Cancel order: the docs' response example has ids only, so the runtime looks the order up. */
    @Test
    void cancelAcknowledgementIsLookedUp() {
        assertThat(okx.trading().parseCancel(OrderRef.byOrderId("BTC-USDT", "12345689"), Responses.resource("order-cancel.json")))
                .isEmpty();
    }

    /** Trade > Get order details: the docs' response example (a filled spot market buy). */
    @Test
    void orderDetails() {
        Order o = okx.trading().parseQuery(OrderRef.byOrderId("BTC-USDT", "680800019749904384"),
                Responses.resource("order-details.json"));

        assertThat(o.symbol()).isEqualTo("BTC-USDT");
        assertThat(o.orderId()).isEqualTo("680800019749904384");
        assertThat(o.clientOrderId()).isEmpty();
        assertThat(o.side()).isEqualTo(Side.BUY);
        assertThat(o.type()).isEqualTo(OrderType.MARKET);
        assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(o.price()).isEmpty();
        assertThat(o.quantity()).isEqualByComparingTo("100");
        assertThat(o.executedQuantity()).isEqualByComparingTo("0.00192834");
        assertThat(o.time()).isEqualTo(Instant.ofEpochMilli(1708587373362L));
    }

    /** Trade > Get order details, state: canceled, live, partially_filled, filled, mmp_canceled. */
    @Test
    void documentedStatesMap() {
        assertThat(OkxParsers.status("live")).isEqualTo(OrderStatus.NEW);
        assertThat(OkxParsers.status("partially_filled")).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(OkxParsers.status("filled")).isEqualTo(OrderStatus.FILLED);
        assertThat(OkxParsers.status("canceled")).isEqualTo(OrderStatus.CANCELED);
        assertThat(OkxParsers.status("mmp_canceled")).isEqualTo(OrderStatus.CANCELED);
        assertThat(OkxParsers.status("something_new")).isEqualTo(OrderStatus.UNKNOWN);
    }

    @Test
    void undocumentedShapesAreMalformed() {
        OrderRef ref = OrderRef.byOrderId("BTC-USDT", "1");
        assertThatThrownBy(() -> okx.trading().parseQuery(ref, Responses.of(200, "{\"code\":\"0\",\"data\":[]}")))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("empty data");
        assertThatThrownBy(() -> okx.parseContracts(Responses.of(200, "[1,2]")))
                .isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> okx.parseServerTime(Responses.of(200, "{\"code\":\"0\",\"data\":[{\"ts\":\"soon\"}]}")))
                .isInstanceOf(MalformedResponseException.class);
    }
}
