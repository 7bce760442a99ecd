package io.antrest.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.antrest.sim.SimExchange;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code bin/antrest run} with two gateways (Binance and OKX) on the simulator, scraped
 * and probed over HTTP with a real client: every line of {@code /metrics} is in Prometheus's text
 * format, each endpoint's calls match what the exchange received, the budget and state are there,
 * no key, secret, passphrase or query reaches a series, and {@code /health} follows the exchange
 * down (503) and back up (200) when the simulator stops and restarts.
 */
class MetricsIT extends InstalledCopy {
    private static final int SAFETY_SECONDS = 30;
    private static final Pattern SERVED = Pattern.compile("metrics on (http://127\\.0\\.0\\.1:\\d+)/metrics");
    /** The label keys antrest's meters may carry: nothing else can hold a value from a request. */
    private static final Set<String> LABELS = Set.of("gateway", "method", "endpoint", "outcome", "bucket", "state",
            "result", "le");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aScrapeShowsEachEndpointsCallsTheBudgetAndStateNoSecretAndHealthFollowsTheExchangeDownAndUp() throws Exception {
        try (SimExchange sim = SimExchange.builder().port(0).build().start();
             CloseableHttpClient http = HttpClients.createDefault()) {
            Path conf = settings(
                    "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("metrics-contracts"),
                    "antrest.contracts.policy=sync",
                    "antrest.monitor.heartbeat-interval=300ms",
                    "antrest.monitor.http.bind=127.0.0.1:0",
                    "gateway.spot.exchange=binance",
                    "gateway.spot.url=" + sim.binanceUrl(),
                    "gateway.spot.api-key=" + SimExchange.DEMO_BINANCE_API_KEY,
                    "gateway.spot.secret=${env:SPOT_SECRET}",
                    "gateway.perp.exchange=okx",
                    "gateway.perp.url=" + sim.okxUrl(),
                    "gateway.perp.api-key=" + SimExchange.DEMO_OKX_API_KEY,
                    "gateway.perp.secret=${env:PERP_SECRET}",
                    "gateway.perp.passphrase=${env:PERP_PASSPHRASE}");
            Process run = antrest.start(Map.of("SPOT_SECRET", SimExchange.DEMO_BINANCE_SECRET,
                    "PERP_SECRET", SimExchange.DEMO_OKX_SECRET, "PERP_PASSPHRASE", SimExchange.DEMO_OKX_PASSPHRASE),
                    "run", "--config", conf.toString());
            Printed printed = Printed.follow(run, "metrics-it-reader");
            try {
                printed.await("running; Ctrl-C stops", SAFETY_SECONDS);
                Matcher served = SERVED.matcher(printed.text());
                assertThat(served.find()).as("run says where it serves metrics:\n" + printed.text()).isTrue();
                String base = served.group(1);

                // every configured gateway UP: 200
                Answer health = get(http, base + "/health");
                assertThat(health.status()).as(health.body()).isEqualTo(200);
                JsonNode h = json.readTree(health.body());
                assertThat(h.path("status").asText()).isEqualTo("UP");
                assertThat(h.path("gateways").path("spot").path("state").asText()).isEqualTo("UP");
                assertThat(h.path("gateways").path("perp").path("state").asText()).isEqualTo("UP");
                assertThat(get(http, base + "/health/perp").status()).isEqualTo(200);
                assertThat(get(http, base + "/health/nope").status()).isEqualTo(404);

                Answer scrape = get(http, base + "/metrics");
                assertThat(scrape.status()).isEqualTo(200);
                List<PrometheusText.Sample> samples = PrometheusText.parse(scrape.body());
                // each gateway's calls by endpoint, as many as the exchange received (heart-beats may be in flight)
                for (String gateway : List.of("spot", "perp")) {
                    Map<String, Double> calls = samples.stream()
                            .filter(s -> s.name().equals("antrest_requests_seconds_count")
                                    && s.labels().get("gateway").equals(gateway))
                            .collect(Collectors.groupingBy(s -> s.labels().get("endpoint"),
                                    Collectors.summingDouble(PrometheusText.Sample::value)));
                    assertThat(calls).as(gateway + ": the contracts were loaded and heart-beats sent").hasSizeGreaterThanOrEqualTo(2);
                    calls.forEach((endpoint, n) -> {
                        long received = sim.received(endpoint);
                        assertThat(received).as(gateway + " " + endpoint + ": the exchange received what was counted")
                                .isBetween(n.longValue(), n.longValue() + 2);
                    });
                }
                assertThat(value(samples, "antrest_requests_seconds_count", "gateway", "spot",
                        "endpoint", "/api/v3/exchangeInfo", "method", "GET", "outcome", "success"))
                        .isEqualTo(sim.received("/api/v3/exchangeInfo")).isPositive();
                assertThat(value(samples, "antrest_requests_seconds_bucket", "gateway", "spot",
                        "endpoint", "/api/v3/exchangeInfo", "outcome", "success", "le", "+Inf")).isPositive();
                assertThat(value(samples, "antrest_gateway_state", "gateway", "spot", "state", "up")).isEqualTo(1);
                assertThat(value(samples, "antrest_gateway_state", "gateway", "perp", "state", "down")).isZero();
                // Binance's request weight: 6000 a minute (the simulator's default, as Binance's exchangeInfo says)
                assertThat(value(samples, "antrest_budget_limit", "gateway", "spot", "bucket", "REQUEST_WEIGHT")).isEqualTo(6000);
                assertThat(value(samples, "antrest_budget_used", "gateway", "spot", "bucket", "REQUEST_WEIGHT")).isPositive();
                assertThat(samples).anySatisfy(s -> assertThat(s.name()).isEqualTo("antrest_clock_offset_seconds"));
                assertThat(samples).anySatisfy(s -> assertThat(s.name()).isEqualTo("jvm_memory_used_bytes"));
                noSecretIn(scrape.body(), samples);

                // the exchange stops: every gateway DOWN, 503
                sim.stop();
                Answer down = awaitHealth(http, base + "/health", 503, "\"spot\":{\"state\":\"DOWN\"");
                assertThat(json.readTree(down.body()).path("status").asText()).isEqualTo("DOWN");
                awaitHealth(http, base + "/health/perp", 503, "\"state\":\"DOWN\"");
                List<PrometheusText.Sample> whileDown = PrometheusText.parse(get(http, base + "/metrics").body());
                assertThat(value(whileDown, "antrest_gateway_state", "gateway", "spot", "state", "down")).isEqualTo(1);
                assertThat(value(whileDown, "antrest_gateway_state", "gateway", "spot", "state", "up")).isZero();
                assertThat(value(whileDown, "antrest_requests_seconds_count", "gateway", "spot", "endpoint", "/api/v3/ping",
                        "outcome", "error")).as("the failed heart-beats").isGreaterThanOrEqualTo(3);
                assertThat(down.body()).doesNotContain(SimExchange.DEMO_BINANCE_API_KEY).doesNotContain(SimExchange.DEMO_OKX_API_KEY);

                // and comes back: 200 again
                sim.restart();
                Answer up = awaitHealth(http, base + "/health", 200, "\"status\":\"UP\"");
                assertThat(json.readTree(up.body()).path("gateways").path("perp").path("state").asText()).isEqualTo("UP");
                noSecretIn(get(http, base + "/metrics").body(), PrometheusText.parse(get(http, base + "/metrics").body()));

                printed.ctrlC(SAFETY_SECONDS);
            } finally {
                run.destroyForcibly();
            }
            assertThat(printed.text()).contains("stopped cleanly");
        }
    }

