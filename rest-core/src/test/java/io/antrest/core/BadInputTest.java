package io.antrest.core;

import io.antrest.core.LoopbackServer.Received;
import io.antrest.core.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input to the request engine, one case per test: each is refused (at once, or as the end of
 * that one call) with an error that names what is wrong and what to do, and requests queued
 * before it are all still answered. The queued requests are held at a real loopback server until
 * the bad input has been given, so they are provably still waiting when it comes.
 */
class BadInputTest {
    private static final int QUEUED = 50;
    private static final int MIB = 1024 * 1024;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeAll() throws Exception {
        release.countDown();
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    /** A server that holds {@code /good} until {@link #release} and answers other paths with {@code others}. */
    private LoopbackServer server(Function<Received, Reply> others) throws IOException {
        LoopbackServer s = new LoopbackServer(r -> {
            if (!r.path().equals("/good")) {
                return others.apply(r);
            }
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.ok("{\"ok\":true}");
        });
        closeables.add(s);
        return s;
    }

    private RestClient started(LoopbackServer server, int sessions, RestClientConfig config) {
        RestClient c = RestClient.builder("bad-input").config(config).build();
        c.init(server.url());
        c.start(sessions);
        closeables.add(c);
        return c;
    }

    /** Queues {@code n} requests that the server holds until {@link #release}: none can end before. */
    private List<CompletableFuture<Response>> queueHeld(RestClient client, int n) {
        assertThat(release.getCount()).as("only before the release are they held").isOne();
        List<CompletableFuture<Response>> futures = submitGood(client, n);
        assertThat(futures).as("held at the server, so none can have ended yet").noneMatch(CompletableFuture::isDone);
        return futures;
    }

    private static List<CompletableFuture<Response>> submitGood(RestClient client, int n) {
        List<CompletableFuture<Response>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(client.submit(Request.get("/good").param("n", i).build()));
        }
        return futures;
    }

    private static void assertAllSucceed(List<CompletableFuture<Response>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(futures).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
    }

