package io.antrest.gateway;

import io.antrest.core.Attempt;
import io.antrest.core.Outcome;
import io.antrest.core.OutcomeListener;
import io.antrest.core.Response;
import io.antrest.core.limit.RateLimitBudget;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.RateLimitStatus;
import io.antrest.monitor.MonitorEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Corrects a gateway's rate-limit budget with what every answer's headers say (weight used,
 * requests remaining), and pauses it, and tells the monitor, when the exchange answers 429 or a
 * 418 ban with a time to wait (from {@code Retry-After}, or from the exchange's own error body).
 */
final class BudgetFeedback implements OutcomeListener {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetFeedback.class);

    private final String gateway;
    private final Exchange exchange;
    private final RateLimitBudget budget;
    private final RateLimitBudget orderBudget;
    private final MonitorEngine monitor;
    private final Clock clock;

    BudgetFeedback(String gateway, Exchange exchange, RateLimitBudget budget, RateLimitBudget orderBudget,
                   MonitorEngine monitor, Clock clock) {
        this.gateway = gateway;
        this.exchange = exchange;
        this.budget = budget;
        this.orderBudget = orderBudget;
        this.monitor = monitor;
        this.clock = clock;
    }

    @Override
    public void onOutcome(Outcome outcome) {
        // the budget learns from attempts, not from how calls end
    }

    @Override
    public void onAttempt(Attempt attempt) {
        Optional<Response> answer = attempt.response();
        if (answer.isEmpty()) {
            return;
        }
        Response response = answer.get();
        try {
            RateLimitStatus s = exchange.readRateLimit(response);
            if (s.used().isPresent()) {
                budget.observeUsed(s.used().getAsLong());
            }
            if (s.remaining().isPresent()) {
                budget.observeRemaining(s.remaining().getAsLong(), s.resetAt().orElse(null));
            }
            if (orderBudget != null && s.orderCount().isPresent()) {
                orderBudget.observeUsed(s.orderCount().getAsLong());
            }
        } catch (RuntimeException e) {
            LOG.debug("gateway '{}': could not read the rate-limit headers of {}", gateway, response, e);
        }
        int status = response.status();
        if (status != 429 && status != 418) {
            return;
        }
        Optional<Duration> wait = attempt.retryAfter();
        if (wait.isEmpty()) {
            try {
                wait = exchange.classify(response).retryAfter();
            } catch (RuntimeException e) {
                LOG.debug("gateway '{}': could not classify {}", gateway, response, e);
            }
        }
        if (wait.isPresent()) {
            Instant until = clock.instant().plus(wait.get());
            budget.pauseUntil(until);
            monitor.rateLimited(gateway, until, "HTTP " + status + " from " + exchange.name());
        }
    }
}
