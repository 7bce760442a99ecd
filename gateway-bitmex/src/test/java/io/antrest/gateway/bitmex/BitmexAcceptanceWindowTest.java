package io.antrest.gateway.bitmex;

import io.antrest.core.Request;
import io.antrest.core.Response;
import io.antrest.core.RestClient;
import io.antrest.core.RestClientConfig;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ErrorKind;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.OrderStatus;
import io.antrest.gateway.spi.Side;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BitMEX plugin's order acceptance window: the signed {@code api-expires}. BitMEX's "API Keys
 * Usage" page: "api-expires: A UNIX timestamp after which the request is no longer valid. [...]
 * UNIX timestamps are in seconds. [...] This timestamp is compared against our system time before
 * reaching the trading engine." A late request is answered 400 "This request has expired -
 * `expires` is in the past. Current time: N", N in whole seconds.
 */
class BitmexAcceptanceWindowTest {
    private static final String KEY = "simKeyBitmexWindow";
    private static final String SECRET = "simSecretBitmexWindowsimSecretBitmexWindowab";

    private SimExchange sim;
    private final List<RestClient> clients = new ArrayList<>();

    @BeforeEach
    void startSim() {
        sim = SimExchange.builder().port(0).build().start();
        sim.addBitmexKey(KEY, SECRET);
    }

    @AfterEach
    void stopAll() {
        clients.forEach(RestClient::close);
        sim.close();
    }

    private Exchange exchange(String expiresWindowSeconds) {
        ExchangeSettings.Builder b = ExchangeSettings.builder().url(sim.bitmexUrl()).credentials(Credentials.hmac(KEY, SECRET));
        if (expiresWindowSeconds != null) {
            b.option("expires_window_seconds", expiresWindowSeconds);
        }
        return new BitmexProvider().create(b.build());
    }

    private RestClient client(Exchange exchange) {
        RestClient c = RestClient.builder("bitmex").config(RestClientConfig.builder().build()).signer(exchange.signer()).build();
        c.init(exchange.baseUrl());
        c.start(1);
        clients.add(c);
        return c;
    }

    private static Request order(Exchange bitmex, String clOrdId) {
        return bitmex.trading().newOrder(OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("100"), new BigDecimal("20000"))
                .withClientOrderId(clOrdId));
    }

    @Test
    void theWindowIsTheExpiresAheadTimePlusTheSecondItNamesDefault5s() {
        assertThat(BitmexProvider.DEFAULT_EXPIRES_WINDOW_SECONDS).isEqualTo(5);
        assertThat(exchange(null).trading().orderAcceptanceWindow()).contains(Duration.ofSeconds(6));
        assertThat(exchange("1").trading().orderAcceptanceWindow()).contains(Duration.ofSeconds(2));
        assertThat(exchange("3600").trading().orderAcceptanceWindow()).contains(Duration.ofSeconds(3601));
    }

    /** Signed at any point of a second, api-expires ends within the window the plugin states. */
    @Test
    void apiExpiresEndsWithinTheStatedWindowWhateverTheMillisecond() {
        Exchange bitmex = exchange(null);
        Duration window = bitmex.trading().orderAcceptanceWindow().orElseThrow();
        for (long millis : new long[] {1_700_000_000_000L, 1_700_000_000_001L, 1_700_000_000_500L, 1_700_000_000_999L}) {
            SigningContext at = new SigningContext(bitmex.baseUrl(), 1, Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
            long expires = Long.parseLong(bitmex.signer().sign(order(bitmex, "w"), at).header("api-expires").orElseThrow());
            // refused once the exchange's whole-second clock passes expires, i.e. from (expires + 1) s on
            assertThat((expires + 1) * 1000 - millis).as("at %d", millis).isLessThanOrEqualTo(window.toMillis());
            assertThat(expires * 1000).as("at %d", millis).isGreaterThan(millis);
        }
    }

    /**
     * An order held on its way past the stated window (the simulator's latency comes before it
     * processes the request) is refused as expired and never placed.
     */
    @Test
    void anOrderDelayedPastTheWindowIsRefusedAndNotPlaced() {
        Exchange bitmex = exchange("1");
        Duration window = bitmex.trading().orderAcceptanceWindow().orElseThrow();
        sim.faults().on("POST", "/api/v1/order").latency(window.plusMillis(500));

        Response r = Read.answer(client(bitmex), order(bitmex, "late-order"));

        assertThat(r.status()).isEqualTo(400);
        ExchangeError error = Read.error(bitmex, r);
        assertThat(error.message()).startsWith("This request has expired - `expires` is in the past. Current time: ");
        assertThat(error.kind()).isEqualTo(ErrorKind.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(sim.orderAttempts("late-order")).isEqualTo(1);
        assertThat(sim.ordersPlaced("late-order")).isZero();
    }

    @Test
    void anOrderDelayedLessThanTheWindowIsPlaced() {
        Exchange bitmex = exchange(null);
        Duration window = bitmex.trading().orderAcceptanceWindow().orElseThrow();
        sim.faults().on("POST", "/api/v1/order").latency(window.dividedBy(20));

        Response r = Read.answer(client(bitmex), order(bitmex, "slow-order"));

        assertThat(bitmex.readError(Request.post("/order").build(), r)).isEmpty();
        assertThat(Read.order(bitmex, r).status()).isEqualTo(OrderStatus.NEW);
        assertThat(sim.ordersPlaced("slow-order")).isEqualTo(1);
    }
}
