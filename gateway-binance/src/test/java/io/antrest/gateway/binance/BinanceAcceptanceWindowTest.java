package io.antrest.gateway.binance;

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
import io.antrest.gateway.spi.OrderRef;
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
 * The Binance plugin's order acceptance window: the {@code recvWindow} it signs. rest-api.md,
 * "Timing security": "An additional optional parameter, recvWindow, specifies for how long the
 * request stays valid"; a request whose {@code serverTime - timestamp} exceeds it is rejected at
 * receipt and again "just before a request is forwarded to the Matching Engine" (CHANGELOG
 * 2025-05-22), with errors.md's -1021 "Timestamp for this request is outside of the recvWindow.".
 */
class BinanceAcceptanceWindowTest {
    private static final String KEY = "simKeyBinanceWindow";
    private static final String SECRET = "simSecretBinanceWindowsimSecretBinanceWindowsimSecretBinanceWin";

    private SimExchange sim;
    private final List<RestClient> clients = new ArrayList<>();

    @BeforeEach
    void startSim() {
        sim = SimExchange.builder().port(0).build().start();
        sim.addBinanceKey(KEY, SECRET);
    }

    @AfterEach
    void stopAll() {
        clients.forEach(RestClient::close);
        sim.close();
    }

    private Exchange exchange(String recvWindow) {
        ExchangeSettings.Builder b = ExchangeSettings.builder().url(sim.binanceUrl()).credentials(Credentials.hmac(KEY, SECRET));
        if (recvWindow != null) {
            b.option("recv_window", recvWindow);
        }
        return new BinanceProvider().create(b.build());
    }

    private RestClient client(Exchange exchange) {
        RestClient c = RestClient.builder("binance").config(RestClientConfig.builder().build()).signer(exchange.signer()).build();
        c.init(exchange.baseUrl());
        c.start(1);
        clients.add(c);
        return c;
    }

    private static Request order(Exchange binance, String clientOrderId) {
        return binance.trading().newOrder(OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.001"),
                new BigDecimal("60000")).withClientOrderId(clientOrderId));
    }

    @Test
    void theWindowIsTheRecvWindowSignedDefault5000Ms() {
        assertThat(exchange(null).trading().orderAcceptanceWindow()).contains(Duration.ofMillis(5000));
        assertThat(exchange("300").trading().orderAcceptanceWindow()).contains(Duration.ofMillis(300));
        assertThat(exchange("60000").trading().orderAcceptanceWindow()).contains(Duration.ofMinutes(1));
    }

    /** Every order request the plugin builds (place, cancel, query) is signed with timestamp and the window. */
    @Test
    void everyOrderRequestIsSignedWithTimestampAndTheWindow() {
        Exchange binance = exchange("300");
        long now = Instant.parse("2026-12-02T05:00:00Z").toEpochMilli();
        SigningContext at = new SigningContext(binance.baseUrl(), 1, Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
        OrderRef ref = OrderRef.byClientOrderId("BTCUSDT", "w-1");
        for (Request r : List.of(order(binance, "w-1"), binance.trading().cancelOrder(ref), binance.trading().queryOrder(ref))) {
            Request signed = binance.signer().sign(r, at);
            assertThat(signed.param("recvWindow")).as("%s %s", r.method(), r.path()).contains("300");
            assertThat(signed.param("timestamp")).as("%s %s", r.method(), r.path()).contains(Long.toString(now));
            assertThat(signed.param("signature")).as("%s %s", r.method(), r.path()).isPresent();
        }
    }

    /**
     * An order held on its way past the window the plugin states (the simulator's latency comes
     * before it processes the request) is refused with -1021 and never placed.
     */
    @Test
    void anOrderDelayedPastTheWindowIsRefusedAndNotPlaced() {
        Exchange binance = exchange("300");
        Duration window = binance.trading().orderAcceptanceWindow().orElseThrow();
        sim.faults().on("POST", "/api/v3/order").latency(window.plusMillis(700));

        Response r = Read.answer(client(binance), order(binance, "late-order"));

        ExchangeError error = binance.readError(Request.post("/api/v3/order").build(), r).orElseThrow();
        assertThat(error.code()).isEqualTo("-1021");
        assertThat(error.message()).isEqualTo("Timestamp for this request is outside of the recvWindow.");
        assertThat(error.kind()).isEqualTo(ErrorKind.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(sim.orderAttempts("late-order")).isEqualTo(1);
        assertThat(sim.ordersPlaced("late-order")).isZero();
    }

    @Test
    void anOrderDelayedLessThanTheWindowIsPlaced() {
        Exchange binance = exchange(null);
        Duration window = binance.trading().orderAcceptanceWindow().orElseThrow();
        sim.faults().on("POST", "/api/v3/order").latency(window.dividedBy(20));

        Response r = Read.answer(client(binance), order(binance, "slow-order"));

        assertThat(binance.readError(Request.post("/api/v3/order").build(), r)).isEmpty();
        assertThat(Read.order(binance, r).status()).isEqualTo(OrderStatus.NEW);
        assertThat(sim.ordersPlaced("slow-order")).isEqualTo(1);
    }
}
