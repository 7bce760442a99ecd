package io.antrest.core;

import io.antrest.core.limit.RateLimitBudget;
import io.antrest.core.limit.RequestBudget;
import io.antrest.core.limit.Transit;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request spent just before a window turns counts in the next window too, as far before the turn
 * as requests take to be answered: the exchange counts a request when it arrives, and on a cold
 * start or a long route that is more than the clock's error. (CI once saw a 429 so: a fresh
 * process's first request, spent 100 ms and more before OKX's 2 s window turned, arrived after it.)
 */
class TransitTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        final AtomicLong now = new AtomicLong();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    }

    @Test
    void theLeadIsTheLongestAnswerOfTheLastPeriodsBetweenTheGuardAndAQuarterOfTheWindow() {
        HandClock clock = new HandClock();
        clock.now.set(1_000_000);
        Transit t = new Transit(clock);
        assertThat(t.millis()).as("before any answer").isEqualTo(Transit.COLD_MILLIS);
        assertThat(t.lead(2_000)).as("cold, a quarter of a 2 s window at most").isEqualTo(500);
        assertThat(t.lead(60_000)).as("cold, for a minute: the 1 s guard is longer").isEqualTo(1_000);

        t.answered(Duration.ofMillis(3));
        t.answered(Duration.ofMillis(30));
        assertThat(t.millis()).isEqualTo(30);
        assertThat(t.lead(2_000)).as("never under the guard, a twentieth of the window").isEqualTo(100);

        clock.now.addAndGet(9_000);
        t.answered(Duration.ofMillis(300));
        assertThat(t.lead(2_000)).isEqualTo(300);
        assertThat(t.lead(1_000)).as("a quarter of a 1 s window").isEqualTo(250);

        clock.now.addAndGet(10_000);
        t.answered(Duration.ofMillis(5));
        assertThat(t.millis()).as("the period before still counts").isEqualTo(300);
        clock.now.addAndGet(10_000);
        t.answered(Duration.ofMillis(5));
        assertThat(t.millis()).as("20 s on, only fast answers").isEqualTo(5);

        clock.now.addAndGet(120_000);
        assertThat(t.millis()).as("nothing heard for two minutes: the last figure stays").isEqualTo(5);
    }

    @Test
    void aRequestSpentWithinTheLeadBeforeATurnCountsInTheNextWindowToo() {
        HandClock clock = new HandClock();
        RateLimitBudget b = RateLimitBudget.perWindow(5, Duration.ofSeconds(2), clock);

        // Cold: 400 ms before the turn is within the lead (500 ms).
        clock.now.set(101_600);
        assertThat(b.tryAcquire(3)).isZero();
        clock.now.set(102_200);
        assertThat(b.used()).as("the 3 spent 400 ms before the turn").isEqualTo(3);

        // Answers in 20 ms: the lead is the 100 ms guard, and 400 ms before the turn counts once.
        b.answered(Duration.ofMillis(20));
        clock.now.set(103_600);
        assertThat(b.tryAcquire(2)).isZero();
        clock.now.set(104_200);
        assertThat(b.used()).as("the 2 spent 400 ms before the turn").isZero();

        // One answer took 450 ms: 400 ms before the turn counts in both windows again.
        b.answered(Duration.ofMillis(450));
        clock.now.set(105_600);
        assertThat(b.tryAcquire(3)).isZero();
        clock.now.set(106_200);
        assertThat(b.used()).isEqualTo(3);
        assertThat(b.tryAcquire(3)).as("the window already holds the 3 spent before its turn").isPositive();
        assertThat(b.tryAcquire(2)).isZero();
    }

    @Test
    void theEngineTellsItsBudgetHowLongEachAnswerTookFromTheSpending() throws Exception {
        List<Duration> heard = new CopyOnWriteArrayList<>();
        RequestBudget budget = new RequestBudget() {
            @Override
            public long tryAcquire(Request request) {
                return 0;
            }

            @Override
            public void answered(Duration spentToAnswer) {
                heard.add(spentToAnswer);
            }
        };
        try (LoopbackServer server = new LoopbackServer(r -> new LoopbackServer.Reply(200,
                Map.of("Content-Type", "application/json"), "{}", 150, LoopbackServer.Reply.Action.ANSWER))) {
            RestClient client = RestClient.builder("transit").budget(budget).build();
            try {
                client.init(server.url());
                client.start(1);
                client.submit(Request.get("/slow").build()).get();
                client.submit(Request.get("/slow").build()).get();
            } finally {
                client.close();
            }
        }
        assertThat(heard).hasSize(2).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(150)));
    }
}
