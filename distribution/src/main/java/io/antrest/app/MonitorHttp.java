package io.antrest.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.antrest.app.config.HttpBind;
import io.antrest.core.Redactor;
import io.antrest.monitor.GatewayState;
import io.antrest.monitor.GatewayStatus;
import io.antrest.monitor.MonitorEngine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * What {@code antrest run} serves for the platform around it, on {@code antrest.monitor.http.bind}:
 * <ul>
 * <li>{@code GET /metrics}: every meter of the registry in Prometheus's text format;</li>
 * <li>{@code GET /health}: each configured gateway's state and why, as JSON; HTTP 200 when every one
 *     is UP, 503 otherwise;</li>
 * <li>{@code GET /health/NAME}: one gateway, 200 when it is UP, 503 otherwise, 404 for a name not configured.</li>
 * </ul>
 * One daemon thread answers; a scrape reads snapshots and never waits on a gateway.
 */
final class MonitorHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorHttp.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final PrometheusMeterRegistry registry;
    private final MonitorEngine monitor;
    private final List<String> gateways;
    private final Function<String, String> notConnected;

    private MonitorHttp(HttpServer server, PrometheusMeterRegistry registry, MonitorEngine monitor, List<String> gateways,
                        Function<String, String> notConnected) {
        this.server = server;
        this.registry = registry;
        this.monitor = monitor;
        this.gateways = List.copyOf(gateways);
        this.notConnected = notConnected;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "antrest-monitor-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", this::metrics);
        server.createContext("/health", this::health);
        server.createContext("/", ex -> send(ex, 404, JSON, error("no such page: " + ex.getRequestURI().getPath()
                + "; there are /metrics, /health and /health/NAME")));
    }

    /**
     * Listens on {@code bind} and starts answering.
     *
     * @param gateways     the configured gateways' names: /health answers for each
     * @param notConnected why a gateway the monitor has not heard of is not connected yet (null when unknown)
     * @throws IOException the address cannot be had (in use: {@link java.net.BindException})
     */
    static MonitorHttp start(HttpBind bind, PrometheusMeterRegistry registry, MonitorEngine monitor, List<String> gateways,
                             Function<String, String> notConnected) throws IOException {
        HttpServer server = HttpServer.create(bind.address(), 16);
        MonitorHttp http = new MonitorHttp(server, requireNonNull(registry), requireNonNull(monitor), gateways, notConnected);
        server.start();
        return http;
    }

    /** The address listened on (the port chosen, when the setting asked for any). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void metrics(HttpExchange ex) throws IOException {
        if (!readOnly(ex) || !exact(ex, "/metrics")) {
            return;
        }
        send(ex, 200, PROMETHEUS_TEXT, registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    private void health(HttpExchange ex) throws IOException {
        if (!readOnly(ex)) {
            return;
        }
        String path = ex.getRequestURI().getPath();
        if (path.equals("/health") || path.equals("/health/")) {
            ObjectNode body = json.createObjectNode();
            ObjectNode each = json.createObjectNode();
            boolean allUp = true;
            for (String g : gateways) {
                GatewayStatus s = status(g);
                allUp &= s.isUp();
                each.set(g, describe(s));
            }
            body.put("status", allUp ? "UP" : "DOWN");
            body.set("gateways", each);
            send(ex, allUp ? 200 : 503, JSON, json.writeValueAsBytes(body));
            return;
        }
        if (!path.startsWith("/health/")) {
            exact(ex, "/health");
            return;
        }
        String name = path.substring("/health/".length());
        if (!gateways.contains(name)) {
            send(ex, 404, JSON, error("no gateway named '" + name + "' is configured; configured: " + gateways));
            return;
        }
        GatewayStatus s = status(name);
        ObjectNode body = describe(s);
        body.put("gateway", name);
        send(ex, s.isUp() ? 200 : 503, JSON, json.writeValueAsBytes(body));
    }

    /** The monitor's view, or DISCONNECTED with the last connection error for a gateway it has not heard of. */
    private GatewayStatus status(String gateway) {
        if (monitor.gateways().contains(gateway)) {
            return monitor.status(gateway);
        }
        String why = notConnected.apply(gateway);
        return new GatewayStatus(gateway, GatewayState.DISCONNECTED, Instant.now(),
                why == null ? "not connected yet" : why, java.util.Optional.empty(), 0);
    }

    private ObjectNode describe(GatewayStatus s) {
        ObjectNode n = json.createObjectNode();
        n.put("state", s.state().name());
        n.put("reason", Redactor.url(s.reason()));
        n.put("since", s.since().toString());
        s.rateLimitedUntil().ifPresent(until -> n.put("rateLimitedUntil", until.toString()));
        if (s.consecutiveFailures() > 0) {
            n.put("consecutiveFailures", s.consecutiveFailures());
        }
        return n;
    }

    private byte[] error(String message) {
        try {
            return json.writeValueAsBytes(Map.of("error", message));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean readOnly(HttpExchange ex) throws IOException {
        String m = ex.getRequestMethod();
        if (m.equals("GET") || m.equals("HEAD")) {
            return true;
        }
        ex.getResponseHeaders().add("Allow", "GET, HEAD");
        send(ex, 405, JSON, error(m + " is not answered here; use GET"));
        return false;
    }

    private boolean exact(HttpExchange ex, String path) throws IOException {
        if (ex.getRequestURI().getPath().equals(path)) {
            return true;
        }
        send(ex, 404, JSON, error("no such page: " + ex.getRequestURI().getPath() + "; there are /metrics, /health and"
                + " /health/NAME"));
        return false;
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        try (ex) {
            ex.getResponseHeaders().add("Content-Type", type);
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(status, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.debug("a monitor HTTP client went away: {}", e.toString());
        }
    }
}
