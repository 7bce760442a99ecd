package io.antrest.core;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Sends one signed attempt with Apache HttpClient 5 (classic, pooled keep-alive connections,
 * one per session) and reads the answer, capped in size. Its own retries and redirects are off:
 * the engine decides what is retried. TLS verification is HttpClient's default and cannot be
 * turned off.
 */
final class HttpTransport implements AutoCloseable {
    private final CloseableHttpClient client;
    private final int maxResponseBytes;
    private final ConcurrentMap<Duration, RequestConfig> requestConfigs = new ConcurrentHashMap<>();
    private volatile Target target = new Target("http://localhost");

    /** The base URL split once into the host the client connects to and the path prefix. */
    private static final class Target {
        final String baseUrl;
        final HttpHost host;
        final String basePath;

        Target(String baseUrl) {
            URI uri = URI.create(baseUrl);
            this.baseUrl = baseUrl;
            this.host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
            String p = uri.getRawPath();
            this.basePath = p == null || p.equals("/") ? "" : (p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
        }
    }

    HttpTransport(int sessions, ProxyConfig proxy, RestClientConfig config) {
        this.maxResponseBytes = config.maxResponseBytes();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(sessions)
                .setMaxConnPerRoute(sessions)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(config.connectTimeout()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                .build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .setUserAgent(config.userAgent());
        if (proxy != null) {
            HttpHost proxyHost = new HttpHost("http", proxy.host(), proxy.port());
            builder.setProxy(proxyHost);
            if (proxy.hasCredentials()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(new AuthScope(proxyHost),
                        new UsernamePasswordCredentials(proxy.username(), proxy.password().toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        this.client = builder.build();
    }

    /** Sends {@code signed} to {@code baseUrl} and reads the answer. */
    Response execute(Request signed, String baseUrl, int attempt) throws IOException {
        Target t = target;
        if (!t.baseUrl.equals(baseUrl)) {
            t = new Target(baseUrl);
            target = t;
        }
        BasicClassicHttpRequest http = new BasicClassicHttpRequest(signed.method().name(), t.host, t.basePath + signed.pathWithQuery());
        for (Param h : signed.headers()) {
            http.addHeader(h.name(), h.value());
        }
        Body body = signed.body().orElse(null);
        if (body != null) {
            http.setEntity(new ByteArrayEntity(body.bytes(), ContentType.parse(body.contentType())));
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfigs.computeIfAbsent(signed.timeout(), d -> RequestConfig.custom()
                .setResponseTimeout(Timeout.of(d))
                .setConnectionRequestTimeout(Timeout.of(d))
                .build()));
        long start = System.nanoTime();
        return client.execute(t.host, http, context, answer -> {
            byte[] bytes = read(answer.getEntity(), signed);
            Header[] raw = answer.getHeaders();
            List<Param> headers = new ArrayList<>(raw.length);
            for (Header h : raw) {
                headers.add(new Param(h.getName(), h.getValue()));
            }
            return new Response(answer.getCode(), headers, bytes, Duration.ofNanos(System.nanoTime() - start), attempt);
        });
    }

    private byte[] read(HttpEntity entity, Request request) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        long declared = entity.getContentLength();
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return new byte[0];
            }
            if (declared > maxResponseBytes) {
                throw tooLarge(in, request, "declares " + declared + " bytes");
            }
            if (declared >= 0) {
                return in.readNBytes((int) declared);
            }
            byte[] buf = new byte[8192];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (n >= maxResponseBytes) {
                        if (in.read() < 0) {
                            break;
                        }
                        throw tooLarge(in, request, "has no Content-Length and ran past the limit");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min((long) maxResponseBytes, Math.max(8192L, 2L * n)));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return n == buf.length ? buf : Arrays.copyOf(buf, n);
        }
    }

    /**
     * Gives up on an answer over the limit. Closing its stream normally would read the rest of it
     * to keep the connection for the next request: a 64 MiB answer would be read in full and an
     * endless one never finished. Aborting closes the connection at once instead; the pool opens a
     * new one for the next request.
     */
    private TooLarge tooLarge(InputStream in, Request request, String what) {
        if (in instanceof EofSensorInputStream sensor) {
            try {
                sensor.abort();
            } catch (IOException e) {
                // The connection is being thrown away; failing to close it cleanly changes nothing.
            }
        }
        return new TooLarge(request, maxResponseBytes, what);
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    /** Aborts what is in flight. */
    void abort() {
        client.close(CloseMode.IMMEDIATE);
    }

    /** An answer over the size limit: not retried, reported as a malformed response. */
    static final class TooLarge extends IOException {
        TooLarge(Request request, int limit, String what) {
            super("the answer to " + request.method() + " " + request.path() + " " + what + ", more than maxResponseBytes ("
                    + limit + " bytes): it was cut off there and its connection closed; ask for less (e.g. one symbol, a"
                    + " smaller limit) or raise RestClientConfig.maxResponseBytes (antrest.client.max-response-bytes)");
        }
    }
}
