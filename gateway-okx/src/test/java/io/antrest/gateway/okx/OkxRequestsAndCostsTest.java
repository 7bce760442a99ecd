package io.antrest.gateway.okx;

import io.antrest.core.Body;
import io.antrest.core.Method;
import io.antrest.core.Request;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.RateLimitRule.Scope;
import io.antrest.gateway.spi.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests as OKX documents them (Trade > Place order / Cancel order / Get order details) and their costs. */
class OkxRequestsAndCostsTest {
    private final Exchange okx = new OkxProvider().create(ExchangeSettings.builder().build());

    /** Trade > Place order, request example for SPOT: instId, tdMode cash, clOrdId, side, ordType limit, px, sz. */
    @Test
    void limitOrderBodyMatchesTheDocsExample() {
        Request r = okx.trading().newOrder(OrderRequest.limit("BTC-USDT", Side.BUY, new BigDecimal("2.000"),
                new BigDecimal("2.15")).withClientOrderId("b15"));

        assertThat(r.method()).isEqualTo(Method.POST);
        assertThat(r.path()).isEqualTo("/api/v5/trade/order");
        assertThat(r.bodyText()).isEqualTo("{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"b15\",\"side\":\"buy\","
                + "\"ordType\":\"limit\",\"px\":\"2.15\",\"sz\":\"2\"}");
        assertThat(r.idempotent()).isFalse();
    }

    /** Trade > Place order, tgtCcy: a spot market buy's sz is in the quote currency unless tgtCcy is base_ccy. */
    @Test
    void marketOrderSizeIsInTheBaseCurrency() {
        Request r = okx.trading().newOrder(OrderRequest.market("ETH-USDT", Side.SELL, new BigDecimal("1E-2"))
                .withClientOrderId("m1"));

        assertThat(r.bodyText()).isEqualTo("{\"instId\":\"ETH-USDT\",\"tdMode\":\"cash\",\"clOrdId\":\"m1\",\"side\":\"sell\","
                + "\"ordType\":\"market\",\"tgtCcy\":\"base_ccy\",\"sz\":\"0.01\"}");
    }

