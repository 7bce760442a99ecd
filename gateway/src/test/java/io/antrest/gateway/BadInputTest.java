package io.antrest.gateway;

import io.antrest.core.Request;
import io.antrest.core.Response;
import io.antrest.core.RestClientConfig;
import io.antrest.core.RestException;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.KeyType;
import io.antrest.monitor.MonitorConfig;
import io.antrest.monitor.MonitorEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input to the gateway runtime and the plugin contract's settings, one case per test: an
 * unknown exchange name, missing credentials, a base URL that is not a URL, a negative session
 * count, malformed settings. Each is refused with its type of error, naming the setting, the bad
 * value and the fix; and a connected gateway's 50 requests, held at a real loopback exchange
 * while the bad input is given, are all still answered.
 */
class BadInputTest {
    private static final int QUEUED = 50;

    @TempDir
    Path dir;

    private final FakeServer server = new FakeServer();
    private MonitorEngine monitor;
    private GatewayManager manager;
    private Gateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        monitor = new MonitorEngine(MonitorConfig.builder().heartBeatInterval(Duration.ofSeconds(30)).build(), Clock.systemUTC());
        manager = new GatewayManager(ProviderRegistry.of(List.of(new FakeExchange.Provider())), ContractStore.h2(dir),
                monitor, RestClientConfig.defaults());
        // No credentials: public calls need none.
        gateway = manager.connect("fake", GatewaySettings.builder().sessions(4)
                .exchange(ExchangeSettings.builder().url(server.url()).build()).build());
    }

    @AfterEach
    void tearDown() {
        server.held.countDown();
        manager.close();
        monitor.close();
        server.close();
    }

    /** 50 public requests that the exchange holds until {@code server.held} is counted down. */
    private List<CompletableFuture<Response>> queueHeld() {
        List<CompletableFuture<Response>> futures = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
            futures.add(gateway.submit(Request.get("/held").param("n", i).build()));
        }
        assertThat(futures).as("held at the exchange, so none can have ended yet").noneMatch(CompletableFuture::isDone);
        return futures;
    }

    private void releaseAndAssertAllAnswered(List<CompletableFuture<Response>> queued) throws Exception {
        server.held.countDown();
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(queued).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
        assertThat(server.count("/held")).isEqualTo(QUEUED);
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        try {
            Object r = future.get(60, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + r);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void anUnknownExchangeNameListsTheExchangesThereAreAndDisturbsNoConnectedGateway() throws Exception {
        List<CompletableFuture<Response>> queued = queueHeld();

        assertThatThrownBy(() -> manager.connect("kraken", GatewaySettings.builder().name("k")
                .exchange(ExchangeSettings.builder().url(server.url()).build()).build()))
                .isInstanceOf(ProviderLookupException.class)
                .hasMessageContaining("no exchange plugin named 'kraken'")
                .hasMessageContaining("available: fake")
                .hasMessageContaining("Check the exchange name, or add its plugin jar to plugins/");
        assertThatThrownBy(() -> ProviderRegistry.of(List.of()).provider("binance"))
                .isInstanceOf(ProviderLookupException.class)
                .hasMessageContaining("no exchange plugin found")
                .hasMessageContaining("put an exchange plugin jar");

        assertThat(manager.gateways()).containsOnlyKeys("fake");
        releaseAndAssertAllAnswered(queued);
    }

    @Test
    void aSignedCallWithoutCredentialsEndsInErrorNamingTheSettingsAndNothingQueuedIsLost() throws Exception {
        List<CompletableFuture<Response>> queued = queueHeld();

        // Queued behind the held requests, these are signed (and refused) when a worker reaches them.
        CompletableFuture<?> typed = gateway.account();
        CompletableFuture<Response> raw = gateway.client().submit(Request.get("/account").build());
        releaseAndAssertAllAnswered(queued);

        assertThat(failureOf(typed)).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("exchange 'fake' needs credentials for this call and the gateway has none")
                .hasMessageContaining("gateway.NAME.api-key").hasMessageContaining("gateway.NAME.secret")
                .hasMessageContaining("ExchangeSettings.builder().credentials(...)");
        assertThat(failureOf(raw)).isInstanceOf(RestException.class)
                .hasMessageContaining("signing GET /account failed: exchange 'fake' needs credentials")
                .hasMessageContaining("gateway.NAME.api-key")
                .hasCauseInstanceOf(GatewaySettingsException.class);
        assertThat(server.count("/account")).as("an unsigned private call is never sent").isZero();
    }

    @Test
    void blankCredentialsAreRefusedNamingTheSettingToSet() throws Exception {
        List<CompletableFuture<Response>> queued = queueHeld();

        assertThatThrownBy(() -> Credentials.hmac(" ", "secret")).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("the API key is blank").hasMessageContaining("gateway.NAME.api-key");
        assertThatThrownBy(() -> new Credentials("key", "", KeyType.ED25519)).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("the API secret is blank").hasMessageContaining("gateway.NAME.secret")
                .hasMessageContaining("secret-file");
        releaseAndAssertAllAnswered(queued);
    }

    @Test
    void aBaseUrlThatIsNotAUrlIsRefusedNamingItAndAnExample() throws Exception {
        List<CompletableFuture<Response>> queued = queueHeld();

        assertThatThrownBy(() -> ExchangeSettings.builder().url("testnet.binance.vision"))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("base URL \"testnet.binance.vision\" is not an http(s) URL")
                .hasMessageContaining("give one like https://testnet.binance.vision");
        assertThatThrownBy(() -> ExchangeSettings.builder().url("https://testnet binance.vision"))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("base URL \"https://testnet binance.vision\" is not a URL (Illegal character")
                .hasMessageContaining("give one like");
        assertThatThrownBy(() -> ExchangeSettings.builder().url("http://:8080"))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("base URL \"http://:8080\" has no host name")
                .hasMessageContaining("give one like");
        releaseAndAssertAllAnswered(queued);
    }

    @Test
    void aNegativeSessionCountIsRefusedNamingTheSettingAndTheUsualValue() throws Exception {
        List<CompletableFuture<Response>> queued = queueHeld();

        assertThatThrownBy(() -> GatewaySettings.builder().sessions(-4)).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("sessions (session_number, gateway.NAME.sessions) must be from 1 to 256, was -4")
                .hasMessageContaining("3 is the usual value");
        assertThatThrownBy(() -> GatewaySettings.builder().sessions(0)).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("was 0");
        releaseAndAssertAllAnswered(queued);
    }

    @Test
    void malformedSettingsAreRefusedNamingTheSettingTheValueAndTheFix() throws Exception {
        List<CompletableFuture<Response>> queued = queueHeld();

        ExchangeSettings settings = ExchangeSettings.builder().option("recv_window", "5s").build();
        assertThatThrownBy(() -> settings.longOption("recv_window", 5000)).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("setting 'recv_window' must be a whole number, was \"5s\"")
                .hasMessageContaining("write digits only (e.g. 5000), or leave it unset for the default 5000");
        assertThatThrownBy(() -> GatewaySettings.builder().proxy("proxy.local", 70_000))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("proxy setting is wrong").hasMessageContaining("70000")
                .hasMessageContaining("set proxy_host and proxy_port");
        assertThatThrownBy(() -> GatewaySettings.builder().heartBeatInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("heartBeatInterval (gateway.NAME.heartbeat-interval) must be from 1ms to 1h, was PT-1S")
                .hasMessageContaining("e.g. 10s");
        assertThatThrownBy(() -> GatewaySettings.builder().name("  ")).isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("the gateway name is blank: give a name or leave it unset");
        releaseAndAssertAllAnswered(queued);
    }
}
