package io.antrest.gateway.spi;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The value types of the plugin contract: credentials with a passphrase, rate-limit rules and costs, contracts. */
class SpiValueTypesTest {

    @Test
    void aPassphraseIsCarriedButNeverPrinted() {
        Credentials c = Credentials.hmac("key-123", "secret-456").withPassphrase("phrase-789");

        assertThat(c.passphrase()).contains("phrase-789");
        assertThat(c.requirePassphrase("okx")).isEqualTo("phrase-789");
        assertThat(c.toString()).doesNotContain("key-123", "secret-456", "phrase-789").contains("passphrase=****");
        assertThat(ExchangeSettings.builder().credentials(c).option("simulated", "true").build().toString())
                .doesNotContain("key-123", "secret-456", "phrase-789");
        assertThat(Credentials.hmac("k", "s").toString()).doesNotContain("passphrase");
    }

    @Test
    void aMissingOrBlankPassphraseNamesTheSettingToSet() {
        assertThatThrownBy(() -> Credentials.hmac("k", "s").requirePassphrase("okx"))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("exchange 'okx'").hasMessageContaining("gateway.NAME.passphrase")
                .hasMessageContaining("withPassphrase");
        assertThatThrownBy(() -> new Credentials("k", "s", KeyType.HMAC, Optional.of("  ")))
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("gateway.NAME.passphrase")
                .hasMessageNotContaining("  \"");
    }

    @Test
    void rateLimitRulesNeedANameALimitAndAWindow() {
        RateLimitRule rule = new RateLimitRule("POST /api/v5/trade/order", RateLimitRule.Scope.INSTRUMENT, 60,
                Duration.ofSeconds(2));

        assertThat(rule.cost(1, "BTC-USDT")).isEqualTo(new RateLimitCost("POST /api/v5/trade/order", "BTC-USDT", 1));
        assertThat(rule.cost(3)).isEqualTo(new RateLimitCost("POST /api/v5/trade/order", "", 3));
        assertThatThrownBy(() -> new RateLimitRule(" ", RateLimitRule.Scope.IP, 1, Duration.ofSeconds(1)))
                .hasMessageContaining("needs a name");
        assertThatThrownBy(() -> new RateLimitRule("w", RateLimitRule.Scope.IP, 0, Duration.ofSeconds(1)))
                .hasMessageContaining("rule 'w'").hasMessageContaining("limit >= 1");
        assertThatThrownBy(() -> new RateLimitRule("w", RateLimitRule.Scope.IP, 1, Duration.ZERO))
                .hasMessageContaining("positive window");
        assertThatThrownBy(() -> new RateLimitCost("w", "", -1)).hasMessageContaining("cannot be negative");
    }

    @Test
    void readingsSayUsedOrRemaining() {
        RateLimitReading used = RateLimitReading.used("REQUEST_WEIGHT", 1234);
        RateLimitReading left = RateLimitReading.remaining("REQUESTS", 117, null);

        assertThat(used.used()).hasValue(1234);
        assertThat(used.remaining()).isEmpty();
        assertThat(left.remaining()).hasValue(117);
        assertThat(left.resetAt()).isEmpty();
    }

    @Test
    void aContractIsBuiltWithItsLimitsAndEqualsRegardlessOfTrailingZeros() {
        Contract a = Contract.builder("okx", "BTC-USDT").baseAsset("BTC").quoteAsset("USDT")
                .tickSize(new BigDecimal("0.10")).lotSize(new BigDecimal("0.00000001")).minQuantity(new BigDecimal("0.00001000"))
                .maxQuantity(new BigDecimal("9999999999")).status("live", true).type("SPOT").build();
        Contract b = a.toBuilder().tickSize(new BigDecimal("0.1")).minQuantity(new BigDecimal("0.00001")).build();

        assertThat(a).isEqualTo(b);
        assertThat(a.settlementCurrency()).as("spot settles in the quote asset unless told").isEqualTo("USDT");
        assertThat(a.maxPrice()).as("no limit given: zero").isEqualByComparingTo("0");
        assertThat(a.minNotional()).isEqualByComparingTo("0");
        assertThat(a.toBuilder().settlementCurrency("XBt").build().settlementCurrency()).isEqualTo("XBt");
        assertThatThrownBy(() -> Contract.builder("x", "Y").lotSize(BigDecimal.ONE).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("tickSize");
    }
}
