package io.antrest.gateway;

import io.antrest.core.Attempt;
import io.antrest.core.Outcome;
import io.antrest.core.OutcomeListener;
import io.antrest.core.Response;
import io.antrest.gateway.spi.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Corrects a gateway's rate-limit buckets with what every answer's headers say (weight used,
 * orders counted, requests remaining), and pauses them when the exchange throttles a call (429,
 * a 418 ban, or the same refusal in a 2xx body) with a time to wait (from {@code Retry-After}, or
 * from the exchange's own error body). The monitor, a listener of its own, reads the same attempt
 * and makes the gateway RATE_LIMITED.
 */
final class BudgetFeedback implements OutcomeListener {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetFeedback.class);

    private final String gateway;
    private final Exchange exchange;
    private final ExchangeBudget budget;
    private final Clock clock;

    /** Pauses in {@code clock}, the exchange's (offset-corrected), in which the buckets count. */
    BudgetFeedback(String gateway, Exchange exchange, ExchangeBudget budget, Clock clock) {
        this.gateway = gateway;
        this.exchange = exchange;
        this.budget = budget;
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
            budget.pause(attempt.call().request(), clock.instant().plus(wait.get()), response.status() == 418);
        }
    }
}
