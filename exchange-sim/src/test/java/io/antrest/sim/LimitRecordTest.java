package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's record of what it allowed: OKX's windows per bucket (allowed and refused in each
 * fixed two-second window, Trading Account > Get balance: "10 requests per 2 seconds", rule User
 * ID) and the answers it gave by HTTP status, so that a test of several client processes can prove
 * they kept to a limit window by window.
 */
class LimitRecordTest {

    private static final String KEY = "okx-record-key";
    private static final String SECRET = "RECORDSECRET00000000000000000000";
    private static final String PASSPHRASE = "record";
    /** An even second, the start of an OKX window. */
    private static final long WINDOW = 1_700_000_000_000L;

    private final MutableClock clock = new MutableClock(WINDOW + 300);
    private SimExchange sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aBurstOverTheLimitIsRefusedAndRecordedInItsWindow() throws IOException {
        sim = SimExchange.builder().clock(clock).okxRateLimitScale(3).build().start();
        sim.addOkxKey(KEY, SECRET, PASSPHRASE);
        assertThat(sim.okxWindows(KEY, "balance")).as("nothing arrived yet").isEmpty();
        try (OkxTestClient okx = new OkxTestClient(sim, clock, KEY, SECRET, PASSPHRASE)) {
            int ok = 0;
            int refused = 0;
            for (int i = 0; i < 34; i++) {
                int status = okx.get("/api/v5/account/balance").status();
                ok += status == 200 ? 1 : 0;
                refused += status == 429 ? 1 : 0;
            }
            assertThat(ok).as("10 per 2 s, scale 3").isEqualTo(30);
            assertThat(refused).isEqualTo(4);

            clock.advance(Duration.ofMillis(1_699)); // 1999 ms into the same window
            assertThat(okx.get("/api/v5/account/balance").status()).isEqualTo(429);
            clock.advance(Duration.ofMillis(1)); // the next window
            for (int i = 0; i < 5; i++) {
                assertThat(okx.get("/api/v5/account/balance").status()).isEqualTo(200);
            }
            clock.advance(Duration.ofSeconds(10)); // four empty windows, then one request
            assertThat(okx.get("/api/v5/account/balance").status()).isEqualTo(200);
        }

        assertThat(sim.okxWindows(KEY, "balance")).containsExactly(
                new LimitWindow(Instant.ofEpochMilli(WINDOW), 30, 30, 5),
                new LimitWindow(Instant.ofEpochMilli(WINDOW + 2_000), 30, 5, 0),
                new LimitWindow(Instant.ofEpochMilli(WINDOW + 12_000), 30, 1, 0));
        assertThat(sim.answers(429)).isEqualTo(5);
        assertThat(sim.answers(200)).isEqualTo(36);
        assertThat(sim.answers(418)).isZero();
        assertThat(sim.okxWindows(KEY, "order|BTC-USDT")).as("another bucket of the key").isEmpty();
        assertThat(sim.okxWindows("another-key", "balance")).isEmpty();

        sim.resetCounters();
        assertThat(sim.answers(429)).isZero();
        sim.resetRateLimits();
        assertThat(sim.okxWindows(KEY, "balance")).isEmpty();
    }

    @Test
    void theRecordKeepsTheLastFiveHundredAndTwelveWindows() throws IOException {
        sim = SimExchange.builder().clock(clock).build().start();
        sim.addOkxKey(KEY, SECRET, PASSPHRASE);
        try (OkxTestClient okx = new OkxTestClient(sim, clock, KEY, SECRET, PASSPHRASE)) {
            for (int i = 0; i < 520; i++) {
                assertThat(okx.get("/api/v5/account/balance").status()).isEqualTo(200);
                clock.advance(Duration.ofSeconds(2));
            }
        }
        List<LimitWindow> windows = sim.okxWindows(KEY, "balance");
        assertThat(windows).hasSize(513).allSatisfy(w -> assertThat(w.allowed()).isEqualTo(1));
        assertThat(windows.get(0).windowStart()).isEqualTo(Instant.ofEpochMilli(WINDOW + 7 * 2_000));
        assertThat(windows.get(512).windowStart()).isEqualTo(Instant.ofEpochMilli(WINDOW + 519 * 2_000));
    }

    @Test
    void answersAreCountedByStatusForEveryDialectInjectedOnesIncluded() throws IOException {
        clock.set(WINDOW - WINDOW % 60_000L);
        sim = SimExchange.builder().clock(clock).binanceWeightLimit(40).banDuration(Duration.ofSeconds(2)).build()
                .start();
        assertThat(RawHttp.get(sim.port(), "/api/v3/exchangeInfo").status()).isEqualTo(200);
        assertThat(RawHttp.get(sim.port(), "/api/v3/exchangeInfo").status()).isEqualTo(200);
        assertThat(RawHttp.get(sim.port(), "/api/v3/exchangeInfo").status()).isEqualTo(429);
        assertThat(RawHttp.get(sim.port(), "/api/v3/exchangeInfo").status()).isEqualTo(418);
        assertThat(RawHttp.get(sim.port(), "/api/v3/ping").status()).isEqualTo(418);

        sim.faults().on("GET", "/api/v1/instrument/active").statuses(429);
        assertThat(RawHttp.get(sim.port(), "/api/v1/instrument/active").status()).isEqualTo(429);
        RawHttp.Reply counters = RawHttp.get(sim.port(), "/_sim/counters");
        assertThat(counters.status()).as("not counted").isEqualTo(200);
        assertThat(counters.json().get("answers").toString()).isEqualTo("{\"200\":2,\"418\":2,\"429\":2}");

        assertThat(sim.answers(200)).isEqualTo(2);
        assertThat(sim.answers(429)).isEqualTo(2);
        assertThat(sim.answers(418)).isEqualTo(2);
        assertThat(sim.answers(99)).isZero();
        assertThat(sim.answers(600)).isZero();
    }
}
