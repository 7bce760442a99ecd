package io.antrest.gateway;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A loopback server (HttpCore 5 classic) speaking the test-only "fake" dialect of
 * {@link FakeExchange}: {@code /ping}, {@code /time} (its clock runs {@link #skewMillis} ahead),
 * {@code /contracts}, and signed {@code /account} and {@code /order}, which it refuses with code
 * -1021 when their {@code timestamp} is more than 1 s away from its clock, or with 401 without
 * the right {@code X-KEY}. A path can be made to answer a given status for a number of requests;
 * {@code /held} answers only once {@link #held} is counted down.
 */
final class FakeServer implements AutoCloseable {
    static final String KEY = "fake-key";

    /** One contract as served. */
    record Symbol(String symbol, String base, String quote, String tick, String lot, String minNotional, String status) {
    }

    final List<Symbol> symbols = new CopyOnWriteArrayList<>(List.of(
            new Symbol("BTCUSDT", "BTC", "USDT", "0.01", "0.00001", "10", "TRADING"),
            new Symbol("ETHUSDT", "ETH", "USDT", "0.01", "0.0001", "10", "TRADING")));
    volatile long skewMillis = 5_000;
    volatile int usedWeight = 0;
    /** While set, the server plays a frozen exchange (SIGSTOP): it accepts connections and answers nothing. */
    volatile boolean frozen;
    /** What {@code /held} waits for (at most 30 s) before answering 200. */
    final CountDownLatch held = new CountDownLatch(1);
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    final Map<String, String> orders = new ConcurrentHashMap<>();
    private HttpServer server;

    private record Fault(int status, String body, Map<String, String> headers, AtomicInteger left) {
    }

    FakeServer start() throws IOException {
        server = ServerBootstrap.bootstrap()
                .setLocalAddress(InetAddress.getLoopbackAddress())
                .setListenerPort(0)
                .setSocketConfig(SocketConfig.custom().setSoReuseAddress(true).build())
                .setRequestRouter((request, context) -> this::handle)
                .create();
        server.start();
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    long count(String path) {
        AtomicLong c = counts.get(path);
        return c == null ? 0 : c.get();
    }

    /** The next {@code times} requests to {@code path} are answered {@code status} with this body and headers. */
    void fail(String path, int status, String body, Map<String, String> headers, int times) {
        faults.put(path, new Fault(status, body, headers, new AtomicInteger(times)));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close(CloseMode.IMMEDIATE);
        }
    }

    private void handle(ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context) {
        while (frozen) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        String path;
        Map<String, String> params;
        try {
            URIBuilder uri = new URIBuilder(request.getUri());
            path = uri.getPath();
            params = uri.getQueryParams().stream().collect(Collectors.toMap(NameValuePair::getName,
                    p -> p.getValue() == null ? "" : p.getValue(), (a, b) -> b));
        } catch (URISyntaxException e) {
            answer(response, 400, "{\"code\":-1100,\"msg\":\"bad uri\"}");
            return;
        }
        counts.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
        Fault f = faults.get(path);
        if (f != null && f.left().getAndDecrement() > 0) {
            f.headers().forEach(response::setHeader);
            answer(response, f.status(), f.body());
            return;
        }
        response.setHeader("X-Used-Weight", Integer.toString(usedWeight));
        long now = System.currentTimeMillis() + skewMillis;
        switch (path) {
            case "/ping" -> answer(response, 200, "{}");
            case "/held" -> {
                try {
                    held.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(response, 200, "{}");
            }
            case "/time" -> answer(response, 200, "{\"serverTime\":" + now + "}");
            case "/contracts" -> answer(response, 200, "{\"symbols\":[" + symbols.stream().map(s -> String.format(
                    "{\"symbol\":\"%s\",\"base\":\"%s\",\"quote\":\"%s\",\"tick\":\"%s\",\"lot\":\"%s\",\"minNotional\":\"%s\",\"status\":\"%s\"}",
                    s.symbol(), s.base(), s.quote(), s.tick(), s.lot(), s.minNotional(), s.status()))
                    .collect(Collectors.joining(",")) + "]}");
            case "/account", "/order" -> signed(request, response, path, params, now);
            default -> answer(response, 404, "{\"code\":-1,\"msg\":\"no such path\"}");
        }
    }

    private void signed(ClassicHttpRequest request, ClassicHttpResponse response, String path, Map<String, String> params,
                        long now) {
        var key = request.getFirstHeader("X-KEY");
        if (key == null || !KEY.equals(key.getValue())) {
            answer(response, 401, "{\"code\":-2015,\"msg\":\"Invalid API-key\"}");
            return;
        }
        long ts;
        try {
            ts = Long.parseLong(params.getOrDefault("timestamp", ""));
        } catch (NumberFormatException e) {
            answer(response, 400, "{\"code\":-1102,\"msg\":\"timestamp missing\"}");
            return;
        }
        if (Math.abs(ts - now) > 1000) {
            answer(response, 400, "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}");
            return;
        }
        if (path.equals("/account")) {
            answer(response, 200, "{\"balances\":[{\"asset\":\"BTC\",\"free\":\"1.5\",\"locked\":\"0.25\"}]}");
            return;
        }
        String id = params.getOrDefault("clientOrderId", "");
        if (request.getMethod().equals("POST")) {
            orders.put(id, params.get("symbol"));
        } else if (!orders.containsKey(id)) {
            answer(response, 400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}");
            return;
        }
        answer(response, 200, "{\"symbol\":\"" + params.get("symbol") + "\",\"orderId\":\"" + Math.abs(id.hashCode())
                + "\",\"clientOrderId\":\"" + id + "\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"status\":\""
                + (request.getMethod().equals("DELETE") ? "CANCELED" : "NEW") + "\",\"price\":\"" + params.getOrDefault("price", "0")
                + "\",\"quantity\":\"" + params.getOrDefault("quantity", "0") + "\",\"time\":" + now + "}");
    }

    private static void answer(ClassicHttpResponse response, int status, String body) {
        response.setCode(status);
        response.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    }
}