    /** No key, secret or passphrase anywhere, and every antrest series's labels hold names, never request values. */
    private static void noSecretIn(String text, List<PrometheusText.Sample> samples) {
        assertThat(text).doesNotContain(SimExchange.DEMO_BINANCE_API_KEY).doesNotContain(SimExchange.DEMO_BINANCE_SECRET)
                .doesNotContain(SimExchange.DEMO_OKX_API_KEY).doesNotContain(SimExchange.DEMO_OKX_SECRET)
                .doesNotContain(SimExchange.DEMO_OKX_PASSPHRASE).doesNotContainIgnoringCase("signature")
                .doesNotContain("timestamp=");
        for (PrometheusText.Sample s : samples) {
            if (!s.name().startsWith("antrest_")) {
                continue;
            }
            assertThat(LABELS).as(s.toString()).containsAll(s.labels().keySet());
            s.labels().forEach((k, v) -> assertThat(v).as(s.toString()).doesNotContain("?").doesNotContain("&")
                    .doesNotContain("="));
        }
    }

    private static double value(List<PrometheusText.Sample> samples, String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).mapToDouble(PrometheusText.Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " " + List.of(labels) + " in " + samples.size() + " samples"));
    }

    private record Answer(int status, String body) {
    }

    private static Answer get(CloseableHttpClient http, String url) throws IOException {
        return http.execute(new HttpGet(url), r -> new Answer(r.getCode(), EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
    }

    private static Answer awaitHealth(CloseableHttpClient http, String url, int status, String containing) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SAFETY_SECONDS);
        Answer a = get(http, url);
        while (a.status() != status || !a.body().contains(containing)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(url + " did not answer " + status + " with " + containing + " within " + SAFETY_SECONDS
                        + " s; last: " + a);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            a = get(http, url);
        }
        return a;
    }
}
