package io.antrest.monitor;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A loopback HTTP server (HttpCore 5 classic) for the monitor's tests: answers what the test's
 * function says per path, counts requests per path, and can be stopped and started again on
 * the same port to play an exchange that goes away and comes back.
 */
final class TestServer implements AutoCloseable {
    /** An answer. */
    record Reply(int status, String body, Map<String, String> headers) {
        static Reply ok() {
            return new Reply(200, "{}", Map.of());
        }

        static Reply status(int status) {
            return new Reply(status, "{\"code\":" + status + "}", Map.of());
        }
    }

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile Function<String, Reply> answer = path -> Reply.ok();
    private volatile HttpServer server;
    private int port;

    TestServer start() throws IOException {
        HttpServer s = ServerBootstrap.bootstrap()
                .setLocalAddress(InetAddress.getLoopbackAddress())
                .setListenerPort(port)
                .setSocketConfig(SocketConfig.custom().setSoReuseAddress(true).build())
                .setRequestRouter((request, context) -> this::handle)
                .create();
        s.start();
        port = s.getLocalPort();
        server = s;
        return this;
    }

    void answer(Function<String, Reply> answer) {
        this.answer = answer;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long count(String path) {
        AtomicLong c = counts.get(path);
        return c == null ? 0 : c.get();
    }

    void stop() {
        HttpServer s = server;
        if (s != null) {
            s.close(CloseMode.IMMEDIATE);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(ClassicHttpRequest request, org.apache.hc.core5.http.ClassicHttpResponse response,
                        org.apache.hc.core5.http.protocol.HttpContext context) {
        String path;
        try {
            path = new URI(request.getRequestUri()).getPath();
        } catch (java.net.URISyntaxException e) {
            path = request.getRequestUri();
        }
        counts.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
        Reply r = answer.apply(path);
        response.setCode(r.status());
        r.headers().forEach(response::setHeader);
        response.setEntity(new StringEntity(r.body(), ContentType.APPLICATION_JSON));
    }
}
