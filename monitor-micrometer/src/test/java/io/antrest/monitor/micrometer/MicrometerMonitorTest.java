package io.antrest.monitor.micrometer;

import com.sun.net.httpserver.HttpServer;
import io.antrest.core.Request;
import io.antrest.core.RequestFailedException;
import io.antrest.core.RequestSigner;
import io.antrest.core.RestClient;
import io.antrest.core.limit.RateLimitBudget;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.MonitorEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The binding against a real client speaking HTTP to a loopback server: what a Prometheus scrape
 * shows after a known number of calls, and that no key, signature or query reaches a tag.
 */
class MicrometerMonitorTest {
    private static final String KEY = "AKEYAKEYAKEY1234567890abcdefKEY";
    private static final String SIGNATURE = "5f2c8e0d1a9b7c3e4f6a8b0c2d4e6f8a";

    private HttpServer server;
    private final AtomicInteger flaky = new AtomicInteger();
    private final List<AutoCloseable> closing = new java.util.ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/ok", ex -> answer(ex, 200, "{\"ok\":true}"));
        server.createContext("/api/bad", ex -> answer(ex, 400, "{\"code\":-1100,\"msg\":\"bad parameter\"}"));
        // first call 503, then 200: one retry
        server.createContext("/api/flaky", ex -> answer(ex, flaky.getAndIncrement() == 0 ? 503 : 200, "{}"));
        server.createContext("/api/order/", ex -> answer(ex, 200, "{\"orderId\":1}"));
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        server.stop(0);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private RestClient client(String name) {
        // signs like Binance: the key in a header, the signature in the query
        RequestSigner signer = (request, context) -> request.toBuilder().header("X-MBX-APIKEY", KEY)
                .param("signature", SIGNATURE).secretNames(List.of("X-MBX-APIKEY", "signature")).build();
        RestClient c = RestClient.builder(name).signer(signer)
                .budget(RateLimitBudget.perWindow(1200, Duration.ofMinutes(1), Clock.systemUTC())).build();
        c.init("http://127.0.0.1:" + server.getAddress().getPort());
        c.start(2);
        closing.add(0, c::close);
        return c;
    }

    private static void calls(RestClient c) {
        for (int i = 0; i < 5; i++) {
            c.request(Request.get("/api/ok").param("symbol", "BTCUSDT").param("timestamp", "1700000000000").build());
        }
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> c.request(Request.get("/api/bad").param("symbol", "NOPE").build()))
                    .isInstanceOf(RequestFailedException.class);
        }
        c.request(Request.get("/api/flaky").build());
        c.request(Request.delete("/api/order/8812345678").param("symbol", "BTCUSDT").build());
    }

    @Test
    void aScrapeShowsEachCallByEndpointAndOutcomeTheRetryTheBudgetAndTheStateAndNoSecret() throws Exception {
        MonitorEngine monitor = new MonitorEngine();
        closing.add(monitor);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMonitor meters = MicrometerMonitor.bind(registry, monitor);
        closing.add(0, meters);
        RestClient c = client("bn");
        c.addListener(monitor);
        monitor.transition("bn", GatewayState.UP, "connected");
        monitor.attach("bn", c, () -> CompletableFuture.completedFuture(null), Duration.ofHours(1),
                () -> Duration.ofMillis(-250));

        calls(c);
        String text = registry.scrape();

        assertThat(value(text, "antrest_requests_seconds_count{endpoint=\"/api/ok\",gateway=\"bn\",method=\"GET\",outcome=\"success\"}"))
                .isEqualTo(5);
        assertThat(value(text, "antrest_requests_seconds_count{endpoint=\"/api/bad\",gateway=\"bn\",method=\"GET\",outcome=\"failed\"}"))
                .isEqualTo(2);
        assertThat(value(text, "antrest_requests_seconds_count{endpoint=\"/api/flaky\",gateway=\"bn\",method=\"GET\",outcome=\"success\"}"))
                .isEqualTo(1);
        // an id in the path is not a tag value
        assertThat(value(text, "antrest_requests_seconds_count{endpoint=\"/api/order/{id}\",gateway=\"bn\",method=\"DELETE\",outcome=\"success\"}"))
                .isEqualTo(1);
        assertThat(value(text, "antrest_retries_total{endpoint=\"/api/flaky\",gateway=\"bn\",method=\"GET\"}")).isEqualTo(1);
        assertThat(value(text, "antrest_requests_submitted_total{gateway=\"bn\"}")).isEqualTo(9);
        // the SLO histogram (Prometheus computes percentiles from it with histogram_quantile)
        assertThat(value(text, "antrest_requests_seconds_bucket{endpoint=\"/api/ok\",gateway=\"bn\",method=\"GET\",outcome=\"success\",le=\"10.0\"}"))
                .isEqualTo(5);
        assertThat(value(text, "antrest_requests_seconds_bucket{endpoint=\"/api/ok\",gateway=\"bn\",method=\"GET\",outcome=\"success\",le=\"+Inf\"}"))
                .isEqualTo(5);
        // every call spent weight 1 from the 1200 a minute (the window may have turned: at most 9)
        assertThat(value(text, "antrest_budget_limit{bucket=\"weight\",gateway=\"bn\"}")).isEqualTo(1200);
        assertThat(value(text, "antrest_budget_used{bucket=\"weight\",gateway=\"bn\"}")).isBetween(0.0, 10.0);
        assertThat(value(text, "antrest_gateway_state{gateway=\"bn\",state=\"up\"}")).isEqualTo(1);
        assertThat(value(text, "antrest_gateway_state{gateway=\"bn\",state=\"down\"}")).isZero();
        assertThat(value(text, "antrest_clock_offset_seconds{gateway=\"bn\"}")).isEqualTo(-0.25);
        assertThat(value(text, "antrest_queue_size{gateway=\"bn\"}")).isZero();
        assertThat(value(text, "antrest_requests_in_flight{gateway=\"bn\"}")).isZero();
        assertThat(value(text, "antrest_rate_limited_remaining_seconds{gateway=\"bn\"}")).isZero();

        assertThat(text).doesNotContain(KEY).doesNotContain(SIGNATURE).doesNotContain("symbol").doesNotContain("BTCUSDT")
                .doesNotContain("8812345678").doesNotContain("?");

        // a ban shows as RATE_LIMITED with its time left
        monitor.rateLimited("bn", java.time.Instant.now().plusSeconds(120), "HTTP 418 (banned)");
        Thread.sleep(150); // the gauges' snapshot lives 100 ms
        String banned = registry.scrape();
        assertThat(value(banned, "antrest_gateway_state{gateway=\"bn\",state=\"rate_limited\"}")).isEqualTo(1);
        assertThat(value(banned, "antrest_gateway_state{gateway=\"bn\",state=\"up\"}")).isZero();
        assertThat(value(banned, "antrest_rate_limited_remaining_seconds{gateway=\"bn\"}")).isBetween(100.0, 120.0);
    }

    @Test
    void aGatewayConnectedAfterTheBindingIsRegisteredToo() {
        MonitorEngine monitor = new MonitorEngine();
        closing.add(monitor);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        closing.add(0, MicrometerMonitor.bind(registry, monitor));
        monitor.transition("late", GatewayState.CONNECTING, "starting");
        assertThat(registry.get(MicrometerMonitor.STATE).tag("gateway", "late").tag("state", "connecting").gauge().value())
                .isEqualTo(1);
    }

    @Test
    void aBareClientIsTimedAndClosingRemovesEveryMeter() {
        MeterRegistry registry = new SimpleMeterRegistry();
        RestClient c = client("raw");
        MicrometerMonitor meters = MicrometerMonitor.bind(registry, c);
        calls(c);
        assertThat(registry.get(MicrometerMonitor.REQUESTS).tag("gateway", "raw").tag("outcome", "success").timers())
                .extracting(t -> t.count()).containsExactlyInAnyOrder(5L, 1L, 1L);
        assertThat(registry.get(MicrometerMonitor.RETRIES).tag("endpoint", "/api/flaky").counter().count()).isEqualTo(1);
        // registries that keep client-side percentiles get p50, p90 and p99
        assertThat(registry.get(MicrometerMonitor.REQUESTS).tag("endpoint", "/api/ok").timer().takeSnapshot().percentileValues())
                .extracting(v -> v.percentile()).containsExactly(0.5, 0.9, 0.99);
        assertThat(registry.get(MicrometerMonitor.BUDGET_LIMIT).tag("bucket", "weight").gauge().value()).isEqualTo(1200);
        assertThat(registry.find(MicrometerMonitor.STATE).meters()).as("a bare client has no monitor's state").isEmpty();

        meters.close();
        assertThat(registry.getMeters()).isEmpty();
        c.request(Request.get("/api/ok").build());
        assertThat(registry.getMeters()).as("a closed binding registers nothing more").isEmpty();
    }

    /** The value of one sample line, found by its name and labels exactly. */
    static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        throw new AssertionError("no series " + series + " in:\n" + exposition);
    }
}
