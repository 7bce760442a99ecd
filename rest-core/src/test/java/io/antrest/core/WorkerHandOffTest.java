package io.antrest.core;

import io.antrest.core.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With a blocking thread per session ({@code ioThreads(0)}, and always behind a proxy): what the
 * engine does to spare thread hand-offs and system calls, and that none of it costs a guarantee: a
 * callback's next request stays on its worker, yet never waits behind a busy one and is never lost
 * by a stop; connections read in blocking mode, so the connect time-out is an alarm. The I/O loops
 * of the default mode are {@link IoLoopTest}'s.
 */
class WorkerHandOffTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    /** A client with a worker thread per session (ioThreads 0). */
    private RestClient client(String url, RestClientConfig config, int sessions) {
        RestClient c = RestClient.builder("handoff").config(config.toBuilder().ioThreads(0).build()).build();
        c.init(url);
        c.start(sessions);
        closeables.add(c);
        return c;
    }

    private LoopbackServer okServer() throws IOException {
        LoopbackServer s = new LoopbackServer(r -> Reply.ok("{}"));
        closeables.add(s);
        return s;
    }

    @Test
    void theRequestACallbackAsksForIsSentByTheSameWorker() throws Exception {
        LoopbackServer server = okServer();
        RestClient client = client(server.url(), RestClientConfig.defaults(), 4);
        int chain = 20;
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Callback next = new Callback() {
            @Override
            public void onSuccess(com.fasterxml.jackson.databind.JsonNode data, Call call) {
                threads.add(Thread.currentThread().getName());
                if (threads.size() < chain) {
                    client.addRequest(Request.get("/next").build(), this);
                } else {
                    done.countDown();
                }
            }

            @Override
            public void onFailed(int status, Response response, Call call) {
                done.countDown();
            }

            @Override
            public void onError(Throwable error, Call call) {
                done.countDown();
            }
        };
        client.addRequest(Request.get("/first").build(), next);

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).hasSize(chain);
        assertThat(threads).allMatch(t -> t.equals(threads.get(0)), "every request of the chain on " + threads.get(0));
        assertThat(server.received()).hasSize(chain);
    }

    @Test
    void aKeptRequestWhoseWorkerIsBusyIsSentByAnIdleOne() throws Exception {
        LoopbackServer server = okServer();
        RestClient client = client(server.url(), RestClientConfig.defaults(), 2);
        CompletableFuture<String> secondSentBy = new CompletableFuture<>();
        CompletableFuture<String> firstEndedOn = new CompletableFuture<>();
        client.addRequest(Request.get("/first").build(), Callback.of((json, call) -> {
            firstEndedOn.complete(Thread.currentThread().getName());
            client.addRequest(Request.get("/second").build(), Callback.of((j, c) -> secondSentBy.complete(
                    Thread.currentThread().getName())));
            // this callback holds its worker until the second request has ended: only another worker can send it
            try {
                secondSentBy.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                secondSentBy.completeExceptionally(e);
            }
        }));

        String worker = secondSentBy.get(10, TimeUnit.SECONDS);
        assertThat(worker).isNotEqualTo(firstEndedOn.get()).startsWith("antrest-handoff-worker-");
        assertThat(server.received()).extracting(LoopbackServer.Received::path).containsExactly("/first", "/second");
    }

    @Test
    void aKeptRequestIsCancelledByAStopWhileItsWorkerIsBusy() throws Exception {
        LoopbackServer server = okServer();
        RestClient client = client(server.url(), RestClientConfig.builder().stopTimeout(Duration.ofMillis(300)).build(), 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch kept = new CountDownLatch(1);
        AtomicInteger endings = new AtomicInteger();
        CompletableFuture<Throwable> secondError = new CompletableFuture<>();
        client.addRequest(Request.get("/first").build(), Callback.of((json, call) -> {
            client.addRequest(Request.post("/order").build(), Callback.of((j, c) -> endings.incrementAndGet(),
                    (status, response, c) -> endings.incrementAndGet(), (error, c) -> {
                        endings.incrementAndGet();
                        secondError.complete(error);
                    }));
            kept.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(kept.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopping = new Thread(client::stop);
        stopping.start();
        assertThat(secondError.get(10, TimeUnit.SECONDS)).isInstanceOf(RequestCancelledException.class)
                .hasMessageContaining("stopped before POST /order was sent");
        release.countDown();
        stopping.join(10_000);
        assertThat(stopping.isAlive()).isFalse();
        assertThat(endings.get()).isEqualTo(1);
        assertThat(server.received()).extracting(LoopbackServer.Received::path).containsExactly("/first");
    }

    @Test
    void aSynchronousRequestIsSentOnTheCallersThreadWhenAWorkerIsIdle() throws Exception {
        LoopbackServer server = okServer();
        List<String> attemptThreads = new CopyOnWriteArrayList<>();
        RestClient client = RestClient.builder("handoff").listener(new OutcomeListener() {
            @Override
            public void onAttempt(Attempt attempt) {
                attemptThreads.add(Thread.currentThread().getName());
            }

            @Override
            public void onOutcome(Outcome outcome) {
            }
        }).config(RestClientConfig.builder().ioThreads(0).build()).build();
        client.init(server.url());
        client.start(2);
        closeables.add(client);
        client.submit(Request.get("/warm").build()).get(10, TimeUnit.SECONDS);   // the workers are up and idle
        attemptThreads.clear();

        Response r = client.request(Request.get("/sync").build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(attemptThreads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void whileACallerSendsOnAWorkersConnectionThatWorkerSendsNothing() throws Exception {
        LoopbackServer server = new LoopbackServer(r -> new Reply(200, java.util.Map.of("Content-Type", "application/json"),
                "{}", 150, Reply.Action.ANSWER));
        closeables.add(server);
        RestClient client = client(server.url(), RestClientConfig.defaults(), 1);
        CompletableFuture<Response> sync = CompletableFuture.supplyAsync(() -> client.request(Request.get("/sync").build()));
        Thread.sleep(50);   // the caller holds the one worker's connection now
        List<CompletableFuture<Response>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(client.submit(Request.get("/queued/" + i).build()));
        }

        assertThat(sync.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        for (CompletableFuture<Response> f : queued) {
            assertThat(f.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        assertThat(server.received()).hasSize(4);
        assertThat(server.maxInFlight()).as("one session: never two requests at once").isEqualTo(1);
    }

    @ParameterizedTest(name = "ioThreads {0}")
    @ValueSource(ints = {0, 1})
    void aHandshakeThatNeverEndsFailsAtTheConnectTimeoutWithNothingSent(int ioThreads) throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closeables.add(silent);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());   // and never a byte of TLS back
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        RestClient client = RestClient.builder("handoff")
                .config(RestClientConfig.builder().connectTimeout(Duration.ofMillis(300)).ioThreads(ioThreads).build()).build();
        client.init("https://127.0.0.1:" + silent.getLocalPort());
        client.start(1);
        closeables.add(client);

        long start = System.nanoTime();
        CompletableFuture<Response> order = client.submit(Request.post("/order").timeout(Duration.ofSeconds(30)).build());
        assertThatThrownBy(() -> order.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TransportException.class)
                .isNotInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("within the connect timeout of 300 ms");
        // well before the request's own timeout of 30 s: the connect time-out ended it
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        for (Socket s : held) {
            s.close();
        }
    }
}
