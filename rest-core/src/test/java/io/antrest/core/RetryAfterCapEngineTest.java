package io.antrest.core;

import io.antrest.core.limit.RateLimitBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waits an exchange imposes are capped before anyone hears them: a {@code Retry-After} of
 * 999999999 s, a wait stated in an error body, a rate-limit reset years away.
 */
class RetryAfterCapEngineTest {
    private static final Duration CAP = Duration.ofSeconds(2);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private List<Attempt> attemptsOf(AnswerClassifier classifier, LoopbackServer.Reply reply) throws Exception {
        LoopbackServer server = new LoopbackServer(r -> reply);
        closeables.add(server);
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        RestClient client = RestClient.builder("capped").config(RestClientConfig.builder().retryAfterCap(CAP).build())
                .classifier(classifier).listener(new OutcomeListener() {
                    @Override
                    public void onOutcome(Outcome outcome) {
                    }

                    @Override
                    public void onAttempt(Attempt attempt) {
                        attempts.add(attempt);
                    }
                }).build();
        client.init(server.url());
        client.start(1);
        closeables.add(client);
        client.submit(Request.get("/x").maxAttempts(1).build()).handle((r, e) -> null).get();
        return attempts;
    }

    @Test
    void aHugeRetryAfterHeaderIsHeardAsTheCap() throws Exception {
        List<Attempt> attempts = attemptsOf(AnswerClassifier.HTTP_STATUS,
                LoopbackServer.Reply.json(429, "{\"code\":-1003}").withHeader("Retry-After", "999999999"));
        assertThat(attempts).singleElement().satisfies(a -> assertThat(a.retryAfter()).contains(CAP));
    }

    @Test
    void aHugeWaitStatedInTheBodyIsHeardAsTheCap() throws Exception {
        AnswerClassifier bodySaysTenYears = (request, response) -> new AnswerVerdict(AnswerVerdict.Kind.THROTTLED,
                Optional.of(Duration.ofDays(3650)), "banned for ten years");
        List<Attempt> attempts = attemptsOf(bodySaysTenYears, LoopbackServer.Reply.json(418, "{\"code\":-1003}"));
        assertThat(attempts).singleElement().satisfies(a -> assertThat(a.retryAfter()).contains(CAP));
    }

    @Test
    void aShortRetryAfterIsHeardAsItIs() throws Exception {
        List<Attempt> attempts = attemptsOf(AnswerClassifier.HTTP_STATUS,
                LoopbackServer.Reply.json(429, "{\"code\":-1003}").withHeader("Retry-After", "1"));
        assertThat(attempts).singleElement().satisfies(a -> assertThat(a.retryAfter()).contains(Duration.ofSeconds(1)));
    }

    @Test
    void aRateLimitResetYearsAwayPausesABucketForOneWindowAtMost() {
        RateLimitBudget budget = RateLimitBudget.perWindow(10, Duration.ofMinutes(1), Clock.systemUTC());
        budget.observeRemaining(0, Instant.now().plus(Duration.ofDays(365 * 30)));
        assertThat(budget.pausedUntil()).isNotNull().isBefore(Instant.now().plus(Duration.ofMinutes(2)));
        assertThat(budget.waitFor(1)).isLessThanOrEqualTo(Duration.ofMinutes(1).plusMillis(RateLimitBudget.guard(60_000)).toMillis());
    }
}
