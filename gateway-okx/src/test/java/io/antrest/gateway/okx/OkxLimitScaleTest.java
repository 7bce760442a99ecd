package io.antrest.gateway.okx;

import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Option {@code limit_scale}: every client-side rule's limit multiplied, for accounts and simulators allowed more. */
class OkxLimitScaleTest {

    private static Exchange okx(String limitScale) {
        return new OkxProvider().create(ExchangeSettings.builder().option("limit_scale", limitScale).build());
    }

    private static Map<String, RateLimitRule> byName(Exchange exchange) {
        return exchange.rateLimits().stream().collect(Collectors.toMap(RateLimitRule::name, Function.identity()));
    }

    @Test
    void withoutTheOptionTheRulesAreOkxsDocumentedOnes() {
        Exchange plain = new OkxProvider().create(ExchangeSettings.builder().build());

        assertThat(plain.rateLimits()).isEqualTo(OkxEndpoints.RULES);
        assertThat(okx("1").rateLimits()).isEqualTo(OkxEndpoints.RULES);
    }

    @Test
    void everyRuleIsMultipliedAndKeepsItsNameScopeAndWindow() {
        Exchange scaled = okx(" 250 ");
        Map<String, RateLimitRule> rules = byName(scaled);

        assertThat(rules.keySet()).containsExactlyInAnyOrderElementsOf(byName(okx("1")).keySet());
        for (RateLimitRule documented : OkxEndpoints.RULES) {
            assertThat(rules.get(documented.name())).as(documented.name())
                    .isEqualTo(new RateLimitRule(documented.name(), documented.scope(), documented.limit() * 250,
                            documented.window()));
        }
        assertThat(rules.get("GET /api/v5/account/balance").limit()).isEqualTo(2_500);
        assertThat(rules.get("POST /api/v5/trade/order").limit()).isEqualTo(15_000);
    }

    /** The costs name rules by their names, which scaling keeps: every cost still finds its rule. */
    @Test
    void costsStillNameExistingRules() {
        Exchange scaled = okx("1000");
        Map<String, RateLimitRule> rules = byName(scaled);

        for (RateLimitCost cost : scaled.costOf(scaled.trading().newOrder(OrderRequest.limit("BTC-USDT", Side.BUY,
                new BigDecimal("0.001"), new BigDecimal("50000.0"))))) {
            assertThat(rules).as("rule of cost %s", cost).containsKey(cost.rule());
        }
        assertThat(rules).containsKey(scaled.costOf(scaled.trading().account()).get(0).rule());
    }

    @Test
    void theLargestScaleKeepsEveryLimitWithinAnInt() {
        Map<String, RateLimitRule> rules = byName(okx(Integer.toString(OkxProvider.MAX_LIMIT_SCALE)));

        assertThat(OkxProvider.MAX_LIMIT_SCALE).isEqualTo(1_000_000);
        assertThat(rules.get("SUB_ACCOUNT_ORDERS").limit()).isEqualTo(1_000_000_000);
    }

    @Test
    void scalesBelowOneAboveTheBoundOrNotWholeNumbersAreRefusedNamingTheSettingAndTheBound() {
        for (String bad : new String[] {"0", "-3", "1000001", "99999999999999999999", "2.5", "lots", ""}) {
            assertThatThrownBy(() -> okx(bad)).as("limit_scale=%s", bad)
                    .isInstanceOf(GatewaySettingsException.class)
                    .hasMessageContaining("gateway.NAME.option.limit_scale")
                    .hasMessageContaining("from 1 to 1000000")
                    .hasMessageContaining("was \"" + bad + "\"");
        }
    }

    @Test
    void theScaleIsShownInTheExchangesDescription() {
        assertThat(okx("40").toString()).contains("limits x40");
        assertThat(new OkxProvider().create(ExchangeSettings.builder().build()).toString()).doesNotContain("limits x");
    }
}
