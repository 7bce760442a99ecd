package io.antrest.gateway;

import io.antrest.core.Request;
import io.antrest.core.limit.BucketUsage;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.RateLimitRule;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The budget keeps to the limits the exchange states once the plugin has read them ({@link ExchangeBudget#adopt}). */
class ExchangeBudgetTest {
    /** Mid-minute and mid-second, so that no window turns during a test. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:30.500Z"), ZoneOffset.UTC);
    private final ExchangeBudget budget = new ExchangeBudget("fake", new FakeExchange(ExchangeSettings.builder().build()), clock);
    private final Request account = Request.get("/account").build();
    private final Request order = Request.post("/order").param("symbol", "BTCUSDT").build();

    private static RateLimitRule weight(int limit) {
        return new RateLimitRule("weight", RateLimitRule.Scope.IP, limit, Duration.ofMinutes(1));
    }

    private static RateLimitRule orders(int limit) {
        return new RateLimitRule("orders", RateLimitRule.Scope.INSTRUMENT, limit, Duration.ofSeconds(1));
    }

    @Test
    void aStatedLimitReplacesThePluginsAndKeepsWhatWasUsedInTheWindow() {
        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryAcquire(account)).isZero();
        }

        budget.adopt(List.of(weight(6), orders(FakeExchange.ORDERS_PER_SECOND)));

        assertThat(budget.rules()).containsExactly(weight(6), orders(FakeExchange.ORDERS_PER_SECOND));
        assertThat(budget.usage()).extracting(BucketUsage::name, BucketUsage::used, BucketUsage::limit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("weight", 5L, 6L));
        assertThat(budget.tryAcquire(account)).isZero();
        assertThat(budget.tryAcquire(account)).as("the stated 6 per minute are used up").isPositive();
    }

    @Test
    void aRuleTheExchangeDoesNotStateIsNoLongerKeptTo() {
        budget.adopt(List.of(weight(1200)));
        for (int i = 0; i < FakeExchange.ORDERS_PER_SECOND * 3; i++) {
            assertThat(budget.tryAcquire(order)).as("order %s", i).isZero();
        }

        assertThat(budget.used("orders", "BTCUSDT")).isZero();
        assertThat(budget.used("weight")).isEqualTo(FakeExchange.ORDERS_PER_SECOND * 3);
        assertThat(budget.usage()).extracting(BucketUsage::name).containsExactly("weight");
    }

    @Test
    void aNewRuleGetsABucketAndAListNamingARuleTwiceChangesNothing() {
        RateLimitRule raw = new RateLimitRule("raw", RateLimitRule.Scope.IP, 10, Duration.ofMinutes(5));
        budget.adopt(List.of(weight(1200), orders(FakeExchange.ORDERS_PER_SECOND), raw));
        assertThat(budget.usage()).extracting(BucketUsage::name).containsExactly("weight", "raw");

        assertThatThrownBy(() -> budget.adopt(List.of(weight(1), weight(2)))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'weight' twice");
        assertThat(budget.rules()).containsExactly(weight(1200), orders(FakeExchange.ORDERS_PER_SECOND), raw);
    }
}
