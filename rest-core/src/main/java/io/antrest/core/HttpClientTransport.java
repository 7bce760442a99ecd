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
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The transport of a client behind an HTTP proxy: Apache HttpClient 5 classic, which tunnels
 * HTTPS through the proxy with {@code CONNECT} and answers its authentication, with pooled
 * keep-alive connections, one per session. Its own retries and redirects are off: the engine
 * decides what is retried. TLS verifies the certificate and the hostname, always.
 *
 * <p>A request's time-out bounds its attempt as a whole ({@link AttemptDeadline}): when it runs
 * out, the execution is cancelled, which throws its pooled connection away.
 */
final class HttpClientTransport implements Transport {
    private final CloseableHttpClient client;
    private final int maxResponseBytes;
    private final ConcurrentMap<Duration, RequestConfig> requestConfigs = new ConcurrentHashMap<>();
    private final AttemptDeadline deadline;
    private volatile BaseUrl target = BaseUrl.of("http://localhost");

    HttpClientTransport(int sessions, ProxyConfig proxy, RestClientConfig config, AttemptDeadline deadline) {
        this.maxResponseBytes = config.maxResponseBytes();
        this.deadline = deadline;
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(sessions)
                .setMaxConnPerRoute(sessions)
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(Tls.context(config)))
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

    @Override
    public Session open() {
        return new Session() {
            @Override
            public Response execute(Request signed, String baseUrl, int attempt) throws IOException {
                return HttpClientTransport.this.execute(signed, baseUrl, attempt);
            }

            @Override
            public void close() {
                // the connections belong to the shared pool, closed with the transport
            }
        };
    }

    private Response execute(Request signed, String baseUrl, int attempt) throws IOException {
        BaseUrl t = target;
        if (!t.url().equals(baseUrl)) {
            t = BaseUrl.of(baseUrl);
            target = t;
        }
        CancellableRequest http = new CancellableRequest(signed.method().name(), t.host(), t.target(signed));
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
        AttemptDeadline.Alarm alarm = deadline.arm(signed.timeout());
        alarm.watch(http::cancel);
        try {
            return client.execute(t.host(), http, context,
                    answer -> AnswerReader.read(answer, signed, maxResponseBytes, start, attempt));
        } catch (IOException e) {
            throw AttemptDeadline.failure(alarm, signed, e);
        } finally {
            alarm.disarm();
        }
    }

    /**
     * A request HttpClient can cancel from another thread: it hands its execution to
     * {@link #setDependency}, and cancelling that discards the connection at once, even in the
     * middle of reading the answer.
     */
    private static final class CancellableRequest extends BasicClassicHttpRequest implements CancellableDependency {
        private Cancellable dependency;
        private boolean cancelled;

        CancellableRequest(String method, HttpHost host, String path) {
            super(method, host, path);
        }

        @Override
        public void setDependency(Cancellable cancellable) {
            boolean cancelNow;
            synchronized (this) {
                dependency = cancellable;
                cancelNow = cancelled;
            }
            if (cancelNow && cancellable != null) {
                cancellable.cancel();
            }
        }

        @Override
        public synchronized boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean cancel() {
            Cancellable d;
            synchronized (this) {
                if (cancelled) {
                    return false;
                }
                cancelled = true;
                d = dependency;
            }
            if (d != null) {
                d.cancel();
            }
            return true;
        }
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    @Override
    public void abort() {
        client.close(CloseMode.IMMEDIATE);
    }
}
