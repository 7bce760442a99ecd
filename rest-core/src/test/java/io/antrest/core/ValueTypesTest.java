package io.antrest.core;

import io.antrest.core.limit.RateLimitBudget;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    @Test
    void requestDefaultsFollowTheMethod() {
        assertThat(Request.get("/a").build().idempotent()).isTrue();
        assertThat(Request.delete("/a").build().idempotent()).isTrue();
        assertThat(Request.post("/a").build().idempotent()).isFalse();
        assertThat(Request.put("/a").build().idempotent()).isFalse();
        Request r = Request.get("/a").build();
        assertThat(r.maxAttempts()).isEqualTo(3);
        assertThat(r.weight()).isEqualTo(1);
        assertThat(r.droppable()).isFalse();
        assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void requestKeepsParameterOrderAndEncodesThem() {
        Request r = Request.post("/api/v3/order").param("symbol", "LTCBTC").param("side", "BUY")
                .param("price", new BigDecimal("1E-7")).param("note", "a b&c").build();
        assertThat(r.queryString()).isEqualTo("symbol=LTCBTC&side=BUY&price=0.0000001&note=a%20b%26c");
        assertThat(r.pathWithQuery()).isEqualTo("/api/v3/order?" + r.queryString());
        assertThat(r.toBuilder().removeParam("note").build().queryString()).isEqualTo("symbol=LTCBTC&side=BUY&price=0.0000001");
    }

    @Test
    void requestBuilderRefusesBadInput() {
        assertThatThrownBy(() -> Request.get("api/x")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> Request.get("/x?a=1")).hasMessageContaining("param(name, value)");
        assertThatThrownBy(() -> Request.get("/x").maxAttempts(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Request.get("/x").timeout(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Request.get("/x").weight(-1)).hasMessageContaining("negative");
    }

    @Test
    void requestToStringMasksSecretsByDefaultAndByName() {
        Request r = Request.post("/o").param("symbol", "X").param("signature", "abcdef123456")
                .header("X-MBX-APIKEY", "key123456789").header("X-Mine", "mine123456789")
                .formBody(List.of(Param.of("apiKey", "k987654321"), Param.of("qty", "1")))
                .secretNames(List.of("x-mine")).build();
        String s = r.toString();
        assertThat(s).contains("POST /o", "symbol=X", "signature=****", "X-MBX-APIKEY=****", "X-Mine=****", "apiKey=****", "qty=1")
                .doesNotContain("abcdef123456", "key123456789", "mine123456789", "k987654321");
        assertThat(Param.of("signature", "abcdef123456").toString()).doesNotContain("abcdef123456");
    }

    @Test
    void bodiesAreSentAsGiven() {
        assertThat(Body.form(List.of(Param.of("a", "1 2"), Param.of("b", "x"))).text()).isEqualTo("a=1%202&b=x");
        assertThat(Body.json("{\"a\":1}").contentType()).isEqualTo("application/json");
        byte[] raw = {1, 2, 3};
        Body b = Body.raw(raw, "application/octet-stream");
        raw[0] = 9;
        assertThat(b.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void backoffHasFullJitterUnderACeiling() {
        RetryPolicy p = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));
        Random random = new Random(42);
        long max1 = 0;
        long max5 = 0;
        for (int i = 0; i < 2000; i++) {
            max1 = Math.max(max1, p.backoff(1, random).toMillis());
            max5 = Math.max(max5, p.backoff(5, random).toMillis());
            assertThat(p.backoff(40, random)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(max1).isBetween(80L, 100L);
        assertThat(max5).isBetween(800L, 1000L);
    }

    @Test
    void budgetCountsWeightPerWindowAndHonoursTheExchangesCount() {
        // 1 s into the minute, past the guard in which a request would count in the minute before too
        AtomicLong now = new AtomicLong(61_000);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        RateLimitBudget b = RateLimitBudget.perWindow(10, Duration.ofMinutes(1), clock);
        assertThat(b.tryAcquire(6)).isZero();
        assertThat(b.tryAcquire(4)).isZero();
        now.addAndGet(15_000);
        assertThat(b.tryAcquire(1)).isEqualTo(45_000);
        now.addAndGet(45_000);
        assertThat(b.tryAcquire(1)).isZero();
        b.observeUsed(9);
        assertThat(b.used()).isEqualTo(9);
        assertThat(b.tryAcquire(2)).isPositive();
        b.pauseUntil(Instant.ofEpochMilli(now.get() + 70_000));
        now.addAndGet(60_000);
        assertThat(b.tryAcquire(1)).isEqualTo(10_000);
        assertThat(b.tryAcquire(100)).isPositive();
        now.addAndGet(10_000);
        assertThat(b.tryAcquire(100)).as("heavier than the limit goes alone in a fresh window").isZero();
        b.observeRemaining(0, Instant.ofEpochMilli(now.get() + 5_000));
        assertThat(b.pausedUntil()).isEqualTo(Instant.ofEpochMilli(now.get() + 5_000));
    }

    @Test
    void aFullWindowWaitsUntilJustAfterTheExchangesWindowHasTurned() {
        AtomicLong now = new AtomicLong(19_990);
        Clock clock = Clock.offset(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Duration.ZERO);
        RateLimitBudget b = RateLimitBudget.perWindow(5, Duration.ofSeconds(10), new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.instant().plusMillis(now.get());
            }
        });
        now.set(19_000);
        assertThat(b.tryAcquire(5)).isZero();
        assertThat(b.tryAcquire(1)).as("to 20 000 ms, where the exchange's window turns, and the 500 ms guard").isEqualTo(1_500);
        now.set(20_010);
        assertThat(b.tryAcquire(1)).as("10 ms into the exchange's new window: our clock may still be behind it").isEqualTo(490);
        now.set(20_500);
        assertThat(b.tryAcquire(1)).isZero();
        assertThat(b.used()).isEqualTo(1);

        // Sent 10 ms before the boundary, a request may arrive after it: it counts in both windows.
        now.set(29_990);
        assertThat(b.tryAcquire(3)).isZero();
        now.set(30_600);
        assertThat(b.used()).isEqualTo(3);
        assertThat(b.tryAcquire(3)).as("the new window already holds the 3 sent just before it").isPositive();
        assertThat(b.tryAcquire(2)).isZero();
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        Response seconds = new Response(429, List.of(Param.of("Retry-After", "7")), new byte[0], Duration.ZERO, 1);
        Response date = new Response(503, List.of(Param.of("retry-after", "Wed, 25 Nov 2026 10:00:30 GMT")), new byte[0], Duration.ZERO, 1);
        Response junk = new Response(503, List.of(Param.of("Retry-After", "soon")), new byte[0], Duration.ZERO, 1);
        assertThat(Classifier.retryAfter(seconds, fixed)).contains(Duration.ofSeconds(7));
        assertThat(Classifier.retryAfter(date, fixed)).contains(Duration.ofSeconds(30));
        assertThat(Classifier.retryAfter(junk, fixed)).isEmpty();
    }

    @Test
    void latencyPercentilesAreCloseToTheTruth() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i * 1_000_000L);
        }
        assertThat(h.percentileMillis(0.5)).isBetween(480.0, 540.0);
        assertThat(h.percentileMillis(0.99)).isBetween(960.0, 1060.0);
    }

    @Test
    void configRefusesNonsense() {
        assertThatThrownBy(() -> RestClientConfig.builder().queueCapacity(0)).hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> RestClientConfig.builder().queueCapacity(10).droppableSoftLimit(20).build())
                .hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> RestClientConfig.builder().maxResponseBytes(10)).hasMessageContaining("1024");
    }
}
