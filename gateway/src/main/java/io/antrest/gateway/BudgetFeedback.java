package io.antrest.gateway;

import io.antrest.core.Attempt;
import io.antrest.core.Outcome;
import io.antrest.core.OutcomeListener;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Exchange;
import io.antrest.monitor.MonitorEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Corrects a gateway's rate-limit buckets with what every answer's headers say (weight used,
 * orders counted, requests remaining), and pauses them, and tells the monitor, when the exchange
 * throttles a call (429, a 418 ban, or the same refusal in a 2xx body) with a time to wait
 * (from {@code Retry-After}, or from the exchange's own error body).
 */
final class BudgetFeedback implements OutcomeListener {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetFeedback.class);

    private final String gateway;
    private final Exchange exchange;
    private final ExchangeBudget budget;
    private final MonitorEngine monitor;
    private final OffsetClock clock;

    BudgetFeedback(String gateway, Exchange exchange, ExchangeBudget budget, MonitorEngine monitor, OffsetClock clock) {
        this.gateway = gateway;
        this.exchange = exchange;
        this.budget = budget;
        this.monitor = monitor;
        this.clock = clock;
    }

    @Override
    public void onOutcome(Outcome outcome) {
        // the buckets learn from attempts, not from how calls end
    }

    @Override
    public void onAttempt(Attempt attempt) {
        Optional<Response> answer = attempt.response();
        if (answer.isEmpty()) {
            return;
        }
        Response response = answer.get();
        try {
            budget.observe(exchange.readRateLimits(response));
        } catch (RuntimeException e) {
            LOG.debug("gateway '{}': could not read the rate-limit headers of {}", gateway, response, e);
        }
        if (!attempt.throttled()) {
            return;
        }
        Optional<Duration> wait = attempt.retryAfter();
        if (wait.isPresent()) {
            // the buckets count in the exchange's clock, the monitor in ours
            budget.pause(attempt.call().request(), clock.instant().plus(wait.get()), response.status() == 418);
            monitor.rateLimited(gateway, clock.base().instant().plus(wait.get()), "HTTP " + response.status() + " from "
                    + exchange.name());
        }
    }
}
