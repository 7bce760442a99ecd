package io.antrest.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the simulator takes an order request that arrives late, and when it takes a client order
 * id again: the facts the runtime relies on to call an order whose answer was lost "not placed".
 */
class AcceptanceWindowFidelityTest {
    private static final String BITMEX_KEY = "window-bitmex-key";
    private static final String BITMEX_SECRET = "window-bitmex-secret";
    private static final String BINANCE_KEY = "window-binance-key";
    private static final String BINANCE_SECRET = "window-binance-secret";
    /** A whole second, so that the BitMEX cases below start on its boundary. */
    private static final long SECOND = 1_700_000_000_000L;

    private final MutableClock clock = new MutableClock(SECOND);
    private final SimExchange sim = SimExchange.builder().clock(clock).build().start();

    AcceptanceWindowFidelityTest() {
        sim.addBitmexKey(BITMEX_KEY, BITMEX_SECRET);
        sim.addBinanceKey(BINANCE_KEY, BINANCE_SECRET);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private RawHttp.Reply bitmex(String method, String path, String body, long expires) throws IOException {
        Map<String, String> headers = new HashMap<>(TestSigning.bitmexHeaders(BITMEX_KEY, BITMEX_SECRET, method, path, expires, body));
        headers.put("Content-Type", "application/json");
        return RawHttp.once(sim.port(), method, path, headers, body);
    }

    private static String bitmexOrder(String clOrdId) {
        return "{\"symbol\":\"XBTUSD\",\"side\":\"Buy\",\"orderQty\":100,\"price\":20000,\"clOrdID\":\"" + clOrdId + "\"}";
    }

    /**
     * API Keys Usage: api-expires is "A UNIX timestamp after which the request is no longer valid",
     * in seconds, "compared against our system time before reaching the trading engine"; BitMEX's
     * refusal names its time in whole seconds ("`expires` is in the past. Current time: N"). A
     * request is taken through the second api-expires names and refused from the next one on,
     * whatever the second it was sent in: the plugin's window (expires_window_seconds + 1 s) covers it.
     */
    @Test
    void bitmexTakesAnOrderThroughTheSecondApiExpiresNamesAndRefusesItAfter() throws Exception {
        long expires = SECOND / 1000 + 1;
        clock.set((expires + 1) * 1000 - 1);
        assertThat(bitmex("POST", "/api/v1/order", bitmexOrder("in-time"), expires).status()).isEqualTo(200);

        clock.set((expires + 1) * 1000);
        RawHttp.Reply late = bitmex("POST", "/api/v1/order", bitmexOrder("too-late"), expires);

        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().at("/error/message").asText())
                .isEqualTo("This request has expired - `expires` is in the past. Current time: " + (expires + 1));
        assertThat(sim.ordersPlaced("in-time")).isEqualTo(1);
        assertThat(sim.orderAttempts("too-late")).isEqualTo(1);
        assertThat(sim.ordersPlaced("too-late")).isZero();
    }

    /**
     * The simulator applies a path's latency before it processes the request (a request held on its
     * way), so the window is checked when the order would be processed, not when it was received.
     */
    @Test
    void theWindowIsCheckedWhenTheOrderIsProcessedAfterTheLatency() throws Exception {
        SimExchange real = SimExchange.builder().port(0).build().start();
        try {
            real.addBinanceKey(BINANCE_KEY, BINANCE_SECRET);
            real.faults().on("POST", "/api/v3/order").latency(Duration.ofMillis(600));
            String params = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=20000"
                    + "&newClientOrderId=held&recvWindow=200";
            RawHttp.Reply reply = RawHttp.once(real.port(), "POST", "/api/v3/order?"
                    + TestSigning.binanceQuery(BINANCE_SECRET, params, System.currentTimeMillis()), TestSigning.binanceKey(BINANCE_KEY), null);

            // rest-api.md, "Timing security"; errors.md, -1021 INVALID_TIMESTAMP
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text()).isEqualTo("{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}");
            assertThat(real.orderAttempts("held")).isEqualTo(1);
            assertThat(real.ordersPlaced("held")).isZero();
        } finally {
            real.close();
        }
    }

    /**
     * A clOrdID is never taken twice, even once its order is cancelled: BitMEX's docs say only that a
     * repeated one is refused ("Duplicate clOrdID", REST API Message Format, POST /order), and BitMEX's
     * reference market maker (sample-market-maker, bitmex.py) reads that refusal as "the order was
     * already placed: go get it". The strict reading keeps a re-sent order from ever being placed twice.
     */
    @Test
    void bitmexNeverTakesAClOrdIdAgainEvenAfterItsOrderIsCancelled() throws Exception {
        long expires = SECOND / 1000 + 10;
        assertThat(bitmex("POST", "/api/v1/order", bitmexOrder("once"), expires).status()).isEqualTo(200);
        RawHttp.Reply canceled = bitmex("DELETE", "/api/v1/order", "{\"clOrdID\":\"once\"}", expires);
        assertThat(canceled.json().get(0).get("ordStatus").asText()).isEqualTo("Canceled");

        RawHttp.Reply again = bitmex("POST", "/api/v1/order", bitmexOrder("once"), expires);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().at("/error/message").asText()).isEqualTo("Duplicate clOrdID");
        assertThat(sim.ordersPlaced("once")).isEqualTo(1);
    }
}
