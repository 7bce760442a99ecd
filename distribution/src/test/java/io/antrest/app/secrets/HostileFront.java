package io.antrest.app.secrets;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A hostile exchange on loopback: it passes every request on to a real venue (the simulator) and
 * answers the ones on chosen paths itself, with a status and body of the test's choosing (an error
 * whose text holds escape sequences and newlines). The gateway connects and verifies its
 * contracts through it as through the real venue, so only the hostile answers differ.
 */
public final class HostileFront implements AutoCloseable {
    /** What a terminal or log must never receive raw: clear the screen, then a forged log line. */
    public static final String HOSTILE_TEXT = "\u001b[2J\u001b[H\nINFO fake log line: order 123 FILLED\r\n";
    /** {@link #HOSTILE_TEXT} as a JSON string's contents (JSON escapes, decoded by the plugin's reader). */
    public static final String HOSTILE_JSON = "\\u001b[2J\\u001b[H\\nINFO fake log line: order 123 FILLED\\r\\n";

    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding",
            "keep-alive", "accept-encoding");

    private final String venue;
    private final Map<String, Answer> answers;
    private HttpServer server;

    /** What a hostile path answers: JSON when the body starts with '{', else an HTML page. */
    public record Answer(int status, String body) {
        ContentType type() {
            return body.startsWith("{") ? ContentType.APPLICATION_JSON : ContentType.TEXT_HTML;
        }
    }

    /**
     * @param venue   the real venue's base URL, e.g. the simulator's Binance URL
     * @param answers by path ({@code POST /api/v3/order}), the answer given instead of the venue's
     */
    public HostileFront(String venue, Map<String, Answer> answers) {
        this.venue = requireNonNull(venue, "venue is null");
        this.answers = Map.copyOf(answers);
    }

    /** Starts listening on a free loopback port. */
    public HostileFront start() throws IOException {
        server = ServerBootstrap.bootstrap()
                .setLocalAddress(InetAddress.getLoopbackAddress())
                .setListenerPort(0)
                .setSocketConfig(SocketConfig.custom().setSoReuseAddress(true).build())
                .setRequestRouter((request, context) -> this::handle)
                .create();
        server.start();
        return this;
    }

    /** This front's base URL, with the venue's path (the BitMEX dialect's {@code /api/v1}) appended. */
    public String url() {
        String path = uri(venue).getPath();
        return "http://127.0.0.1:" + server.getLocalPort() + (path == null ? "" : path);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close(CloseMode.IMMEDIATE);
        }
    }

    private void handle(ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context) throws IOException {
        String target = request.getRequestUri();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Answer hostile = answers.get(request.getMethod() + " " + path);
        if (hostile != null) {
            response.setCode(hostile.status());
            response.setEntity(new StringEntity(hostile.body(), hostile.type()));
            return;
        }
        forward(request, response, target);
    }

    /** Passes the request on to the venue (same method, target, headers and body) and its answer back. */
    private void forward(ClassicHttpRequest request, ClassicHttpResponse response, String target) throws IOException {
        java.net.URI base = uri(venue);
        URL url = new URL("http", base.getHost(), base.getPort(), target);
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setRequestMethod(request.getMethod());
        c.setInstanceFollowRedirects(false);
        for (Header h : request.getHeaders()) {
            if (!HOP_BY_HOP.contains(h.getName().toLowerCase(Locale.ROOT))) {
                c.addRequestProperty(h.getName(), h.getValue());
            }
        }
        HttpEntity entity = request.getEntity();
        if (entity != null) {
            byte[] body = EntityUtils.toByteArray(entity);
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
        }
        int status = c.getResponseCode();
        response.setCode(status);
        for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
            if (h.getKey() != null && !HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                h.getValue().forEach(v -> response.addHeader(h.getKey(), v));
            }
        }
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        byte[] body = in == null ? new byte[0] : in.readAllBytes();
        String type = c.getContentType();
        response.setEntity(new ByteArrayEntity(body, type == null ? ContentType.APPLICATION_JSON : ContentType.parse(type)));
    }

    private static java.net.URI uri(String url) {
        return java.net.URI.create(url);
    }
}
