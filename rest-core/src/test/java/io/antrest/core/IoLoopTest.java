package io.antrest.core;

import io.antrest.core.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The I/O loops of a client without a proxy (the default when it has more sessions than I/O
 * threads): one thread waits on several
 * connections, a callback's next request goes out from the same thread, a callback that blocks
 * holds up only its own thread, and a kept-alive connection the exchange closed while idle is
 * never used for the next request, so an order is not left in doubt by it.
 */
class IoLoopTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private RestClient client(String url, int ioThreads, int sessions, OutcomeListener listener) {
        RestClient.Builder b = RestClient.builder("io").config(RestClientConfig.builder().ioThreads(ioThreads).build());
        if (listener != null) {
            b.listener(listener);
        }
        RestClient c = b.build();
        c.init(url);
        c.start(sessions);
        closeables.add(c);
        return c;
    }

    /** Records the thread each attempt ended on. */
    private static OutcomeListener threadsOf(List<String> threads) {
        return new OutcomeListener() {
            @Override
            public void onAttempt(Attempt attempt) {
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void onOutcome(Outcome outcome) {
            }
        };
    }

    @Test
    void oneIoThreadCarriesEverySessionAtOnceAndNeverMore() throws Exception {
        LoopbackServer server = new LoopbackServer(r -> Reply.ok("{}").delayed(200));
        closeables.add(server);
        List<String> threads = new CopyOnWriteArrayList<>();
        RestClient client = client(server.url(), 1, 4, threadsOf(threads));

        List<CompletableFuture<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(client.submit(Request.get("/slow/" + i).build()));
        }
        for (CompletableFuture<Response> a : answers) {
            assertThat(a.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }

        assertThat(server.maxInFlight()).as("four sessions on one thread: four requests at once, never five").isEqualTo(4);
        assertThat(threads).hasSize(8).containsOnly("antrest-io-io-1");
    }

    @Test
    void theRequestACallbackAsksForIsSentFromTheSameIoThread() throws Exception {
        LoopbackServer server = new LoopbackServer(r -> Reply.ok("{}"));
        closeables.add(server);
        List<String> threads = new CopyOnWriteArrayList<>();
        RestClient client = client(server.url(), 2, 4, threadsOf(threads));
        int chain = 20;
        CountDownLatch done = new CountDownLatch(1);
        Callback next = new Callback() {
            @Override
            public void onSuccess(com.fasterxml.jackson.databind.JsonNode data, Call call) {
                if (threads.size() < chain) {
                    client.addRequest(Request.get("/next").build(), this);
                } else {
                    done.countDown();
                }
            }

            @Override
            public void onFailed(int status, Response response, Call call) {
            }

            @Override
            public void onError(Throwable error, Call call) {
            }
        };

        client.addRequest(Request.get("/next").build(), next);

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).hasSize(chain);
        assertThat(threads.stream().distinct()).as("no hand-off between threads").hasSize(1);
        assertThat(server.received()).hasSize(chain);
    }

    @Test
    void aCallbackThatBlocksItsIoThreadHoldsUpOnlyThatThread() throws Exception {
        LoopbackServer server = new LoopbackServer(r -> Reply.ok("{}"));
        closeables.add(server);
        RestClient client = client(server.url(), 2, 4, null);
        CompletableFuture<String> secondEndedOn = new CompletableFuture<>();
        CompletableFuture<String> firstEndedOn = new CompletableFuture<>();
        client.addRequest(Request.get("/first").build(), Callback.of((json, call) -> {
            firstEndedOn.complete(Thread.currentThread().getName());
            client.addRequest(Request.get("/second").build(), Callback.of((j, c) -> secondEndedOn.complete(
                    Thread.currentThread().getName())));
            // this callback holds its I/O thread until the second request has ended: only the other thread can send it
            try {
                secondEndedOn.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                secondEndedOn.completeExceptionally(e);
            }
        }));

        String other = secondEndedOn.get(10, TimeUnit.SECONDS);
        assertThat(other).isNotEqualTo(firstEndedOn.get()).startsWith("antrest-io-io-");
        assertThat(server.received()).extracting(LoopbackServer.Received::path).containsExactly("/first", "/second");
    }

    /**
     * An exchange that closes a kept-alive connection soon after answering (its idle time-out is
     * short, or it restarts): with a thread per session the next request would be written into the
     * closed connection and an order's outcome would be unknown. The I/O loop sees the close while
     * the connection is idle, so the order goes out on a new connection and is placed once.
     */
    @ParameterizedTest(name = "reset {0}")
    @ValueSource(booleans = {false, true})
    void anOrderAfterTheExchangeClosedTheIdleConnectionIsSentOnceOnANewOne(boolean reset) throws Exception {
        ClosingServer server = new ClosingServer(reset);
        closeables.add(server);
        RestClient client = client(server.url(), 1, 2, null);

        assertThat(client.submit(Request.get("/api/v3/time").build()).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(server.closed.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100);   // the close has reached the client
        Response order = client.submit(Request.post("/api/v3/order").param("symbol", "BTCUSDT").build())
                .get(10, TimeUnit.SECONDS);

        assertThat(order.status()).isEqualTo(200);
        assertThat(server.paths).containsExactly("/api/v3/time", "/api/v3/order?symbol=BTCUSDT");
        assertThat(server.connections.get()).isEqualTo(2);
    }

    /** Answers one request per connection with a keep-alive 200, then closes it (FIN, or RST when {@code reset}). */
    private static final class ClosingServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<String> paths = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);
        private final Thread thread;

        ClosingServer(boolean reset) throws IOException {
            thread = new Thread(() -> {
                try {
                    while (true) {
                        try (Socket s = socket.accept()) {
                            connections.incrementAndGet();
                            String head = readHead(s.getInputStream());
                            paths.add(head.split(" ")[1]);
                            int length = contentLength(head);
                            s.getInputStream().readNBytes(length);
                            OutputStream out = s.getOutputStream();
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            Thread.sleep(50);
                            if (reset) {
                                s.setSoLinger(true, 0);
                            }
                        }
                        closed.countDown();
                    }
                } catch (IOException | InterruptedException e) {
                    // closed: the test is over
                }
            }, "closing-server");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                String s = head.toString(StandardCharsets.US_ASCII);
                if (s.endsWith("\r\n\r\n")) {
                    return s;
                }
            }
            throw new IOException("the client closed before a whole request head");
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                int c = line.indexOf(':');
                if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase("Content-Length")) {
                    return Integer.parseInt(line.substring(c + 1).trim());
                }
            }
            return 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void anAnswerWithAnEndlessHeaderLineFailsAtTheLimitInsteadOfFillingTheMemory() throws Exception {
        LoopbackServer server = new LoopbackServer(r -> Reply.ok("{}").withHeader("X-Padding", "a".repeat(200_000)));
        closeables.add(server);
        RestClient client = client(server.url(), 1, 2, null);

        CompletableFuture<Response> f = client.submit(Request.get("/x").maxAttempts(1).build());

        assertThat(f).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                .isInstanceOf(TransportException.class).withMessageContaining("longer than 65536 bytes");
    }

    @Test
    void headersThatHttpCannotCarryAreRefusedNamingTheHeaderAndNothingIsSent() throws Exception {
        LoopbackServer server = new LoopbackServer(r -> Reply.ok("{}"));
        closeables.add(server);
        RestClient client = client(server.url(), 1, 2, null);

        CompletableFuture<Response> f = client.submit(Request.get("/x").header("X-Note", "a\r\nX-Injected: 1").build());

        assertThat(f).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                .isInstanceOf(RestException.class).withMessageContaining("header X-Note")
                .withMessageNotContaining("Injected");
        assertThat(server.received()).isEmpty();
    }
}
