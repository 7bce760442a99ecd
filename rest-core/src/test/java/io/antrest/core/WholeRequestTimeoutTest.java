package io.antrest.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A request's timeout bounds it as a whole: a server that drips its answer one byte at a time,
 * never pausing long enough for a socket time-out, cannot hold a request past its timeout,
 * through either transport.
 */
class WholeRequestTimeoutTest {
    /** Only a hang takes this long: the requests below time out after 1.5 s. */
    private static final long SAFETY_SECONDS = 30;
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private DripServer drip(boolean dripHeaders) throws Exception {
        DripServer s = new DripServer(200, dripHeaders);
        closeables.add(s);
        return s;
    }

    /** The way of sending under test: a blocking thread per session here; {@link IoLoopTimeoutTest} runs every test on an I/O loop. */
    RestClient.Builder mode(RestClient.Builder builder) {
        return builder;
    }

    private RestClient client(String url, ProxyConfig proxy) {
        RestClient c = mode(RestClient.builder("drip")).build();
        c.init(url, proxy);
        c.start(1);
        closeables.add(c);
        return c;
    }

    private static void endsWithTimeoutAfterItsTimeout(RestClient client, Request request) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Response> f = client.submit(request);
        assertThatThrownBy(() -> f.get(SAFETY_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TransportException.class)
                .hasMessageContaining("took longer than its timeout of 1500 ms as a whole");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 50);
    }

    @Test
    void aDrippedBodyEndsTheRequestAtItsTimeoutAndItsConnectionIsNotReused() throws Exception {
        DripServer server = drip(false);
        RestClient client = client(server.url(), null);
        endsWithTimeoutAfterItsTimeout(client, Request.get("/drip").timeout(TIMEOUT).maxAttempts(1).build());

        client.submit(Request.get("/ok").build()).get(SAFETY_SECONDS, TimeUnit.SECONDS);
        assertThat(server.connections()).as("the timed-out connection was closed, not reused").isEqualTo(2);
    }

    @Test
    void drippedHeadersEndTheRequestAtItsTimeout() throws Exception {
        DripServer server = drip(true);
        RestClient client = client(server.url(), null);
        endsWithTimeoutAfterItsTimeout(client, Request.get("/drip").timeout(TIMEOUT).maxAttempts(1).build());
    }

    @Test
    void aDrippedBodyEndsTheRequestAtItsTimeoutBehindAProxy() throws Exception {
        DripServer proxy = drip(false);
        RestClient client = client("http://exchange.invalid", new ProxyConfig("127.0.0.1", proxy.port(), null, null));
        endsWithTimeoutAfterItsTimeout(client, Request.get("/drip").timeout(TIMEOUT).maxAttempts(1).build());

        client.submit(Request.get("/ok").build()).get(SAFETY_SECONDS, TimeUnit.SECONDS);
        assertThat(proxy.connections()).as("the timed-out connection was thrown away").isEqualTo(2);
    }

    @Test
    void aTimeoutTooLongToCountInNanosecondsStillLetsTheRequestThroughEitherTransport() throws Exception {
        // about 1000 years: more than a long counts in nanoseconds, less than it counts in milliseconds
        Request longWait = Request.get("/ok").timeout(Duration.ofDays(365L * 1000)).maxAttempts(1).build();
        DripServer server = drip(false);
        assertThat(client(server.url(), null).submit(longWait).get(SAFETY_SECONDS, TimeUnit.SECONDS).status())
                .isEqualTo(200);
        RestClient proxied = client("http://exchange.invalid", new ProxyConfig("127.0.0.1", server.port(), null, null));
        assertThat(proxied.submit(longWait).get(SAFETY_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void anOrderCutOffByItsTimeoutIsOutcomeUnknownAndItsCallerHearsOnce() throws Exception {
        DripServer server = drip(false);
        RestClient client = client(server.url(), null);
        AtomicInteger heard = new AtomicInteger();
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        long start = System.nanoTime();
        client.addRequest(Request.post("/drip/order").timeout(TIMEOUT).build(), new Callback() {
            @Override
            public void onSuccess(com.fasterxml.jackson.databind.JsonNode data, Call call) {
                heard.incrementAndGet();
                error.complete(null);
            }

            @Override
            public void onFailed(int status, Response response, Call call) {
                heard.incrementAndGet();
                error.complete(null);
            }

            @Override
            public void onError(Throwable e, Call call) {
                heard.incrementAndGet();
                error.complete(e);
            }
        });
        assertThat(error.get(SAFETY_SECONDS, TimeUnit.SECONDS)).isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("timeout of 1500 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 50);
        assertThat(client.join(Duration.ofSeconds(SAFETY_SECONDS))).isTrue();
        assertThat(heard).hasValue(1);
        assertThat(server.connections()).as("an order is never sent twice").isEqualTo(1);
    }
}
