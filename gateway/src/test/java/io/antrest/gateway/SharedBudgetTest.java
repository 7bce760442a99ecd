package io.antrest.gateway;

import io.antrest.core.Request;
import io.antrest.core.limit.Sharing;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.RateLimitReading;
import io.antrest.gateway.spi.RateLimitRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Budgets of several processes (here several {@link ExchangeBudget}s, each with its own connection,
 * as separate processes have) share their buckets through a real Redis server: together they spend
 * exactly the limit, a pause one of them meets stops them all, what the exchange reports raises the
 * shared count, and when Redis goes away each keeps to its fallback fraction, then shares again.
 * The windows follow a test clock, so that no window turns unless the test turns it.
 */
class SharedBudgetTest {
    private static RedisServer redis;
    private static int port;

    /**
     * 30.5 s into a minute, months behind Redis's clock: the windows and pauses follow the exchange's
     * clock, whatever Redis's says. (With a pause's key expiring at its end by Redis's clock, a ban
     * vanished at once for a process started during it: the test failed so once real time passed its clock.)
     */
    private final TestClock clock = new TestClock(Instant.parse("2026-01-15T10:00:30.500Z"));
    private final List<ExchangeBudget> budgets = new ArrayList<>();
    private final Request account = Request.get("/account").build();
    private int process;

    @BeforeAll
    static void startRedis() throws IOException {
        port = freePort();
        redis = server(port);
        redis.start();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        redis.stop();
    }

    @BeforeEach
    void restartIfStopped() throws IOException {
        if (!redis.isActive()) {
            redis = server(port);
            redis.start();
        }
    }

    @AfterEach
    void close() {
        budgets.forEach(ExchangeBudget::close);
    }

