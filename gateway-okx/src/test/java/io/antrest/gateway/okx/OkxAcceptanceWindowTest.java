package io.antrest.gateway.okx;

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
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.OrderRef;
import io.antrest.gateway.spi.OrderRequest;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OKX plugin's order acceptance window: the {@code expTime} header it sets on order placement.
 * OKX v5 docs, Overview &gt; Transaction Timeouts: "If expTime is specified in the requests for Place
 * (multiple) orders or Amend (multiple) orders, the request will not be processed if the current
 * system time of the server is after the expTime"; REST API: "expTime [...] Request effective
 * deadline. Unix timestamp in milliseconds", a request header, supported by Place order, Place
 * multiple orders, Amend order and Amend multiple orders. Error Code &gt; REST API &gt; General
 * Class: 50036, HTTP 200, "The expTime can't be earlier than the current system time. Please
 * adjust the expTime and try again."
 */
class OkxAcceptanceWindowTest {
    private static final long T = Instant.parse("2026-12-02T05:00:00.123Z").toEpochMilli();

    private SimExchange sim;
    private final List<RestClient> clients = new ArrayList<>();

    @BeforeEach
    void startSim() {
        sim = SimExchange.builder().port(0).build().start();
    }

    @AfterEach
    void stopAll() {
        clients.forEach(RestClient::close);
        sim.close();
    }

    private Exchange exchange(String expTimeMs) {
        ExchangeSettings.Builder b = ExchangeSettings.builder().url(sim.okxUrl())
                .credentials(Credentials.hmac(SimExchange.DEMO_OKX_API_KEY, SimExchange.DEMO_OKX_SECRET)
                        .withPassphrase(SimExchange.DEMO_OKX_PASSPHRASE));
        if (expTimeMs != null) {
            b.option(OkxProvider.OPTION_ORDER_EXP_TIME_MS, expTimeMs);
        }
        return new OkxProvider().create(b.build());
    }

    private RestClient client(Exchange exchange) {
        RestClient c = RestClient.builder("okx").config(RestClientConfig.builder().build()).signer(exchange.signer()).build();
        c.init(exchange.baseUrl());
        c.start(1);
        clients.add(c);
        return c;
    }

    private static SigningContext at(Exchange okx, long millis) {
        return new SigningContext(okx.baseUrl(), 1, Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    private static Request order(Exchange okx, String clOrdId) {
        return okx.trading().newOrder(OrderRequest.limit("BTC-USDT", Side.BUY, new BigDecimal("0.001"), new BigDecimal("30000"))
                .withClientOrderId(clOrdId));
    }

    @Test
    void theWindowIsTheExpTimeOptionDefault5000Ms() {
        assertThat(new OkxProvider().options()).contains("order_exp_time_ms");
        assertThat(exchange(null).trading().orderAcceptanceWindow()).contains(Duration.ofMillis(5000));
        assertThat(exchange("300").trading().orderAcceptanceWindow()).contains(Duration.ofMillis(300));
        assertThat(exchange("100").trading().orderAcceptanceWindow()).contains(Duration.ofMillis(100));
        assertThat(exchange("30000").trading().orderAcceptanceWindow()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aWindowOutsideItsBoundsIsRefusedNamingTheOptionAndTheBounds() {
        for (String bad : new String[] {"99", "30001", "0", "-5", "5s", ""}) {
            assertThatThrownBy(() -> exchange(bad)).as(bad).isInstanceOf(GatewaySettingsException.class)
                    .hasMessageContaining("order_exp_time_ms").hasMessageContaining("100 to 30000")
                    .hasMessageContaining("5000");
        }
    }

    /** expTime is the signing clock's time plus the window, set again on every signing, like the signature. */
    @Test
    void expTimeIsSetAtSigningFromTheSigningClockAndFreshOnEveryAttempt() {
        Exchange okx = exchange("300");
        Request place = order(okx, "fresh1");

        Request first = okx.signer().sign(place, at(okx, T));
        Request again = okx.signer().sign(first, at(okx, T + 1234));

        assertThat(place.header("expTime")).isEmpty();
        assertThat(first.header("expTime")).contains(Long.toString(T + 300));
        assertThat(again.header("expTime")).contains(Long.toString(T + 1234 + 300));
        assertThat(again.headers().stream().filter(h -> h.name().equalsIgnoreCase("expTime")).count()).isEqualTo(1);
        assertThat(again.header(OkxSigner.ACCESS_TIMESTAMP)).contains(OkxSigner.timestamp(T + 1234));
    }

    /** Only Place and Amend take expTime (Transaction Timeouts): not a cancel, a query or the balance. */
    @Test
    void expTimeIsOnlyOnOrderPlacementAndAmendment() {
        Exchange okx = exchange(null);
        OrderRef ref = OrderRef.byClientOrderId("BTC-USDT", "x1");
        for (Request r : List.of(okx.trading().cancelOrder(ref), okx.trading().queryOrder(ref), okx.trading().account())) {
            assertThat(okx.signer().sign(r, at(okx, T)).header("expTime")).as("%s %s", r.method(), r.path()).isEmpty();
        }
        for (String path : new String[] {"/api/v5/trade/order", "/api/v5/trade/batch-orders", "/api/v5/trade/amend-order",
                "/api/v5/trade/amend-batch-orders"}) {
            assertThat(okx.signer().sign(Request.post(path).build(), at(okx, T)).header("expTime")).as(path)
                    .contains(Long.toString(T + 5000));
        }
    }

    /**
     * An order held on its way past the window (the simulator's latency comes before it processes
     * the request) is refused with 50036 and never placed.
     */
    @Test
    void anOrderDelayedPastTheWindowIsRefusedWith50036AndNotPlaced() {
        Exchange okx = exchange("300");
        Duration window = okx.trading().orderAcceptanceWindow().orElseThrow();
        sim.faults().on("POST", "/api/v5/trade/order").latency(window.plusMillis(700));
        Request place = order(okx, "lateorder");

        Response r = OkxSimRoundTripTest.answer(client(okx), place);

        assertThat(r.status()).isEqualTo(200);
        ExchangeError error = okx.readError(place, r).orElseThrow();
        assertThat(error.code()).isEqualTo("50036");
        assertThat(error.message())
                .isEqualTo("The expTime can't be earlier than the current system time. Please adjust the expTime and try again.");
        assertThat(error.kind()).isEqualTo(ErrorKind.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(sim.orderAttempts("lateorder")).isEqualTo(1);
        assertThat(sim.ordersPlaced("lateorder")).isZero();
    }

    /** One delayed less than the window is placed: the simulator, which checks the signature, takes the header. */
    @Test
    void anOrderDelayedLessThanTheWindowIsPlaced() {
        Exchange okx = exchange(null);
        Duration window = okx.trading().orderAcceptanceWindow().orElseThrow();
        sim.faults().on("POST", "/api/v5/trade/order").latency(window.dividedBy(20));
        Request place = order(okx, "sloworder");

        Response r = OkxSimRoundTripTest.answer(client(okx), place);

        assertThat(okx.readError(place, r)).isEmpty();
        assertThat(r.json().path("data").path(0).path("sCode").asText()).isEqualTo("0");
        assertThat(sim.ordersPlaced("sloworder")).isEqualTo(1);
    }
}
