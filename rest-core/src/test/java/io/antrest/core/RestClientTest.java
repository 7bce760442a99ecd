package io.antrest.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.LoopbackServer.Reply;
import io.antrest.core.limit.RateLimitBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestClientTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private LoopbackServer server(java.util.function.Function<LoopbackServer.Received, Reply> handler) throws IOException {
        LoopbackServer s = new LoopbackServer(handler);
        closeables.add(s);
        return s;
    }

    /**
     * The way of sending under test: the default here, where the few sessions these tests ask for
     * each get a blocking thread; {@link IoLoopRestClientTest} runs every test on an I/O loop.
     */
    RestClient.Builder mode(RestClient.Builder builder) {
        return builder;
    }

    private RestClient client(String url, RestClient.Builder builder, int sessions) {
        RestClient c = mode(builder).build();
        c.init(url);
        c.start(sessions);
        closeables.add(c);
        return c;
    }

    private static RestClientConfig fastRetries() {
        return RestClientConfig.builder()
                .retryPolicy(new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5)))
                .build();
    }

    @Test
    void workersReallySendAtOnce() throws Exception {
        int sessions = 4;
        CountDownLatch arrived = new CountDownLatch(sessions);
        LoopbackServer server = server(r -> {
            arrived.countDown();
            try {
                arrived.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.ok("{}");
        });
        RestClient client = client(server.url(), RestClient.builder("t"), sessions);
        List<CompletableFuture<Response>> futures = new ArrayList<>();
        for (int i = 0; i < 3 * sessions; i++) {
            futures.add(client.submit(Request.get("/ping").build()));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(arrived.getCount()).isZero();
        assertThat(server.maxInFlight()).isEqualTo(sessions);
    }

    @Test
    void idempotentRequestIsRetriedUntilItSucceeds() throws Exception {
        AtomicInteger n = new AtomicInteger();
        LoopbackServer server = server(r -> n.incrementAndGet() < 3 ? Reply.json(503, "{\"msg\":\"busy\"}") : Reply.ok("{\"ok\":true}"));
        RestClient client = client(server.url(), RestClient.builder("t").config(fastRetries()), 1);
        Response response = client.submit(Request.get("/x").build()).get(10, TimeUnit.SECONDS);
        assertThat(response.json().get("ok").asBoolean()).isTrue();
        assertThat(response.attempt()).isEqualTo(3);
        assertThat(server.count("/x")).isEqualTo(3);
        assertThat(client.metrics().retries()).isEqualTo(2);
    }

    @Test
    void retriesStopAtMaxAttemptsAndEndFailed() throws Exception {
        LoopbackServer server = server(r -> Reply.json(502, "{\"msg\":\"bad gateway\"}"));
        RestClient client = client(server.url(), RestClient.builder("t").config(fastRetries()), 1);
        Call call = client.addRequest(Request.get("/x").maxAttempts(4).build(), Callback.of((d, c) -> { }));
        client.join();
        assertThat(call.status()).isEqualTo(RequestStatus.FAILED);
        assertThat(call.attempts()).isEqualTo(4);
        assertThat(server.count("/x")).isEqualTo(4);
        assertThat(call.response().orElseThrow().status()).isEqualTo(502);
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        LoopbackServer server = server(r -> Reply.json(400, "{\"code\":-1102,\"msg\":\"missing parameter\"}"));
        RestClient client = client(server.url(), RestClient.builder("t").config(fastRetries()), 1);
        CompletableFuture<Response> f = client.submit(Request.get("/x").build());
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RequestFailedException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("-1102");
        assertThat(server.count("/x")).isEqualTo(1);
    }

    @Test
    void everyAttemptIsSignedAfresh() throws Exception {
        AtomicInteger n = new AtomicInteger();
        LoopbackServer server = server(r -> n.incrementAndGet() < 3 ? Reply.json(503, "{}") : Reply.ok("{}"));
        AtomicInteger clockTicks = new AtomicInteger();
        Clock ticking = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(1_700_000_000_000L + 1000L * clockTicks.incrementAndGet());
            }
        };
        RequestSigner signer = (request, ctx) -> request.toBuilder()
                .param("timestamp", Long.toString(ctx.nowMillis()))
                .header("X-Attempt", Integer.toString(ctx.attempt()))
                .build();
        RestClient client = client(server.url(), RestClient.builder("t").signer(signer)
                .config(fastRetries().toBuilder().clock(ticking).build()), 1);
        client.submit(Request.get("/signed").build()).get(10, TimeUnit.SECONDS);
        List<LoopbackServer.Received> got = server.received();
        assertThat(got).hasSize(3);
        assertThat(got).extracting(r -> r.header("x-attempt")).containsExactly("1", "2", "3");
        assertThat(got).extracting(LoopbackServer.Received::query).doesNotHaveDuplicates()
                .allMatch(q -> q.matches("timestamp=\\d+"));
    }

    @Test
    void postAnsweredWithServerErrorIsNotSentAgain() throws Exception {
        LoopbackServer server = server(r -> Reply.json(503, "{\"msg\":\"Service Unavailable\"}"));
        RestClient client = client(server.url(), RestClient.builder("t").config(fastRetries()), 1);
        CompletableFuture<Response> f = client.submit(Request.post("/order").param("newClientOrderId", "c1").build());
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("Look it up");
        assertThat(server.count("/order")).isEqualTo(1);
    }

    @Test
    void postWhoseAnswerIsLostIsNeverSentTwice() throws Exception {
        LoopbackServer server = server(r -> Reply.close());
        RestClient client = client(server.url(), RestClient.builder("t").config(fastRetries()), 1);
        Call call = client.addRequest(Request.post("/order").maxAttempts(5).build(), Callback.of((d, c) -> { }));
        client.join();
        assertThat(call.status()).isEqualTo(RequestStatus.ERROR);
        assertThat(call.error()).get().isInstanceOf(OutcomeUnknownException.class);
        assertThat(server.count("/order")).isEqualTo(1);

        server.handler(r -> Reply.reset());
        Call reset = client.addRequest(Request.post("/order2").maxAttempts(5).build(), Callback.of((d, c) -> { }));
        client.join();
        assertThat(reset.error()).get().isInstanceOf(OutcomeUnknownException.class);
        assertThat(server.count("/order2")).isEqualTo(1);
    }

    @Test
    void postIsRetriedWhenTheConnectionWasRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RestClient client = client("http://127.0.0.1:" + port, RestClient.builder("t").config(fastRetries()), 1);
        Call call = client.addRequest(Request.post("/order").maxAttempts(3).build(), Callback.of((d, c) -> { }));
        client.join();
        assertThat(call.attempts()).isEqualTo(3);
        assertThat(call.status()).isEqualTo(RequestStatus.ERROR);
        assertThat(call.error()).get().isInstanceOf(TransportException.class);
        assertThat(call.error().get().getMessage()).contains("after 3 attempt");
    }

    @Test
    void rateLimitedPostIsRefusedNotRetried() throws Exception {
        LoopbackServer server = server(r -> Reply.json(429, "{\"code\":-1003}").withHeader("Retry-After", "1"));
        RestClient client = client(server.url(), RestClient.builder("t").config(fastRetries()), 1);
        Call call = client.addRequest(Request.post("/order").build(), Callback.of((d, c) -> { }));
        client.join();
        assertThat(call.status()).isEqualTo(RequestStatus.FAILED);
        assertThat(server.count("/order")).isEqualTo(1);
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        AtomicInteger n = new AtomicInteger();
        LoopbackServer server = server(r -> n.incrementAndGet() == 1
                ? Reply.json(429, "{\"code\":-1003}").withHeader("Retry-After", "1") : Reply.ok("{}"));
        RestClient client = client(server.url(), RestClient.builder("t").config(fastRetries()), 1);
        client.submit(Request.get("/x").build()).get(10, TimeUnit.SECONDS);
        List<LoopbackServer.Received> got = server.received();
        assertThat(got).hasSize(2);
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(got.get(1).nanoTime() - got.get(0).nanoTime());
        assertThat(gapMillis).isGreaterThanOrEqualTo(950);
    }

    @Test
    void retryAfterLongerThanThePolicyAllowsEndsTheCall() throws Exception {
        LoopbackServer server = server(r -> Reply.json(418, "{\"code\":-1003}").withHeader("Retry-After", "600"));
        RestClient client = client(server.url(), RestClient.builder("t").config(fastRetries()), 1);
        CompletableFuture<Response> f = client.submit(Request.get("/x").build());
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RequestFailedException.class);
        assertThat(server.count("/x")).isEqualTo(1);
    }

    @Test
    void aFullQueueRefusesAtOnceAndNeverBlocks() throws Exception {
        LoopbackServer server = server(r -> Reply.ok("{}"));
        RestClient client = mode(RestClient.builder("t").config(RestClientConfig.builder().queueCapacity(5).droppableSoftLimit(5).build()))
                .build();
        closeables.add(client);
        client.init(server.url());
        List<Call> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(client.addRequest(Request.get("/q").build(), Callback.of((d, c) -> { })));
        }
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Call refused = client.addRequest(Request.get("/q").build(), Callback.of((d, c) -> { }, (s, r, c) -> { },
                (e, c) -> errors.add(e)));
        assertThat(refused.status()).isEqualTo(RequestStatus.ERROR);
        assertThat(errors).singleElement().isInstanceOf(QueueFullException.class);
        assertThat(errors.get(0).getMessage()).contains("full").contains("5 requests").contains("raise queueCapacity");
        CompletableFuture<Response> f = client.submit(Request.get("/q").build());
        assertThat(f).isCompletedExceptionally();

        client.start(2);
        client.join();
        assertThat(accepted).allMatch(c -> c.status() == RequestStatus.SUCCESS);
        assertThat(server.count("/q")).isEqualTo(5);
    }

    @Test
    void droppableRequestsAreDroppedOverTheSoftLimit() throws Exception {
        LoopbackServer server = server(r -> Reply.ok("{}"));
        RestClient client = mode(RestClient.builder("t").config(RestClientConfig.builder().queueCapacity(10).droppableSoftLimit(3).build()))
                .build();
        closeables.add(client);
        client.init(server.url());
        for (int i = 0; i < 3; i++) {
            client.addRequest(Request.get("/md").droppable(true).build(), Callback.of((d, c) -> { }));
        }
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Call dropped = client.addRequest(Request.get("/md").droppable(true).build(),
                Callback.of((d, c) -> { }, (s, r, c) -> { }, (e, c) -> errors.add(e)));
        Call kept = client.addRequest(Request.get("/order").build(), Callback.of((d, c) -> { }));
        assertThat(dropped.status()).isEqualTo(RequestStatus.DROPPED);
        assertThat(errors).singleElement().isInstanceOf(RequestDroppedException.class);
        assertThat(errors.get(0).getMessage()).contains("soft limit of 3");
        client.start(1);
        client.join();
        assertThat(kept.status()).isEqualTo(RequestStatus.SUCCESS);
        assertThat(client.metrics().dropped()).isEqualTo(1);
    }

    @Test
    void stopCancelsWhatIsQueuedAndEveryCallEndsExactlyOnce() throws Exception {
        LoopbackServer server = server(r -> Reply.ok("{}").delayed(50));
        RestClient client = client(server.url(), RestClient.builder("stopper"), 2);
        Map<Long, AtomicInteger> heard = new ConcurrentHashMap<>();
        List<Call> calls = new ArrayList<>();
        Callback counting = new Callback() {
            @Override
            public void onSuccess(JsonNode data, Call call) {
                heard.computeIfAbsent(call.id(), k -> new AtomicInteger()).incrementAndGet();
            }

            @Override
            public void onFailed(int status, Response response, Call call) {
                heard.computeIfAbsent(call.id(), k -> new AtomicInteger()).incrementAndGet();
            }

            @Override
            public void onError(Throwable error, Call call) {
                heard.computeIfAbsent(call.id(), k -> new AtomicInteger()).incrementAndGet();
            }
        };
        for (int i = 0; i < 40; i++) {
            calls.add(client.addRequest(Request.get("/slow").build(), counting));
        }
        Thread.sleep(120);
        client.stop();
        Call late = client.addRequest(Request.get("/slow").build(), counting);
        calls.add(late);

        assertThat(late.status()).isEqualTo(RequestStatus.CANCELLED);
        assertThat(calls).allMatch(Call::isDone);
        assertThat(heard).hasSize(calls.size());
        assertThat(heard.values()).allMatch(n -> n.get() == 1);
        ClientMetrics m = client.metrics();
        assertThat(m.submitted()).isEqualTo(calls.size());
        assertThat(m.ended()).isEqualTo(m.submitted());
        assertThat(m.success()).isPositive();
        assertThat(m.cancelled()).isPositive();
        assertThat(m.success()).isEqualTo(server.count("/slow"));
        assertThat(m.queued()).isZero();
        assertThat(m.inFlight()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("antrest-stopper-"));
    }

    @Test
    void joinReturnsWhenEverythingEnded() throws Exception {
        LoopbackServer server = server(r -> Reply.ok("{}").delayed(5));
        RestClient client = client(server.url(), RestClient.builder("t"), 3);
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 30; i++) {
            client.addRequest(Request.get("/j").build(), Callback.of((d, c) -> done.incrementAndGet()));
        }
        assertThat(client.join(Duration.ofSeconds(20))).isTrue();
        assertThat(done.get()).isEqualTo(30);
        assertThat(client.queued()).isZero();
    }

    @Test
    void aThrowingCallbackDoesNotKillTheWorker() throws Exception {
        LoopbackServer server = server(r -> Reply.ok("{}"));
        RestClient client = client(server.url(), RestClient.builder("t"), 1);
        for (int i = 0; i < 5; i++) {
            client.addRequest(Request.get("/boom").build(), Callback.of((d, c) -> {
                throw new IllegalStateException("callback bug");
            }));
        }
        Response after = client.submit(Request.get("/after").build()).get(10, TimeUnit.SECONDS);
        assertThat(after.status()).isEqualTo(200);
        assertThat(client.metrics().success()).isEqualTo(6);
    }

    @Test
    void noContentGivesNullData() throws Exception {
        LoopbackServer server = server(r -> new Reply(204, Map.of(), "", 0, Reply.Action.ANSWER));
        RestClient client = client(server.url(), RestClient.builder("t"), 1);
        CompletableFuture<JsonNode[]> seen = new CompletableFuture<>();
        client.addRequest(Request.delete("/x").build(), Callback.of((d, c) -> seen.complete(new JsonNode[]{d})));
        assertThat(seen.get(10, TimeUnit.SECONDS)[0]).isNull();
    }

    @Test
    void malformedJsonEndsInError() throws Exception {
        LoopbackServer server = server(r -> Reply.ok("{\"a\":"));
        RestClient client = client(server.url(), RestClient.builder("t"), 1);
        CompletableFuture<Response> f = client.submit(Request.get("/x").build());
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void anEnormousAnswerIsCappedAndReported() throws Exception {
        String big = "[" + "1,".repeat(5000) + "1]";
        LoopbackServer server = server(r -> Reply.ok(big));
        RestClient client = client(server.url(), RestClient.builder("t")
                .config(RestClientConfig.builder().maxResponseBytes(4096).build()), 1);
        CompletableFuture<Response> f = client.submit(Request.get("/big").build());
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("maxResponseBytes");
        Response ok = client.submit(Request.get("/big2").build()).handle((r, e) -> r).get(10, TimeUnit.SECONDS);
        assertThat(ok).isNull();
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetriedForGet() throws Exception {
        AtomicInteger n = new AtomicInteger();
        LoopbackServer server = server(r -> n.incrementAndGet() == 1 ? Reply.ok("{}").delayed(1500) : Reply.ok("{\"fast\":1}"));
        RestClient client = client(server.url(), RestClient.builder("t").config(fastRetries()), 2);
        Response r = client.submit(Request.get("/slow").timeout(Duration.ofMillis(300)).build()).get(10, TimeUnit.SECONDS);
        assertThat(r.json().get("fast").asInt()).isEqualTo(1);
        assertThat(r.attempt()).isEqualTo(2);
    }

    @Test
    void admissionCanDropAndDefer() throws Exception {
        LoopbackServer server = server(r -> Reply.ok("{}"));
        Instant[] notBefore = {null};
        Admission admission = (client, request, stage) -> {
            if (request.droppable()) {
                return AdmissionDecision.drop("gateway t is DOWN");
            }
            if (stage == Admission.Stage.SEND && notBefore[0] == null) {
                notBefore[0] = Instant.now().plusMillis(300);
                return AdmissionDecision.defer(notBefore[0], "rate-limited");
            }
            return AdmissionDecision.admit();
        };
        RestClient client = client(server.url(), RestClient.builder("t").admission(admission), 1);
        CompletableFuture<Response> dropped = client.submit(Request.get("/md").droppable(true).build());
        assertThatThrownBy(dropped::join).hasCauseInstanceOf(RequestDroppedException.class).hasMessageContaining("gateway t is DOWN");
        long t0 = System.nanoTime();
        client.submit(Request.get("/order").build()).get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(250);
        assertThat(server.count("/md")).isZero();
    }

    @Test
    void theBudgetHoldsRequestsBackInsteadOfOverrunningTheLimit() throws Exception {
        LoopbackServer server = server(r -> Reply.ok("{}"));
        RateLimitBudget budget = RateLimitBudget.perWindow(3, Duration.ofMillis(500), Clock.systemUTC());
        RestClient client = client(server.url(), RestClient.builder("t").budget(budget), 2);
        List<CompletableFuture<Response>> fs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            fs.add(client.submit(Request.get("/w").build()));
        }
        CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        List<LoopbackServer.Received> got = server.received();
        assertThat(got).hasSize(7);
        Map<Long, Integer> perWindow = new ConcurrentHashMap<>();
        long origin = got.get(0).nanoTime();
        // No 500 ms span may hold more than 3 requests (allowing the window to start anywhere).
        for (int i = 0; i + 3 < got.size(); i++) {
            long span = got.get(i + 3).nanoTime() - got.get(i).nanoTime();
            perWindow.put((got.get(i).nanoTime() - origin) / 1_000_000, (int) (span / 1_000_000));
        }
        assertThat(perWindow.values()).allMatch(spanMillis -> spanMillis > 0);
        assertThat(TimeUnit.NANOSECONDS.toMillis(got.get(6).nanoTime() - origin)).isGreaterThanOrEqualTo(450);
    }

    @Test
    void syncRequestReturnsTheAnswerOrThrowsTypedErrors() throws Exception {
        LoopbackServer server = server(r -> r.path().equals("/ok") ? Reply.ok("{\"v\":1}") : Reply.json(404, "{}"));
        RestClient client = client(server.url(), RestClient.builder("t"), 1);
        assertThat(client.request(Request.get("/ok").build()).json().get("v").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> client.request(Request.get("/missing").build())).isInstanceOf(RequestFailedException.class)
                .hasMessageContaining("404");
        CompletableFuture<Throwable> inCallback = new CompletableFuture<>();
        client.addRequest(Request.get("/ok").build(), Callback.of((d, c) -> {
            try {
                client.request(Request.get("/ok").build());
                inCallback.complete(null);
            } catch (RuntimeException e) {
                inCallback.complete(e);
            }
        }));
        assertThat(inCallback.get(10, TimeUnit.SECONDS)).isInstanceOf(ClientStateException.class).hasMessageContaining("submit()");
    }

    @Test
    void badSetupGetsClearErrors() {
        RestClient client = new RestClient("t");
        closeables.add(client);
        assertThatThrownBy(() -> client.start(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessions");
        assertThatThrownBy(() -> client.start(2)).isInstanceOf(ClientStateException.class).hasMessageContaining("init(baseUrl");
        assertThatThrownBy(() -> client.init("not a url")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a URL");
        assertThatThrownBy(() -> client.init("ftp://x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        client.init("http://127.0.0.1:9/api/");
        assertThat(client.makeFullUrl("/v1/x")).isEqualTo("http://127.0.0.1:9/api/v1/x");
        assertThatThrownBy(() -> client.request(Request.get("/x").build())).isInstanceOf(ClientStateException.class);
    }

    @Test
    void outcomeListenersHearEveryAttemptAndOutcome() throws Exception {
        AtomicInteger n = new AtomicInteger();
        LoopbackServer server = server(r -> n.incrementAndGet() == 1 ? Reply.json(503, "{}") : Reply.ok("{}"));
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        OutcomeListener listener = new OutcomeListener() {
            @Override
            public void onOutcome(Outcome outcome) {
                outcomes.add(outcome);
            }

            @Override
            public void onAttempt(Attempt attempt) {
                attempts.add(attempt);
            }
        };
        RestClient client = client(server.url(), RestClient.builder("gw").listener(listener).config(fastRetries()), 1);
        client.submit(Request.get("/x").build()).get(10, TimeUnit.SECONDS);
        assertThat(attempts).extracting(Attempt::httpStatus).containsExactly(503, 200);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RequestStatus.SUCCESS);
            assertThat(o.client()).isEqualTo("gw");
        });
    }

    @Test
    void failuresAreCountedInMetrics() throws ExecutionException, InterruptedException, IOException {
        LoopbackServer server = server(r -> Reply.json(400, "{}"));
        RestClient client = client(server.url(), RestClient.builder("t"), 1);
        client.submit(Request.get("/f").build()).handle((r, e) -> e).get();
        ClientMetrics m = client.metrics();
        assertThat(m.failed()).isEqualTo(1);
        assertThat(m.p99Millis()).isPositive();
    }
}
