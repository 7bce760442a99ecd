package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SimExchange.Builder#bitmexRateLimitScale}: every BitMEX limit multiplied (the key's per
 * minute, the address's 30 per minute, the order routes' 10 per second), so that a load far
 * beyond BitMEX's own limits is refused only by the faults put on it.
 */
class BitmexLimitScaleTest {
    private static final String KEY = "LAqUlngMIQkIUjXMUreyu3qn";
    private static final String SECRET = "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO";

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private SimExchange sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private RawHttp.Reply order(String clOrdID) throws IOException {
        String body = "{\"symbol\":\"XBTUSD\",\"orderQty\":100,\"price\":50000,\"clOrdID\":\"" + clOrdID + "\"}";
        Map<String, String> headers = new HashMap<>(
                TestSigning.bitmexHeaders(KEY, SECRET, "POST", "/api/v1/order", clock.millis() / 1000 + 10, body));
        headers.put("Content-Type", "application/json");
        return RawHttp.once(sim.port(), "POST", "/api/v1/order", headers, body);
    }

    @Test
    void everyLimitIsMultipliedByTheScale() throws Exception {
        sim = SimExchange.builder().clock(clock).bitmexRateLimitScale(3).build().start();
        sim.addBitmexKey(KEY, SECRET);

        for (int i = 0; i < 30; i++) {
            RawHttp.Reply placed = order("scaled-" + i);
            assertThat(placed.status()).as("order %d of 30 in the same instant: %s", i, placed.text()).isEqualTo(200);
            assertThat(placed.header("x-ratelimit-limit")).as("the key's 120 per minute, times 3").isEqualTo("360");
            assertThat(placed.header("x-ratelimit-remaining-1s")).isEqualTo(Integer.toString(29 - i));
        }
        RawHttp.Reply limited = order("scaled-30");
        assertThat(limited.status()).as("the 31st order route request in the same second").isEqualTo(429);
        assertThat(sim.ordersPlaced("scaled-30")).isZero();

        for (int i = 0; i < 90; i++) {
            RawHttp.Reply reply = RawHttp.get(sim.port(), "/api/v1/instrument?symbol=XBTUSD");
            assertThat(reply.status()).as("unsigned request %d of 90", i).isEqualTo(200);
            assertThat(reply.header("x-ratelimit-limit")).as("the address's 30 per minute, times 3").isEqualTo("90");
        }
        assertThat(RawHttp.get(sim.port(), "/api/v1/instrument?symbol=XBTUSD").status()).isEqualTo(429);
    }

    @Test
    void withoutAScaleTheLimitsAreBitmexsOwn() throws Exception {
        sim = SimExchange.builder().clock(clock).build().start();
        sim.addBitmexKey(KEY, SECRET);

        for (int i = 0; i < 10; i++) {
            assertThat(order("own-" + i).status()).isEqualTo(200);
        }
        RawHttp.Reply limited = order("own-10");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("x-ratelimit-limit")).isEqualTo("120");
    }

    @Test
    void aScaleBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimExchange.builder().bitmexRateLimitScale(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bitmexRateLimitScale must be at least 1");
    }
}
