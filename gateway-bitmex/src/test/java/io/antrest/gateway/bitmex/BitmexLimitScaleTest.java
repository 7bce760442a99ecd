package io.antrest.gateway.bitmex;

import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.RateLimitReading;
import io.antrest.gateway.spi.RateLimitRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Option {@code limit_scale}: every client-side rule's limit multiplied (BitMEX's 120 requests per
 * minute per key, 30 without one, 10 per second on the order routes), for accounts and simulators
 * allowed more.
 */
class BitmexLimitScaleTest {

    private static Exchange bitmex(String limitScale, boolean withKey) {
        ExchangeSettings.Builder b = ExchangeSettings.builder().option("limit_scale", limitScale);
        if (withKey) {
            b.credentials(Credentials.hmac("LAqUlngMIQkIUjXMUreyu3qn", "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO"));
        }
        return new BitmexProvider().create(b.build());
    }

    @Test
    void theOptionIsListed() {
        assertThat(new BitmexProvider().options()).containsExactlyInAnyOrder("expires_window_seconds", "limit_scale");
    }

    @Test
    void withoutTheOptionOrAtOneTheRulesAreBitmexsDocumentedOnes() {
        Exchange plain = new BitmexProvider().create(ExchangeSettings.builder()
                .credentials(Credentials.hmac("LAqUlngMIQkIUjXMUreyu3qn", "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO"))
                .build());

        assertThat(bitmex("1", true).rateLimits()).isEqualTo(plain.rateLimits());
        assertThat(plain.rateLimits()).extracting(RateLimitRule::limit).containsExactly(60, 5);
    }

    @Test
    void everyRuleIsMultipliedAndKeepsItsNameScopeAndWindow() {
        assertThat(bitmex(" 250 ", true).rateLimits()).extracting(RateLimitRule::name, RateLimitRule::scope,
                RateLimitRule::limit, RateLimitRule::window).containsExactly(
                        tuple("REQUESTS", RateLimitRule.Scope.ACCOUNT, 15_000, Duration.ofSeconds(30)),
                        tuple("ORDER_ROUTES", RateLimitRule.Scope.ENDPOINT, 1_250, Duration.ofMillis(500)));
        assertThat(bitmex("250", false).rateLimits()).extracting(RateLimitRule::name, RateLimitRule::scope,
                RateLimitRule::limit, RateLimitRule::window).containsExactly(
                        tuple("REQUESTS", RateLimitRule.Scope.IP, 3_750, Duration.ofSeconds(30)),
                        tuple("ORDER_ROUTES", RateLimitRule.Scope.ENDPOINT, 1_250, Duration.ofMillis(500)));
    }

    @Test
    void theLargestScaleKeepsEveryLimitWithinAnInt() {
        assertThat(BitmexProvider.MAX_LIMIT_SCALE).isEqualTo(1_000_000);
        assertThat(bitmex(Integer.toString(BitmexProvider.MAX_LIMIT_SCALE), true).rateLimits())
                .extracting(RateLimitRule::limit).containsExactly(60_000_000, 5_000_000);
    }

    /**
     * With a key, the answer to the unsigned clock request counts against the address's bucket,
     * whose {@code x-ratelimit-limit} is 30 times the scale where the simulator is scaled alike: it
     * says nothing about the key's bucket; the key's answers (120 times the scale) are read.
     */
    @Test
    void theAddressBucketIsRecognisedAtItsScaledSize() {
        Exchange scaled = bitmex("100", true);

        assertThat(scaled.readRateLimits(Responses.of(200, "[]", "x-ratelimit-limit", "3000",
                "x-ratelimit-remaining", "2999", "x-ratelimit-reset", "1518064300"))).isEmpty();
        assertThat(scaled.readRateLimits(Responses.of(200, "[]", "x-ratelimit-limit", "12000",
                "x-ratelimit-remaining", "11999", "x-ratelimit-reset", "1518064300")))
                .containsExactly(RateLimitReading.remaining("REQUESTS", 11_999, Instant.ofEpochSecond(1518064300L)));
    }

    @Test
    void scalesBelowOneAboveTheBoundOrNotWholeNumbersAreRefusedNamingTheSettingAndTheBound() {
        for (String bad : new String[] {"0", "-3", "1000001", "99999999999999999999", "2.5", "lots", ""}) {
            assertThatThrownBy(() -> bitmex(bad, true)).as("limit_scale=%s", bad)
                    .isInstanceOf(GatewaySettingsException.class)
                    .hasMessageContaining("gateway.NAME.option.limit_scale")
                    .hasMessageContaining("from 1 to 1000000")
                    .hasMessageContaining("was \"" + bad + "\"")
                    .hasMessageContaining("leave it unset for bitmex's documented limits");
        }
    }

    @Test
    void theScaleIsShownInTheExchangesDescriptionNeverTheSecret() {
        assertThat(bitmex("40", true).toString()).contains("limits x40").doesNotContain("chNOOS4K")
                .doesNotContain("LAqUlngMIQkIUjXMUreyu3qn");
        assertThat(bitmex("1", true).toString()).doesNotContain("limits x");
    }
}