    private static RedisServer server(int port) throws IOException {
        return RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A process's budget on {@code key}, its weight rule {@code limit} per minute, sharing through the test's Redis. */
    private ExchangeBudget process(String key, int limit, double fallback) {
        BudgetSharing sharing = BudgetSharing.parse("redis://127.0.0.1:" + port).withFallback(fallback)
                .withTimeout(Duration.ofMillis(300));
        GatewaySettings settings = GatewaySettings.builder().budget(sharing)
                .exchange(ExchangeSettings.builder().credentials(Credentials.hmac(key, "secret-" + key)).build()).build();
        FakeExchange exchange = new FakeExchange(settings.exchange());
        ExchangeBudget budget = ExchangeBudget.create("p" + (++process), "fake-" + testKey, exchange, clock, settings);
        budget.adopt(List.of(new RateLimitRule("weight", RateLimitRule.Scope.ACCOUNT, limit, Duration.ofMinutes(1))));
        budgets.add(budget);
        return budget;
    }

    /** Each test its own keys in Redis. */
    private final String testKey = Long.toString(System.nanoTime(), 36);

    /** Spends one weight at a time, taking turns, until no budget has room; how many each spent. */
    private long[] spendTurnAbout(ExchangeBudget... of) {
        long[] spent = new long[of.length];
        boolean any = true;
        while (any) {
            any = false;
            for (int i = 0; i < of.length; i++) {
                if (of[i].tryAcquire(account) == 0) {
                    spent[i]++;
                    any = true;
                }
            }
        }
        return spent;
    }

    @Test
    void processesOnOneAccountSpendExactlyTheLimitTogetherAndOneAloneMaySpendAllOfIt() {
        ExchangeBudget a = process("key-1", 500, 0.25);
        ExchangeBudget b = process("key-1", 500, 0.25);
        ExchangeBudget c = process("key-1", 500, 0.25);
        assertThat(a.sharing().mode()).isEqualTo(Sharing.Mode.SHARED);

        long[] spent = spendTurnAbout(a, b, c);

        assertThat(spent[0] + spent[1] + spent[2]).as("together, not one more than the limit").isEqualTo(500);
        assertThat(java.util.Arrays.stream(spent).min().orElseThrow()).as("each had its share").isGreaterThan(100);
        assertThat(a.tryAcquire(account)).as("the wait is until the next window, and its 1 s guard").isBetween(29_000L, 31_100L);

        clock.advance(Duration.ofMinutes(1));
        long[] alone = spendTurnAbout(b);
        assertThat(alone[0]).as("one process alone, the others idle, may spend the whole limit").isEqualTo(500);

        ExchangeBudget other = process("key-2", 500, 0.25);
        assertThat(spendTurnAbout(other)[0]).as("another account has buckets of its own").isEqualTo(500);
    }

    @Test
    void whatTheExchangeReportsRaisesTheSharedCountAndNeverLowersIt() {
        ExchangeBudget a = process("key-1", 500, 0.25);
        ExchangeBudget b = process("key-1", 500, 0.25);
        AtomicLong spent = new AtomicLong();
        assertThat(a.tryAcquire(account)).isZero();   // a spends 1 and leases 10 more: 11 counted
        spent.incrementAndGet();

        a.observe(List.of(RateLimitReading.used("weight", 400)));
        awaitTrue(() -> {
            if (b.tryAcquire(account) == 0) {
                spent.incrementAndGet();
            }
            return b.usage().get(0).used() >= 400;
        }, "b sees the count raised to 400");
        a.observe(List.of(RateLimitReading.used("weight", 3)));
        for (long n : spendTurnAbout(a, b)) {
            spent.addAndGet(n);
        }

        // Without the report they would spend 500; with it, the 100 left and at most the two leases
        // granted before the report was applied (which the exchange's 400 may already count).
        assertThat(spent.get()).as("the 400 the exchange counted stay counted; a lower report changes nothing")
                .isBetween(100L, 100L + 2 * 11);
    }

    @Test
    void aPauseOneProcessMeetsStopsEveryProcessUntilItEnds() {
        ExchangeBudget a = process("key-1", 500, 0.25);
        ExchangeBudget b = process("key-1", 500, 0.25);
        assertThat(b.tryAcquire(account)).as("b holds a lease").isZero();

        a.pause(account, clock.instant().plusSeconds(5), false);
        awaitTrue(() -> b.tryAcquire(account) > 0, "b, spending its own lease, hears of the pause");
        assertThat(b.tryAcquire(account)).isBetween(4_000L, 5_000L);

        clock.advance(Duration.ofSeconds(6));
        assertThat(b.tryAcquire(account)).isZero();

        a.pause(account, clock.instant().plusSeconds(120), true);   // a 418 ban
        awaitTrue(() -> b.tryAcquire(account) > 100_000, "b is banned too");
        // The ban is written in Redis before it is announced (one script), and a pauses without
        // waiting for Redis: only once b heard of it is it surely there for a process starting now.
        ExchangeBudget late = process("key-1", 500, 0.25);
        assertThat(late.tryAcquire(account)).as("a process started during the ban finds it in Redis")
                .isBetween(110_000L, 120_000L);
    }

    @Test
    void withRedisGoneEachKeepsToItsFractionFromTheNextWindowAndSharesAgainWhenItReturns() throws IOException {
        ExchangeBudget a = process("key-1", 400, 0.25);
        ExchangeBudget b = process("key-1", 400, 0.25);
        long[] before = spendTurnAbout(a, b);
        assertThat(before[0] + before[1]).isEqualTo(400);
        clock.advance(Duration.ofMinutes(1));
        assertThat(a.tryAcquire(account)).isZero();   // a leases 1 + 400/50

        redis.stop();
        awaitTrue(() -> a.sharing().mode() == Sharing.Mode.FALLBACK, "a notices Redis is gone");
        awaitTrue(() -> b.tryAcquire(account) > 0 || b.sharing().mode() == Sharing.Mode.FALLBACK, "b notices");
        long leased = spendTurnAbout(a)[0];
        assertThat(leased).as("in the window Redis was lost in, only what was leased").isEqualTo(8);
        assertThat(b.tryAcquire(account)).as("b had leased nothing: it waits for the next window").isPositive();

        clock.advance(Duration.ofMinutes(1));
        long[] fallback = spendAllowingProbes(a, b);
        assertThat(fallback).as("each its fallback fraction, 25%% of 400").containsExactly(100, 100);
        assertThat(a.sharing().mode()).isEqualTo(Sharing.Mode.FALLBACK);

        redis = server(port);
        redis.start();
        clock.advance(Duration.ofMinutes(1));
        awaitTrue(() -> {
            a.tryAcquire(account);
            b.tryAcquire(account);
            clock.advance(Duration.ofMillis(100));
            return a.sharing().mode() == Sharing.Mode.SHARED && b.sharing().mode() == Sharing.Mode.SHARED;
        }, "both share again");
        clock.advance(Duration.ofMinutes(1));
        long[] again = spendTurnAbout(a, b);
        assertThat(again[0] + again[1]).as("the whole limit, shared").isEqualTo(400);
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheSettingAndNeverTheSecret() throws IOException {
        int securePort = freePort();
        RedisServer secure = RedisServer.newRedisServer().port(securePort).bind("127.0.0.1").setting("requirepass s3cret-pw")
                .setting("save \"\"").build();
        secure.start();
        try {
            GatewaySettings wrong = GatewaySettings.builder()
                    .budget(BudgetSharing.parse("redis://:hunter2@127.0.0.1:" + securePort)).build();
            assertThatThrownBy(() -> ExchangeBudget.create("g", "fake", new FakeExchange(wrong.exchange()), clock, wrong))
                    .isInstanceOf(GatewaySettingsException.class)
                    .hasMessageContaining("redis://:****@127.0.0.1:" + securePort)
                    .hasMessageContaining("password")
                    .hasMessageNotContaining("hunter2");

            GatewaySettings right = GatewaySettings.builder()
                    .budget(BudgetSharing.parse("redis://:s3cret-pw@127.0.0.1:" + securePort)).build();
            try (ExchangeBudget ok = ExchangeBudget.create("g", "fake", new FakeExchange(right.exchange()), clock, right)) {
                assertThat(ok.sharing().mode()).isEqualTo(Sharing.Mode.SHARED);
                assertThat(ok.sharing().where()).isEqualTo("redis://:****@127.0.0.1:" + securePort + "/0");
                assertThat(ok.tryAcquire(account)).isZero();
            }
        } finally {
            secure.stop();
        }
    }

    @Test
    void budgetSettingsThatCannotWorkAreRefusedSayingWhatToWrite() {
        assertThat(BudgetSharing.parse("local")).isSameAs(BudgetSharing.LOCAL);
        assertThat(BudgetSharing.parse("redis://cache.internal").toString()).isEqualTo("redis://cache.internal:6379/0");
        assertThat(BudgetSharing.parse("rediss://u:p%40ss@cache:6380/2").password()).hasValue("p@ss");
        assertThat(BudgetSharing.parse("rediss://u:p%40ss@cache:6380/2").toString()).isEqualTo("rediss://u:****@cache:6380/2");
        assertThatThrownBy(() -> BudgetSharing.parse("memcached://x")).hasMessageContaining("neither 'local' nor a Redis URL");
        assertThatThrownBy(() -> BudgetSharing.parse("redis://:pw@/")).hasMessageContaining("names no host")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> BudgetSharing.parse("redis://h:6379/zero")).hasMessageContaining("database number");
        assertThatThrownBy(() -> BudgetSharing.parse("redis://h?timeout=1")).hasMessageContaining("query");
        assertThatThrownBy(() -> BudgetSharing.LOCAL.withFallback(0)).hasMessageContaining("above 0 and at most 1");
        assertThatThrownBy(() -> BudgetSharing.LOCAL.withFallback(1.5)).hasMessageContaining("above 0 and at most 1");
    }

    /** Spends turn about in fallback, where a process waits a moment for its probe of Redis now and then. */
    private long[] spendAllowingProbes(ExchangeBudget a, ExchangeBudget b) {
        long[] spent = new long[2];
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int idle = 0;
        while (idle < 50 && System.nanoTime() < deadline) {
            boolean any = false;
            for (int i = 0; i < 2; i++) {
                long w = (i == 0 ? a : b).tryAcquire(account);
                if (w == 0) {
                    spent[i]++;
                    any = true;
                }
            }
            if (!any) {
                idle++;
                sleep(10);
            } else {
                idle = 0;
            }
        }
        return spent;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A clock the test turns. */
    private static final class TestClock extends Clock {
        private final AtomicLong millis;

        TestClock(Instant start) {
            this.millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
