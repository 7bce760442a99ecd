package io.antrest.core;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.io.CloseMode;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transport of a client without a proxy when it runs a blocking thread per session
 * ({@link RestClientConfig#ioThreads()} 0; the default is {@link SelectorTransport}): each worker
 * owns one keep-alive HTTP/1.1 connection
 * made with HttpCore 5 (its connection, request executor and protocol interceptors), with no pool
 * to lease from and no execution chain to pass through. That is where the engine's speed comes
 * from: per request there is no lock, no URI parsing and no context to build beyond the one the
 * executor needs.
 *
 * <p>Because the connection is the worker's own, the transport knows exactly whether a request
 * could have reached the exchange: a failure while connecting, or a kept-alive connection found
 * closed by the exchange before use, is reported as {@link NotSentException}. A connection idle
 * for more than {@link #STALE_CHECK_AFTER} is checked before it is reused. TLS verifies the
 * certificate and the hostname, always.
 *
 * <p>A request's time-out bounds its attempt as a whole ({@link AttemptDeadline}): when it runs
 * out, the connection (or the socket still connecting) is closed and the attempt fails with a
 * time-out; the connection is never reused.
 */
final class DirectTransport implements Transport {
    static final Duration STALE_CHECK_AFTER = Duration.ofSeconds(1);
    private static final long STALE_CHECK_AFTER_NANOS = STALE_CHECK_AFTER.toNanos();

    private final RestClientConfig config;
    private final HttpRequestExecutor executor = new HttpRequestExecutor();
    private final Set<Link> sessions = ConcurrentHashMap.newKeySet();
    private final AttemptDeadline deadline;
    private final Endpoint endpoint;

    DirectTransport(RestClientConfig config, AttemptDeadline deadline) {
        this.config = config;
        this.deadline = deadline;
        this.endpoint = new Endpoint(config);
    }

    @Override
    public Session open() {
        Link link = new Link();
        sessions.add(link);
        return link;
    }

    @Override
    public void abort() {
        for (Link l : sessions) {
            l.shut();
        }
    }

    @Override
    public void close() {
        for (Link l : sessions) {
            l.close();
        }
    }

    /** One worker's connection. */
    private final class Link implements Session {
        private volatile DefaultBHttpClientConnection connection;
        private HttpHost connectedTo;
        private long lastUsed;

        @Override
        public Response execute(Request signed, String baseUrl, int attempt) throws IOException {
            BaseUrl t = endpoint.target(baseUrl);
            long start = System.nanoTime();
            AttemptDeadline.Alarm alarm = deadline.arm(signed.timeout());
            try {
                Response response = send(signed, t, start, attempt, alarm);
                if (alarm.disarm()) {
                    // the whole answer came just as the time ran out: it stands, the closed connection goes
                    drop();
                }
                return response;
            } catch (IOException e) {
                throw AttemptDeadline.failure(alarm, signed, e);
            } finally {
                alarm.disarm();
            }
        }

        private Response send(Request signed, BaseUrl t, long start, int attempt, AttemptDeadline.Alarm alarm)
                throws IOException {
            DefaultBHttpClientConnection conn = ready(t, start, alarm);
            alarm.watch(() -> conn.close(CloseMode.IMMEDIATE));
            BasicClassicHttpRequest http = new BasicClassicHttpRequest(signed.method().name(), t.host(), t.target(signed));
            // The headers RequestTargetHost, RequestUserAgent and RequestContent would add, without
            // running an interceptor chain per request.
            http.addHeader(HttpHeaders.HOST, t.hostHeader());
            boolean userAgent = false;
            boolean contentType = false;
            for (Param h : signed.headers()) {
                http.addHeader(h.name(), h.value());
                userAgent |= h.name().equalsIgnoreCase(HttpHeaders.USER_AGENT);
                contentType |= h.name().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE);
            }
            if (!userAgent) {
                http.addHeader(HttpHeaders.USER_AGENT, config.userAgent());
            }
            Body body = signed.body().orElse(null);
            if (body != null) {
                byte[] bytes = body.bytes();
                if (!contentType) {
                    http.addHeader(HttpHeaders.CONTENT_TYPE, body.contentType());
                }
                http.addHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length));
                // the Content-Type header is set above; the entity's own is not sent
                http.setEntity(new ByteArrayEntity(bytes, null));
            } else if (signed.method() == Method.POST || signed.method() == Method.PUT) {
                http.addHeader(HttpHeaders.CONTENT_LENGTH, "0");
            }
            HttpCoreContext context = HttpCoreContext.create();
            try {
                ClassicHttpResponse answer = executor.execute(http, conn, context);
                Response response = AnswerReader.read(answer, signed, config.maxResponseBytes(), start, attempt);
                if (!executor.keepAlive(http, answer, conn, context)) {
                    drop();
                }
                lastUsed = System.nanoTime();
                return response;
            } catch (HttpException e) {
                drop();
                throw new IOException(signed.method() + " " + signed.path() + ": the answer broke the HTTP protocol: "
                        + e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                drop();
                throw e;
            }
        }

        /** An open connection to {@code t}: the kept one if it is still good, else a new one. */
        private DefaultBHttpClientConnection ready(BaseUrl t, long now, AttemptDeadline.Alarm alarm) throws NotSentException {
            DefaultBHttpClientConnection conn = connection;
            if (conn != null) {
                if (!t.host().equals(connectedTo) || !conn.isOpen()) {
                    drop();
                } else if (now - lastUsed > STALE_CHECK_AFTER_NANOS) {
                    try {
                        if (conn.isStale()) {
                            drop();
                        }
                    } catch (IOException e) {
                        drop();
                    }
                }
            }
            if (connection == null) {
                connection = connect(t, alarm);
                connectedTo = t.host();
            }
            return connection;
        }

        /**
         * A new connection. The socket stays in blocking mode: a read with a socket time-out (or
         * a timed connect) would switch it to non-blocking reads for good, three system calls
         * (read, poll, read) for each one. The connect time-out and the attempt's deadline are
         * alarms that close the socket instead.
         */
        private DefaultBHttpClientConnection connect(BaseUrl t, AttemptDeadline.Alarm alarm) throws NotSentException {
            Socket socket = new Socket();
            alarm.watch(socket);
            AttemptDeadline.Alarm connecting = deadline.arm(config.connectTimeout());
            connecting.watch(socket);
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                InetSocketAddress address = new InetSocketAddress(t.host().getHostName(), t.port());
                socket.connect(address);
                if (t.https()) {
                    SSLSocket ssl = (SSLSocket) endpoint.tls().getSocketFactory()
                            .createSocket(socket, t.host().getHostName(), address.getPort(), true);
                    ssl.setSSLParameters(Endpoint.verifyingHostname(ssl.getSSLParameters()));
                    alarm.watch(ssl);
                    connecting.watch(ssl);
                    ssl.startHandshake();
                    socket = ssl;
                }
                if (connecting.disarm()) {
                    throw new SocketTimeoutException("connect timed out");
                }
                DefaultBHttpClientConnection conn = new DefaultBHttpClientConnection(Http1Config.DEFAULT);
                conn.bind(socket);
                return conn;
            } catch (IOException | RuntimeException e) {
                closeQuietly(socket);
                throw endpoint.notConnected(t, e, connecting.disarm());
            }
        }

        private void drop() {
            DefaultBHttpClientConnection conn = connection;
            connection = null;
            connectedTo = null;
            if (conn != null) {
                conn.close(CloseMode.IMMEDIATE);
            }
        }

        /** From another thread: fails whatever this session is blocked on. */
        void shut() {
            DefaultBHttpClientConnection conn = connection;
            if (conn != null) {
                conn.close(CloseMode.IMMEDIATE);
            }
        }

        @Override
        public void close() {
            sessions.remove(this);
            DefaultBHttpClientConnection conn = connection;
            connection = null;
            if (conn != null) {
                try {
                    conn.close();
                } catch (IOException e) {
                    conn.close(CloseMode.IMMEDIATE);
                }
            }
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a socket that failed to connect: nothing left to release
            }
        }
    }
}