    /** Trade > Place order, clOrdId: case-sensitive alphanumerics, all numbers or all letters, up to 32 characters. */
    @Test
    void clientOrderIdsFollowTheDocumentedRule() {
        for (int i = 0; i < 200; i++) {
            String id = okx.trading().newClientOrderId();
            assertThat(id).matches("[A-Za-z0-9]{1,32}");
        }
        assertThat(okx.trading().newClientOrderId()).isNotEqualTo(okx.trading().newClientOrderId());
        OrderRequest base = OrderRequest.limit("BTC-USDT", Side.BUY, BigDecimal.ONE, BigDecimal.TEN);
        assertThat(okx.trading().newOrder(base.withClientOrderId("12345678901234567890123456789012")).bodyText())
                .contains("\"clOrdId\":\"12345678901234567890123456789012\"");
        for (String bad : new String[] {"has-dash", "x".repeat(33), "", "spaced id", "ünïcode"}) {
            assertThatThrownBy(() -> okx.trading().newOrder(base.withClientOrderId(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 to 32 letters (a-z, A-Z) and digits (0-9)");
        }
        assertThat(okx.trading().newOrder(base).bodyText()).containsPattern("\"clOrdId\":\"antrest[a-z0-9]+\"");
    }

    /** Trade > Cancel order: instId and ordId or clOrdId, as JSON. Trade > Get order details: the same in the query string. */
    @Test
    void cancelAndQueryNameTheOrder() {
        Request cancel = okx.trading().cancelOrder(OrderRef.byOrderId("BTC-USDT", "590908157585625111"));
        Request cancelByClient = okx.trading().cancelOrder(OrderRef.byClientOrderId("BTC-USDT", "b15"));
        Request query = okx.trading().queryOrder(OrderRef.byOrderId("BTC-USDT", "1753197687182819328"));
        Request queryByClient = okx.trading().queryOrder(OrderRef.byClientOrderId("BTC-USDT", "b15"));

        assertThat(cancel.path()).isEqualTo("/api/v5/trade/cancel-order");
        assertThat(cancel.bodyText()).isEqualTo("{\"instId\":\"BTC-USDT\",\"ordId\":\"590908157585625111\"}");
        assertThat(cancelByClient.bodyText()).isEqualTo("{\"instId\":\"BTC-USDT\",\"clOrdId\":\"b15\"}");
        assertThat(query.pathWithQuery()).isEqualTo("/api/v5/trade/order?instId=BTC-USDT&ordId=1753197687182819328");
        assertThat(queryByClient.pathWithQuery()).isEqualTo("/api/v5/trade/order?instId=BTC-USDT&clOrdId=b15");
    }

    /** Each endpoint section's "Rate Limit: N requests per 2 seconds" and "Rate limit rule". */
    @Test
    void rulesAreTheDocumentedLimits() {
        Map<String, RateLimitRule> rules = okx.rateLimits().stream()
                .collect(Collectors.toMap(RateLimitRule::name, Function.identity()));

        assertThat(rules.get("GET /api/v5/public/time")).isEqualTo(rule("GET /api/v5/public/time", Scope.ENDPOINT, 10));
        assertThat(rules.get("GET /api/v5/public/instruments"))
                .isEqualTo(rule("GET /api/v5/public/instruments", Scope.ENDPOINT, 20));
        assertThat(rules.get("GET /api/v5/account/balance")).isEqualTo(rule("GET /api/v5/account/balance", Scope.ENDPOINT, 10));
        assertThat(rules.get("POST /api/v5/trade/order")).isEqualTo(rule("POST /api/v5/trade/order", Scope.INSTRUMENT, 60));
        assertThat(rules.get("POST /api/v5/trade/cancel-order"))
                .isEqualTo(rule("POST /api/v5/trade/cancel-order", Scope.INSTRUMENT, 60));
        assertThat(rules.get("GET /api/v5/trade/order")).isEqualTo(rule("GET /api/v5/trade/order", Scope.INSTRUMENT, 60));
        // Overview > Rate Limits > Sub-account rate limit: 1000 order requests per 2 seconds (new and amended orders).
        assertThat(rules.get("SUB_ACCOUNT_ORDERS")).isEqualTo(rule("SUB_ACCOUNT_ORDERS", Scope.ORDERS, 1000));
    }

    private static RateLimitRule rule(String name, Scope scope, int limit) {
        return new RateLimitRule(name, scope, limit, Duration.ofSeconds(2));
    }

    @Test
    void costsNameTheEndpointAndTheInstrument() {
        assertThat(okx.costOf(okx.pingRequest())).containsExactly(new RateLimitCost("GET /api/v5/public/time", "", 1));
        assertThat(okx.costOf(okx.contractsRequest())).containsExactly(new RateLimitCost("GET /api/v5/public/instruments", "", 1));
        assertThat(okx.costOf(okx.trading().account())).containsExactly(new RateLimitCost("GET /api/v5/account/balance", "", 1));
        assertThat(okx.costOf(okx.trading().newOrder(OrderRequest.limit("ETH-USDT", Side.BUY, BigDecimal.ONE, BigDecimal.TEN))))
                .containsExactly(new RateLimitCost("POST /api/v5/trade/order", "ETH-USDT", 1));
        assertThat(okx.costOf(okx.trading().cancelOrder(OrderRef.byOrderId("BTC-USDT", "1"))))
                .containsExactly(new RateLimitCost("POST /api/v5/trade/cancel-order", "BTC-USDT", 1));
        assertThat(okx.costOf(okx.trading().queryOrder(OrderRef.byClientOrderId("SOL-USDT", "a1"))))
                .containsExactly(new RateLimitCost("GET /api/v5/trade/order", "SOL-USDT", 1));
        assertThat(okx.costOf(Request.get("/api/v5/account/positions").build()))
                .containsExactly(new RateLimitCost("OTHER", "", 1));
        assertThat(okx.costOf(Request.post("/api/v5/trade/order").build()))
                .contains(new RateLimitCost("POST /api/v5/trade/order", "", 1));
        assertThat(okx.rateLimits().stream().map(RateLimitRule::name))
                .containsAll(okx.costOf(Request.get("/api/v5/asset/balances").build()).stream().map(RateLimitCost::rule).toList());
    }

    /**
     * Overview &gt; Rate Limits: the sub-account limit (1000 new and amended orders per 2 seconds)
     * runs beside the per-instrument one, but "Block trading, spread trading, MMP and spot/margin
     * orders are exempted from the sub-account rate limit": a spot order (this plugin's own) costs
     * only its instrument's bucket; an order for a swap, future or option, or one whose instId cannot
     * be read, costs in the sub-account rule too.
     */
    @Test
    void spotOrdersAreExemptFromTheSubAccountLimit() {
        for (String spot : new String[] {"BTC-USDT", "ETH-BTC", "OKB-USDC"}) {
            assertThat(okx.costOf(okx.trading().newOrder(OrderRequest.market(spot, Side.SELL, BigDecimal.ONE))))
                    .as(spot).containsExactly(new RateLimitCost("POST /api/v5/trade/order", spot, 1));
        }
        for (String derivative : new String[] {"BTC-USDT-SWAP", "BTC-USD-250808", "BTC-USD-250808-50000-C"}) {
            Request order = Request.post("/api/v5/trade/order").body(Body.json("{\"instId\":\""
                    + derivative + "\",\"tdMode\":\"cross\",\"side\":\"buy\",\"ordType\":\"market\",\"sz\":\"1\"}"))
                    .build();
            assertThat(okx.costOf(order)).as(derivative).containsExactly(
                    new RateLimitCost("POST /api/v5/trade/order", derivative, 1), new RateLimitCost("SUB_ACCOUNT_ORDERS", "", 1));
        }
        assertThat(okx.costOf(Request.post("/api/v5/trade/order").build()))
                .containsExactly(new RateLimitCost("POST /api/v5/trade/order", "", 1), new RateLimitCost("SUB_ACCOUNT_ORDERS", "", 1));
        assertThat(OkxEndpoints.isSpotOrMarginPair("-USDT")).isFalse();
        assertThat(OkxEndpoints.isSpotOrMarginPair("BTC-")).isFalse();
        assertThat(OkxEndpoints.isSpotOrMarginPair("BTCUSDT")).isFalse();
    }

    /** As far as the docs say, OKX sends no rate-limit headers: nothing is read. */
    @Test
    void noRateLimitHeadersAreRead() {
        assertThat(okx.readRateLimits(Responses.resource("time.json"))).isEmpty();
    }
}
