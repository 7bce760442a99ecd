package io.antrest.monitor;

import io.antrest.core.Call;
import io.antrest.core.Request;
import io.antrest.core.RequestDroppedException;
import io.antrest.core.RequestStatus;
import io.antrest.core.Response;
import io.antrest.core.RestClient;
import io.antrest.core.limit.RateLimitBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorEngineTest {
    private static final String GW = "sim";

    private final TestServer server = new TestServer();
    private final List<StateChange> changes = new CopyOnWriteArrayList<>();
    private MonitorEngine engine;
    private RestClient client;

    @BeforeEach
    void setUp() throws Exception {
        server.start();
        engine = new MonitorEngine(MonitorConfig.builder().failuresToDown(3).errorWindow(4).errorRatioToDegrade(0.5)
                .heartBeatInterval(Duration.ofMillis(50)).heartBeatTimeout(Duration.ofSeconds(2))
                .defaultRateLimitPause(Duration.ofMillis(300)).build(), Clock.systemUTC());
        engine.addListener(changes::add);
        client = RestClient.builder(GW).admission(engine).listener(engine)
                .budget(RateLimitBudget.perWindow(1000, Duration.ofSeconds(10), Clock.systemUTC())).build();
        client.init(server.url());
        client.start(2);
    }

    @AfterEach
    void tearDown() {
        client.stop();
        engine.close();
        server.close();
    }

    private void bringUp() {
        engine.transition(GW, GatewayState.CONNECTING, "connecting");
        engine.transition(GW, GatewayState.VERIFYING_CONTRACTS, "loading contracts");
        engine.transition(GW, GatewayState.UP, "contracts verified");
    }

    private CompletableFuture<Response> get(String path) {
        return client.submit(Request.get(path).maxAttempts(1).build());
    }

    private void settle(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // the test looks at the state, not at this call
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<GatewayState> path() {
        return changes.stream().map(StateChange::to).toList();
    }

    @Test
    void lifecycleTransitionsReachListenersInOrder() {
        assertThat(engine.status(GW).state()).isEqualTo(GatewayState.DISCONNECTED);
        bringUp();
        engine.detach(GW, "closed by the test");

        assertThat(path()).containsExactly(GatewayState.CONNECTING, GatewayState.VERIFYING_CONTRACTS,
                GatewayState.UP, GatewayState.DISCONNECTED);
        assertThat(changes.get(2).from()).isEqualTo(GatewayState.VERIFYING_CONTRACTS);
        assertThat(changes.get(2).reason()).isEqualTo("contracts verified");
        assertThat(changes).allMatch(c -> c.gateway().equals(GW));
    }

    @Test
    void consecutiveFailuresMakeTheGatewayDownAndAnAnswerBringsItBack() {
        bringUp();
        server.answer(p -> TestServer.Reply.status(503));
        settle(get("/a"));
        settle(get("/a"));
        assertThat(engine.status(GW).state()).isEqualTo(GatewayState.UP);
        assertThat(engine.status(GW).consecutiveFailures()).isEqualTo(2);
        settle(get("/a"));

        assertThat(engine.status(GW).state()).isEqualTo(GatewayState.DOWN);
        assertThat(engine.isUp(GW)).isFalse();
        assertThat(engine.status(GW).reason()).contains("3 failures in a row").contains("HTTP 503");

        server.answer(p -> TestServer.Reply.ok());
        settle(get("/a"));
        assertThat(engine.isUp(GW)).isTrue();
        assertThat(path()).endsWith(GatewayState.UP, GatewayState.DOWN, GatewayState.UP);
    }

    @Test
    void aClientSideRejectionDoesNotCountAsAFailure() {
        bringUp();
        server.answer(p -> TestServer.Reply.status(400));
        for (int i = 0; i < 5; i++) {
            settle(get("/order"));
        }
        assertThat(engine.status(GW).state()).isEqualTo(GatewayState.UP);
        assertThat(engine.status(GW).consecutiveFailures()).isZero();
    }

    @Test
    void anErrorRatioOverTheThresholdDegradesAndRecovers() {
        bringUp();
        // ok, fail, ok, fail: 2 of 4 is not over 50%
        for (int status : new int[] {200, 503, 200, 503}) {
            server.answer(p -> status == 200 ? TestServer.Reply.ok() : TestServer.Reply.status(status));
            settle(get("/x"));
        }
        assertThat(engine.status(GW).state()).isEqualTo(GatewayState.UP);
        // ok drops out, fail comes in: 3 of 4 (the window holds fail, ok, fail, fail)
        server.answer(p -> TestServer.Reply.status(502));
        settle(get("/x"));
        assertThat(engine.status(GW).state()).isEqualTo(GatewayState.DEGRADED);
        assertThat(engine.status(GW).reason()).contains("3 of the last 4 calls failed");

        server.answer(p -> TestServer.Reply.ok());
        settle(get("/x")); // the window now holds ok, fail, fail, ok: 2 of 4, not over 50% but not yet down to 25%
        settle(get("/x")); // fail, fail, ok, ok
        assertThat(engine.status(GW).state()).as("no flapping at the threshold").isEqualTo(GatewayState.DEGRADED);
        settle(get("/x")); // fail, ok, ok, ok: 1 of 4, at most half the threshold
        assertThat(engine.status(GW).state()).isEqualTo(GatewayState.UP);
        assertThat(engine.status(GW).reason()).contains("error ratio back to 1 of the last 4");
        assertThat(path()).endsWith(GatewayState.UP, GatewayState.DEGRADED, GatewayState.UP);
    }

    @Test
    void droppableRequestsAreDroppedWhileDownAndTheCallerIsTold() throws Exception {
        bringUp();
        engine.attach(GW, client, () -> CompletableFuture.completedFuture(null), Duration.ofMinutes(1), () -> Duration.ZERO);
        server.answer(p -> TestServer.Reply.status(503));
        for (int i = 0; i < 3; i++) {
            settle(get("/a"));
        }
        assertThat(engine.status(GW).state()).isEqualTo(GatewayState.DOWN);
        long before = server.count("/ticker");

        Call dropped = client.addRequest(Request.get("/ticker").droppable(true).build(), io.antrest.core.Callback.of((j, c) -> { }));
        CompletableFuture<Response> f = client.submit(Request.get("/ticker").droppable(true).build());

        assertThat(dropped.status()).isEqualTo(RequestStatus.DROPPED);
        assertThat(dropped.error()).get().isInstanceOf(RequestDroppedException.class);
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RequestDroppedException.class)
                .hasMessageContaining("gateway 'sim' is DOWN");
        assertThat(server.count("/ticker")).isEqualTo(before);

        // a non-droppable request still goes while DOWN: it is the caller's call
        server.answer(p -> TestServer.Reply.status(503));
        CompletableFuture<Response> order = client.submit(Request.get("/ticker").maxAttempts(1).build());
        settle(order);
        assertThat(server.count("/ticker")).isEqualTo(before + 1);
        assertThat(engine.metrics(GW).client().dropped()).isEqualTo(2);
    }

    @Test
    void droppableRequestsGoWhileUp() throws Exception {
        bringUp();
        Response r = client.submit(Request.get("/ticker").droppable(true).build()).get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(engine.metrics(GW).client().dropped()).isZero();
    }

    @Test
    void droppableRequestsAreDroppedWhileConnecting() {
        engine.transition(GW, GatewayState.CONNECTING, "connecting");
        CompletableFuture<Response> f = client.submit(Request.get("/ticker").droppable(true).build());
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RequestDroppedException.class)
                .hasMessageContaining("CONNECTING");
    }

    @Test
    void aTooManyRequestsAnswerRateLimitsUntilRetryAfterThenGoesBackUp() throws Exception {
        bringUp();
        server.answer(p -> new TestServer.Reply(429, "{\"code\":-1003}", Map.of("Retry-After", "1")));
        Instant before = Instant.now();
        settle(client.submit(Request.post("/order").build()));

        GatewayStatus limited = engine.status(GW);
        assertThat(limited.state()).isEqualTo(GatewayState.RATE_LIMITED);
        assertThat(limited.rateLimitedUntil()).get().matches(t -> !t.isBefore(before.plusMillis(1000)));
        Instant until = limited.rateLimitedUntil().orElseThrow();

        // a droppable request is dropped, a non-droppable one is held until the deadline
        assertThatThrownBy(() -> client.submit(Request.get("/ticker").droppable(true).build()).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RequestDroppedException.class).hasMessageContaining("RATE_LIMITED");
        server.answer(p -> TestServer.Reply.ok());
        Response held = client.submit(Request.get("/account").build()).get(10, TimeUnit.SECONDS);
        assertThat(held.status()).isEqualTo(200);
        assertThat(Instant.now()).isAfterOrEqualTo(until);

        Await.until("back UP", () -> engine.isUp(GW));
        assertThat(path()).endsWith(GatewayState.UP, GatewayState.RATE_LIMITED, GatewayState.UP);
        StateChange toLimited = changes.stream().filter(c -> c.to() == GatewayState.RATE_LIMITED).findFirst().orElseThrow();
        assertThat(toLimited.rateLimitedUntil()).contains(until);
        assertThat(toLimited.reason()).contains("HTTP 429");
    }

    @Test
    void aBanWithoutRetryAfterRateLimitsForTheDefaultPause() {
        bringUp();
        server.answer(p -> TestServer.Reply.status(418));
        settle(client.submit(Request.post("/order").build()));
        GatewayStatus s = engine.status(GW);
        assertThat(s.state()).isEqualTo(GatewayState.RATE_LIMITED);
        assertThat(s.reason()).contains("banned");
        Await.until("back UP after the default pause", () -> engine.isUp(GW));
    }

    @Test
    void failingHeartBeatsMakeTheGatewayDownAndAPassingOneRecoversIt() throws Exception {
        bringUp();
        engine.attach(GW, client, () -> client.submit(Request.get("/ping").extra(HeartBeat.TAG).maxAttempts(1)
                .timeout(Duration.ofSeconds(1)).build()), Duration.ofMillis(50), () -> Duration.ofMillis(7));
        Await.until("heart-beats", () -> server.count("/ping") >= 2);
        assertThat(engine.isUp(GW)).isTrue();

        server.stop(); // connection refused from now on
        Await.until("DOWN", () -> engine.status(GW).state() == GatewayState.DOWN);
        assertThat(engine.status(GW).reason()).contains("heart-beat failed");

        server.start(); // same port
        Await.until("UP again", () -> engine.isUp(GW));
        // a heart-beat cut off mid-answer by the stop may count as an unreadable answer first (DEGRADED)
        assertThat(path()).containsSubsequence(GatewayState.UP, GatewayState.DOWN, GatewayState.UP)
                .last().isEqualTo(GatewayState.UP);
        assertThat(changes.get(changes.size() - 1).reason()).contains("recovered").contains("heart-beat");
    }

    @Test
    void heartBeatCallsAreCountedOnceAsHeartBeats() {
        bringUp();
        server.answer(p -> TestServer.Reply.status(503));
        // ordinary calls tagged as heart-beats are ignored by the outcome counter
        for (int i = 0; i < 3; i++) {
            settle(client.submit(Request.get("/ping").extra(HeartBeat.TAG).maxAttempts(1).build()));
        }
        assertThat(engine.status(GW).state()).isEqualTo(GatewayState.UP);
        assertThat(engine.status(GW).consecutiveFailures()).isZero();
        assertThat(server.count("/ping")).isEqualTo(3);
    }

    @Test
    void noHeartBeatIsSentWhileRateLimitedOrAfterDetach() {
        bringUp();
        engine.attach(GW, client, () -> client.submit(Request.get("/ping").extra(HeartBeat.TAG).maxAttempts(1).build()),
                Duration.ofMillis(50), () -> Duration.ZERO);
        Await.until("heart-beats", () -> server.count("/ping") >= 1);
        engine.detach(GW, "closed");
        long after = server.count("/ping");
        Await.until("a few intervals", () -> {
            try {
                return client.submit(Request.get("/other").build()).get(5, TimeUnit.SECONDS) != null
                        && server.count("/other") >= 1;
            } catch (Exception e) {
                return false;
            }
        });
        // detach cancelled the task; at most one beat already under way may still land
        assertThat(server.count("/ping")).isLessThanOrEqualTo(after + 1);
        assertThat(engine.status(GW).state()).isEqualTo(GatewayState.DISCONNECTED);
    }

    @Test
    void metricsSnapshotCarriesCountsBudgetOffsetAndState() throws Exception {
        bringUp();
        engine.attach(GW, client, () -> CompletableFuture.completedFuture(null), Duration.ofSeconds(60),
                () -> Duration.ofMillis(-42));
        client.submit(Request.get("/a").weight(5).build()).get(10, TimeUnit.SECONDS);
        server.answer(p -> TestServer.Reply.status(400));
        settle(get("/b"));

        GatewayMetrics m = engine.metrics(GW);
        assertThat(m.gateway()).isEqualTo(GW);
        assertThat(m.state()).isEqualTo(GatewayState.UP);
        assertThat(m.client().submitted()).isEqualTo(2);
        assertThat(m.client().success()).isEqualTo(1);
        assertThat(m.client().failed()).isEqualTo(1);
        assertThat(m.client().queued()).isZero();
        assertThat(m.client().inFlight()).isZero();
        assertThat(m.client().p99Millis()).isGreaterThanOrEqualTo(m.client().p50Millis()).isGreaterThan(0);
        assertThat(m.budgetUsed()).isEqualTo(6);
        assertThat(m.budgetLimit()).isEqualTo(1000);
        assertThat(m.clockOffset()).isEqualTo(Duration.ofMillis(-42));
    }

    @Test
    void unknownGatewaysAreAdmittedButNotUp() throws Exception {
        assertThat(engine.isUp("nowhere")).isFalse();
        assertThat(engine.status("nowhere").state()).isEqualTo(GatewayState.DISCONNECTED);
        assertThatThrownBy(() -> engine.metrics("nowhere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no gateway named 'nowhere'");
        // the client's gateway was never registered: even a droppable request goes
        Response r = client.submit(Request.get("/t").droppable(true).build()).get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        engine.addListener(c -> {
            throw new IllegalStateException("listener bug");
        });
        List<StateChange> second = new CopyOnWriteArrayList<>();
        engine.addListener(second::add);
        bringUp();
        assertThat(second).hasSize(3);
        assertThat(engine.isUp(GW)).isTrue();
    }

    @Test
    void configRejectsNonsense() {
        assertThatThrownBy(() -> MonitorConfig.builder().failuresToDown(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonitorConfig.builder().errorRatioToDegrade(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MonitorConfig.builder().heartBeatInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.attach(GW, client, () -> null, Duration.ofMillis(-1), () -> Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