    private static Throwable failureOf(CompletableFuture<Response> future) throws InterruptedException, TimeoutException {
        try {
            Response r = future.get(60, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + r);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void aJsonBodyThatIsNotJsonIsRefusedWhenTheRequestIsBuiltAndNothingQueuedIsLost() throws Exception {
        LoopbackServer server = server(r -> Reply.ok("{}"));
        RestClient client = started(server, 4, RestClientConfig.defaults());
        List<CompletableFuture<Response>> queued = queueHeld(client, QUEUED);

        String cutShort = "{\"symbol\":\"XBTUSD\",\"orderQty\":";
        assertThatThrownBy(() -> Request.post("/order").jsonBody(cutShort))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the JSON body (" + cutShort.length() + " chars) is not valid JSON")
                .hasMessageContaining("end-of-input")
                .hasMessageContaining("(line 1, column ")
                .hasMessageContaining("give one complete JSON value");
        assertThatThrownBy(() -> Request.post("/order").jsonBody("{\"a\":1} {\"b\":2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("Trailing token")
                .hasMessageContaining("give one complete JSON value");
        assertThatThrownBy(() -> Body.json("symbol=XBTUSD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unrecognized token 'symbol").hasMessageContaining("Body.raw");
        assertThatThrownBy(() -> Body.json("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the JSON body is empty").hasMessageContaining("without a body");
        assertThat(Body.json(" {\"symbol\":\"XBTUSD\",\"price\":219.5} ").text()).contains("219.5");

        release.countDown();
        assertAllSucceed(queued);
        assertThat(server.count("/order")).isZero();
    }

    @Test
    void aTwoHundredAnswerThatIsNotJsonEndsThatCallInErrorAndNothingElseIsLost() throws Exception {
        LoopbackServer server = server(r -> new Reply(200, java.util.Map.of("Content-Type", "text/html"),
                "<html>\n<body>Down for maintenance</body></html>", 0, Reply.Action.ANSWER));
        RestClient client = started(server, 4, RestClientConfig.defaults());
        List<CompletableFuture<Response>> queued = queueHeld(client, QUEUED);

        CompletableFuture<Response> bad = client.submit(Request.get("/api/v3/time").build());
        release.countDown();

        assertThat(failureOf(bad)).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("GET /api/v3/time")
                .hasMessageContaining("answer with status 200 is not valid JSON")
                .hasMessageContaining("text/html").hasMessageContaining("began \"<html> <body>Down for maintenance")
                .hasMessageContaining("Check that the base URL (" + server.url() + ") is the exchange's REST API root");
        assertAllSucceed(queued);
        assertAllSucceed(submitGood(client, 5));
        assertThat(server.count("/api/v3/time")).as("an answer that came is not asked again").isEqualTo(1);
        assertThat(client.metrics().error()).isEqualTo(1);
    }

    @Test
    void aBaseUrlThatIsNotAUrlIsRefusedNamingItAndTheClientKeepsItsOwn() throws Exception {
        LoopbackServer server = server(r -> Reply.ok("{}"));
        RestClient client = started(server, 4, RestClientConfig.defaults());
        List<CompletableFuture<Response>> queued = queueHeld(client, QUEUED);

        assertThatThrownBy(() -> client.setUrl("api.binance .com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base URL \"api.binance .com\" is not a URL")
                .hasMessageContaining("give one like https://api.binance.com");
        assertThatThrownBy(() -> client.setUrl("ftp://api.binance.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"ftp://api.binance.com\" is not an http(s) URL with a host")
                .hasMessageContaining("give one like https://api.binance.com");
        assertThatThrownBy(() -> client.setUrl("https://")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"https://\"").hasMessageContaining("give one like");
        assertThatThrownBy(() -> client.init("https://api.binance.com/?x=1", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not have a query");

        assertThat(client.baseUrl()).isEqualTo(server.url());
        release.countDown();
        assertAllSucceed(queued);
    }

    @Test
    void aNegativeSessionCountIsRefusedNamingTheSettingAndTheFix() throws Exception {
        RestClient fresh = new RestClient("fresh");
        closeables.add(fresh);
        fresh.init("http://127.0.0.1:9");
        assertThatThrownBy(() -> fresh.start(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sessions must be from 1 to 256, was -3")
                .hasMessageContaining("number of requests sent at once");
        assertThatThrownBy(() -> fresh.start(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 0");
        assertThat(fresh.isActive()).isFalse();

        LoopbackServer server = server(r -> Reply.ok("{}"));
        RestClient running = started(server, 2, RestClientConfig.defaults());
        List<CompletableFuture<Response>> queued = queueHeld(running, QUEUED);
        assertThatThrownBy(() -> running.start(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sessions must be from 1 to 256, was -1");
        assertThat(running.isActive()).isTrue();
        release.countDown();
        assertAllSucceed(queued);
    }

    @Test
    void anAnswerDeclaringSixtyFourMibIsCutAtTheCapItsConnectionDroppedAndTheNextRequestsAreFine() throws Exception {
        LoopbackServer server = server(r -> r.path().equals("/big") ? Reply.streamed(64L * MIB) : Reply.ok("{}"));
        // One session: one pooled connection, so a connection kept after the big answer would carry the next request.
        RestClient client = started(server, 1, RestClientConfig.builder().maxResponseBytes(MIB).build());
        List<CompletableFuture<Response>> queued = queueHeld(client, QUEUED);

        CompletableFuture<Response> big = client.submit(Request.get("/big").build());
        release.countDown();

        assertThat(failureOf(big)).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("the answer to GET /big declares 67108864 bytes")
                .hasMessageContaining("more than maxResponseBytes (1048576 bytes)")
                .hasMessageContaining("its connection closed")
                .hasMessageContaining("raise RestClientConfig.maxResponseBytes");
        assertAllSucceed(queued);
        List<CompletableFuture<Response>> after = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            after.add(client.submit(Request.get("/after").build()));
        }
        assertAllSucceed(after);

        int bigConnection = server.received().stream().filter(r -> r.path().equals("/big")).findFirst().orElseThrow().connection();
        assertThat(server.received()).filteredOn(r -> r.path().equals("/after"))
                .as("the connection of the cut answer is never used again").hasSize(5)
                .allSatisfy(r -> assertThat(r.connection()).isNotEqualTo(bigConnection));
        awaitStreamsEnded(server, 1);
        assertThat(server.streamedBytes()).as("the client stopped reading instead of draining the rest")
                .isLessThan(64L * MIB);
    }

    @Test
    void anEndlessChunkedAnswerIsCutAtTheCapInsteadOfBeingReadForever() throws Exception {
        LoopbackServer server = server(r -> r.path().equals("/stream") ? Reply.endlessChunked() : Reply.ok("{}"));
        RestClient client = started(server, 1, RestClientConfig.builder().maxResponseBytes(MIB).build());
        List<CompletableFuture<Response>> queued = queueHeld(client, QUEUED);

        CompletableFuture<Response> endless = client.submit(Request.get("/stream").build());
        release.countDown();

        assertThat(failureOf(endless)).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("the answer to GET /stream has no Content-Length and ran past the limit")
                .hasMessageContaining("more than maxResponseBytes (1048576 bytes)")
                .hasMessageContaining("ask for less");
        assertAllSucceed(queued);
        awaitStreamsEnded(server, 1);
        assertThat(client.submit(Request.get("/after").build()).get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        int streamConnection = server.received().stream().filter(r -> r.path().equals("/stream")).findFirst()
                .orElseThrow().connection();
        assertThat(server.received()).filteredOn(r -> r.path().equals("/after")).singleElement()
                .satisfies(r -> assertThat(r.connection()).isNotEqualTo(streamConnection));
        assertThat(server.count("/stream")).as("a cut answer is not asked again").isEqualTo(1);
    }

    @Test
    void behindAProxyAnEndlessAnswerIsCutAtTheCapToo() throws Exception {
        // Clients behind a proxy send through HttpClient 5, whose streams drain on close unless aborted.
        LoopbackServer proxy = new LoopbackServer(r -> r.target().endsWith("/stream") ? Reply.endlessChunked() : Reply.ok("{}"));
        closeables.add(proxy);
        RestClient client = RestClient.builder("bad-input-proxied")
                .config(RestClientConfig.builder().maxResponseBytes(MIB).build()).build();
        client.init("http://exchange.example", new ProxyConfig("127.0.0.1", proxy.port(), null, null));
        client.start(1);
        closeables.add(client);

        CompletableFuture<Response> endless = client.submit(Request.get("/stream").build());

        assertThat(failureOf(endless)).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("the answer to GET /stream has no Content-Length and ran past the limit")
                .hasMessageContaining("its connection closed");
        awaitStreamsEnded(proxy, 1);
        assertThat(client.submit(Request.get("/after").build()).get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(proxy.received()).extracting(Received::target)
                .containsExactly("http://exchange.example/stream", "http://exchange.example/after");
    }

    /** Waits until the server's streaming replies stopped: the client closed their connections. */
    private static void awaitStreamsEnded(LoopbackServer server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server.streamsEnded() < n) {
            assertThat(System.nanoTime()).as("the server is still streaming: the connection was not closed").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
