package io.antrest.gateway.spi;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * One of an exchange's rate limits: {@code limit} units per {@code window}, counted over what its
 * {@link Scope} says (the whole IP or account, one endpoint, one endpoint per instrument, or new
 * orders). An exchange has several (Binance: request weight per minute, orders per 10 seconds
 * and per day; OKX: one per endpoint, some per instrument); a request costs something in each
 * rule it touches ({@link Exchange#costOf}), and the runtime spends every one of those buckets
 * before it sends.
 *
 * @param name   the rule's name, unique within the exchange, e.g. {@code REQUEST_WEIGHT}, {@code POST /api/v5/trade/order}
 * @param scope  what the exchange counts the rule over
 * @param limit  the units allowed per window
 * @param window the window (fixed, aligned to the clock as the exchanges count them)
 */
public record RateLimitRule(String name, Scope scope, int limit, Duration window) {

    /** What a rule is counted over; a bucket is one rule and, for {@link #INSTRUMENT}, one instrument. */
    public enum Scope {
        /** Every request from the IP address (Binance's request weight). */
        IP,
        /** Every request of the account, or of the API key (BitMEX's requests per minute). */
        ACCOUNT,
        /** One endpoint's requests (OKX: {@code GET /api/v5/account/balance}, 10 per 2 s). */
        ENDPOINT,
        /** One endpoint's requests on one instrument: a bucket per instrument (OKX: place order, 60 per 2 s per instrument). */
        INSTRUMENT,
        /** New orders of the account (Binance: 100 per 10 s and 200 000 per day). */
        ORDERS
    }

    /** Checks the arguments. */
    public RateLimitRule {
        requireNonNull(name, "name is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(window, "window is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a rate-limit rule needs a name");
        }
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate-limit rule '" + name + "' needs limit >= 1 and a positive window, had "
                    + limit + " per " + window);
        }
    }

    /** What a request costs in this rule (for {@link Scope#INSTRUMENT}, use {@link #cost(int, String)}). */
    public RateLimitCost cost(int units) {
        return new RateLimitCost(name, "", units);
    }

    /** What a request on {@code instrument} costs in this per-instrument rule. */
    public RateLimitCost cost(int units, String instrument) {
        return new RateLimitCost(name, instrument, units);
    }
}
