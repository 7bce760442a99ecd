package io.antrest.gateway.spi;

import static java.util.Objects.requireNonNull;

/**
 * What one request costs in one of its exchange's {@link RateLimitRule}s.
 *
 * @param rule  the rule's name
 * @param key   the instrument, for a {@link RateLimitRule.Scope#INSTRUMENT} rule; empty for the others
 * @param units the units it spends (Binance's weight; 1 for a rule that counts requests)
 */
public record RateLimitCost(String rule, String key, int units) {
    /** Checks the arguments. */
    public RateLimitCost {
        requireNonNull(rule, "rule is null");
        requireNonNull(key, "key is null");
        if (units < 0) {
            throw new IllegalArgumentException("a rate-limit cost cannot be negative, was " + units + " in rule '" + rule + "'");
        }
    }
}
