package io.antrest.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.Response;
import io.antrest.core.RestClientConfig;
import io.antrest.gateway.spi.Contract;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeError;
import io.antrest.gateway.spi.ExchangeProvider;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.RateLimitRule;
import io.antrest.gateway.spi.RateLimitCost;
import io.antrest.gateway.spi.RateLimitReading;
import io.antrest.gateway.spi.Spi;
import io.antrest.gateway.spi.TradingApi;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import io.antrest.sim.SimExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime against the simulator's Binance dialect, through a minimal test-only provider
 * (public endpoints only: ping, time, exchangeInfo; the real plugin is tested in its own module).
 */
class SimBinanceTest {
    @TempDir
    Path dir;

    /** Public Binance endpoints only; signed calls are the real plugin's business. */
    static final class PublicBinance implements Exchange {
        private final ExchangeSettings settings;

        PublicBinance(ExchangeSettings settings) {
            this.settings = settings;
        }

        @Override public String name() { return "simbinance"; }
        @Override public String liveUrl() { return "https://api.binance.com"; }
        @Override public String testnetUrl() { return "https://testnet.binance.vision"; }
        @Override public String baseUrl() { return settings.resolveUrl(liveUrl(), testnetUrl()); }
        @Override public RequestSigner signer() { return RequestSigner.NONE; }
        @Override public Request pingRequest() { return Request.get("/api/v3/ping").build(); }
        @Override public Optional<Request> serverTimeRequest() { return Optional.of(Request.get("/api/v3/time").build()); }
        @Override public Instant parseServerTime(Response r) { return Instant.ofEpochMilli(r.json().get("serverTime").asLong()); }
        @Override public Request contractsRequest() { return Request.get("/api/v3/exchangeInfo").build(); }

        @Override
        public List<Contract> parseContracts(Response response) {
            List<Contract> out = new ArrayList<>();
            for (JsonNode s : response.json().get("symbols")) {
                String status = s.get("status").asText();
                Contract.Builder c = Contract.builder(name(), s.get("symbol").asText()).baseAsset(s.get("baseAsset").asText())
                        .quoteAsset(s.get("quoteAsset").asText()).status(status, status.equals("TRADING")).type("SPOT");
                for (JsonNode f : s.get("filters")) {
                    switch (f.get("filterType").asText()) {
                        case "PRICE_FILTER" -> c.tickSize(new BigDecimal(f.get("tickSize").asText()));
                        case "LOT_SIZE" -> c.lotSize(new BigDecimal(f.get("stepSize").asText()));
                        case "NOTIONAL", "MIN_NOTIONAL" -> c.minNotional(new BigDecimal(f.get("minNotional").asText()));
                        default -> { }
                    }
                }
                out.add(c.build());
            }
            return out;
        }

        @Override
        public Optional<ExchangeError> readError(Request q, Response r) {
            return new FakeExchange(settings).readError(q, r);
        }

        @Override
        public List<RateLimitReading> readRateLimits(Response r) {
            return r.header("X-MBX-USED-WEIGHT-1M").map(v -> List.of(RateLimitReading.used("weight", Long.parseLong(v))))
                    .orElse(List.of());
        }

        @Override
        public List<RateLimitRule> rateLimits() {
            return List.of(new RateLimitRule("weight", RateLimitRule.Scope.IP, 6000, Duration.ofMinutes(1)));
        }

        @Override
        public List<RateLimitCost> costOf(Request r) {
            return List.of(new RateLimitCost("weight", "", r.path().equals("/api/v3/exchangeInfo") ? 20 : 1));
        }
        @Override public TradingApi trading() { return new FakeExchange(settings).trading(); }
    }

    static final class Provider implements ExchangeProvider {
        @Override public String name() { return "simbinance"; }
        @Override public String version() { return "0.0.1-test"; }
        @Override public int spiVersion() { return Spi.VERSION; }
        @Override public Exchange create(ExchangeSettings settings) { return new PublicBinance(settings); }
    }

    @Test
    void aGatewayComesUpAgainstTheSimulatorAndFollowsItsHealth() throws Exception {
        try (SimExchange sim = SimExchange.builder().port(0).build().start();
             MonitorEngine monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofMillis(50)).build(),
                     Clock.systemUTC());
             GatewayManager manager = new GatewayManager(ProviderRegistry.of(List.of(new Provider())),
                     ContractStore.h2(dir), monitor, RestClientConfig.defaults())) {
            Gateway g = manager.connect("simbinance", GatewaySettings.of(ExchangeSettings.builder().url(sim.binanceUrl()).build()));

            assertThat(g.isUp()).isTrue();
            assertThat(g.status().reason()).contains("initialised");
            List<Contract> stored = manager.store().load("simbinance");
            assertThat(stored).isNotEmpty().allMatch(c -> c.tickSize().signum() > 0 && c.lotSize().signum() > 0);
            assertThat(sim.received("/api/v3/exchangeInfo")).isEqualTo(1);
            assertThat(g.budget().used("weight")).isGreaterThanOrEqualTo(20);

            sim.faults().path("/api/v3/ping").statuses(503, 503, 503, 503, 503, 503);
            awaitState(monitor, GatewayState.DOWN);
            awaitState(monitor, GatewayState.UP); // the faults are used up: the next heart-beat recovers
            assertThat(sim.received("/api/v3/ping")).isGreaterThanOrEqualTo(4);
        }
    }

    private static void awaitState(MonitorEngine monitor, GatewayState state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (monitor.status("simbinance").state() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + state + "; is " + monitor.status("simbinance"));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
