package io.antrest.core;

import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.BasicHttpTransportMetrics;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.impl.nio.ChunkDecoder;
import org.apache.hc.core5.http.impl.nio.DefaultHttpResponseFactory;
import org.apache.hc.core5.http.impl.nio.DefaultHttpResponseParser;
import org.apache.hc.core5.http.impl.nio.IdentityDecoder;
import org.apache.hc.core5.http.impl.nio.LengthDelimitedDecoder;
import org.apache.hc.core5.http.nio.ContentDecoder;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The transport of a client without a proxy: a few I/O threads, each waiting on several keep-alive
 * HTTP/1.1 connections at once with a {@link Selector} ({@link Loop}). An I/O thread writes a
 * request as soon as one of its connections is free and reads the answer when it comes, so a busy
 * client pays no thread switch per request; HttpCore 5's non-blocking parser and decoders read the
 * answers, and TLS runs through an {@link SSLEngine} that verifies the certificate and the
 * hostname, always.
 *
 * <p>Whether a request could have reached the exchange is known exactly: the transport counts the
 * request's bytes handed to the socket, and an attempt that failed before the first one (the
 * connection could not be opened, or a kept-alive connection was found broken) is reported as
 * {@link NotSentException}. A kept-alive connection that the exchange closes while idle is seen
 * closed at once, and never used again. Connections are opened (TLS handshake included) on a
 * connecting thread, so a slow exchange never holds up the I/O thread.
 *
 * <p>A request's time-out bounds its attempt as a whole ({@link AttemptDeadline}): when it runs
 * out, the I/O thread closes the connection and the attempt fails with a time-out.
 */
final class SelectorTransport implements AutoCloseable {
    /** Lines (status, headers) of at most 64 KiB, and at most 1 000 headers: a hostile answer cannot fill the memory. */
    static final Http1Config HTTP = Http1Config.custom().setMaxLineLength(64 * 1024).setMaxHeaderCount(1000).build();
    private static final int OP_NONE = 0;

    private final RestClientConfig config;
    private final AttemptDeadline deadline;
    private final ExecutorService connector;
    private final Endpoint endpoint;

    SelectorTransport(String name, RestClientConfig config, AttemptDeadline deadline) {
        this.config = config;
        this.deadline = deadline;
        this.endpoint = new Endpoint(config);
        AtomicInteger n = new AtomicInteger();
        this.connector = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "antrest-" + name + "-connect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A new I/O loop with {@code connections} connections, for one thread to run. */
    Loop loop(int connections) {
        try {
            return new Loop(Selector.open(), connections);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector for the client's I/O: " + e.getMessage(), e);
        }
    }

    /** Stops opening connections; the loops close their own when their threads end. */
    @Override
    public void close() {
        connector.shutdownNow();
    }

    /**
     * One I/O thread's share of the connections and its selector. Everything but {@link #wake},
     * {@link #post} and {@link #abort} runs on the thread that runs the loop.
     */
    final class Loop {
        private final Selector selector;
        private final Conn[] conns;
        private final ArrayDeque<Conn> free = new ArrayDeque<>();
        private final Queue<Runnable> posted = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean sleeping = new AtomicBoolean();
        /** Scratch space for bodies of unknown length. */
        private final ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);

        private Loop(Selector selector, int connections) {
            this.selector = selector;
            this.conns = new Conn[connections];
            for (int i = 0; i < connections; i++) {
                conns[i] = new Conn(this);
                free.push(conns[i]);
            }
        }

        /** Whether a connection is free to send on. */
        boolean hasFree() {
            return !free.isEmpty();
        }

        /** A free connection, now taken: give it back with {@link #release} if nothing was sent on it. */
        Transport.Sender take() {
            Conn c = free.pop();
            c.taken = true;
            return c;
        }

        /** Gives a taken connection back, unless an attempt is under way on it (it comes back by itself then). */
        void release(Transport.Sender sender) {
            Conn c = (Conn) sender;
            if (c.taken && c.ex == null) {
                c.taken = false;
                free.push(c);
            }
        }

        /** Whether an attempt is under way on any connection. */
        boolean busy() {
            return free.size() < conns.length;
        }

        /**
         * Waits up to {@code millis} for answers, or for {@link #wake}, and handles what is ready:
         * answers end their attempts here, on this thread.
         *
         * @param workWaiting whether work waits (asked once the loop is seen waiting: work queued
         *                    after that wakes it); then nothing is waited for
         */
        void poll(long millis, BooleanSupplier workWaiting) throws IOException {
            boolean idle = hasFree();
            if (idle) {
                sleeping.set(true);
            }
            if (idle && workWaiting.getAsBoolean() || !posted.isEmpty()) {
                selector.selectNow(this::ready);
            } else {
                selector.select(this::ready, Math.max(1, millis));
            }
            sleeping.set(false);
            Runnable r;
            while ((r = posted.poll()) != null) {
                r.run();
            }
        }

        /**
         * From any thread: wakes the loop if it waits with a free connection.
         *
         * @return whether it was woken (it will take work now)
         */
        boolean wake() {
            if (sleeping.get() && sleeping.compareAndSet(true, false)) {
                selector.wakeup();
                return true;
            }
            return false;
        }

        /** From any thread: runs {@code task} on the loop's thread, soon. */
        void post(Runnable task) {
            posted.add(task);
            selector.wakeup();
        }

        /** From any thread: fails every attempt under way (the client stops and cannot wait any longer). */
        void abort() {
            post(() -> {
                for (Conn c : conns) {
                    Exchange x = c.ex;
                    if (x != null) {
                        x.closeConnecting();
                        c.fail(x, new IOException("the client stopped and aborted the attempt"));
                    }
                }
            });
        }

        /**
         * On the loop's thread, when it ends: fails what is still under way (only an unexpected
         * error ends a loop with attempts in flight), closes every connection and the selector.
         */
        void close() {
            for (Conn c : conns) {
                Exchange x = c.ex;
                if (x != null) {
                    x.closeConnecting();
                    c.fail(x, new IOException("the client's I/O thread ended"));
                }
                c.drop();
            }
            try {
                selector.close();
            } catch (IOException e) {
                // the selector holds nothing but registrations, all cancelled above
            }
        }

        private void ready(SelectionKey key) {
            Conn c = (Conn) key.attachment();
            if (!key.isValid()) {
                return;
            }
            if (key.isWritable()) {
                Exchange x = c.ex;
                if (x != null) {
                    c.write(x);
                }
            }
            if (key.isValid() && key.isReadable()) {
                c.readable();
            }
        }
    }

    /** One attempt under way on a connection. */
    private static final class Exchange {
        final Request signed;
        final int attempt;
        final Transport.Completion done;
        final long start;
        final AttemptDeadline.Alarm alarm;
        /** The request as bytes, and then as written (encrypted for TLS). */
        ByteBuffer net;
        /** How many bytes of the request went to the socket. */
        long written;
        volatile SocketChannel connecting;
        HttpResponse head;
        ContentDecoder decoder;
        boolean closeAfter;
        byte[] body;
        int bodyLength;

        Exchange(Request signed, int attempt, Transport.Completion done, long start, AttemptDeadline.Alarm alarm) {
            this.signed = signed;
            this.attempt = attempt;
            this.done = done;
            this.start = start;
            this.alarm = alarm;
        }

        void closeConnecting() {
            SocketChannel c = connecting;
            if (c != null) {
                closeQuietly(c);
            }
        }

        String what() {
            return signed.method() + " " + signed.path();
        }
    }

    /** One keep-alive connection of a loop; used only on the loop's thread, but for connecting. */
    private final class Conn implements Transport.Sender {
        private final Loop loop;
        private final InBuffer in = new InBuffer(8 * 1024, HTTP.getMaxLineLength());
        private final DefaultHttpResponseParser<HttpResponse> parser =
                new DefaultHttpResponseParser<>(DefaultHttpResponseFactory.INSTANCE, HTTP);
        private final BasicHttpTransportMetrics metrics = new BasicHttpTransportMetrics();
        private final RequestEncoder encoder = new RequestEncoder();
        private SocketChannel channel;
        private SelectionKey key;
        private ReadableByteChannel wire;
        private TlsWire tlsWire;
        private HttpHost connectedTo;
        boolean taken;
        Exchange ex;

        Conn(Loop loop) {
            this.loop = loop;
        }

        @Override
        public void send(Request signed, String baseUrl, int attempt, Transport.Completion done) {
            BaseUrl t = endpoint.target(baseUrl);
            Exchange x = new Exchange(signed, attempt, done, System.nanoTime(), deadline.arm(signed.timeout()));
            ex = x;
            x.alarm.watch(() -> loop.post(() -> expire(x)));
            try {
                x.net = encoder.encode(signed, t, config.userAgent());
            } catch (RuntimeException e) {
                end(x, null, e);
                return;
            }
            if (channel != null && (!t.host().equals(connectedTo) || !channel.isOpen())) {
                drop();
            }
            if (channel == null) {
                connect(x, t);
                return;
            }
            startWriting(x);
        }

        private void startWriting(Exchange x) {
            parser.reset();
            try {
                if (tlsWire != null) {
                    x.net = tlsWire.wrap(x.net);
                }
            } catch (IOException e) {
                fail(x, e);
                return;
            }
            write(x);
        }

        void write(Exchange x) {
            try {
                while (x.net.hasRemaining()) {
                    int n = channel.write(x.net);
                    if (n == 0) {
                        key.interestOps(SelectionKey.OP_WRITE | SelectionKey.OP_READ);
                        return;
                    }
                    x.written += n;
                }
                key.interestOps(SelectionKey.OP_READ);
            } catch (IOException | RuntimeException e) {
                fail(x, e);
            }
        }

        void readable() {
            Exchange x = ex;
            if (x == null) {
                idleRead();
                return;
            }
            try {
                read(x);
            } catch (HttpException e) {
                fail(x, new IOException(x.what() + ": the answer broke the HTTP protocol: " + e.getMessage(), e));
            } catch (IOException | RuntimeException e) {
                fail(x, e);
            }
        }

        /**
         * Something came on a connection with no request on it: the exchange closed it (or says
         * something unasked, such as a 408 before closing). Either way it is not used again.
         */
        private void idleRead() {
            ByteBuffer b = loop.scratch;
            b.clear();
            try {
                if (wire.read(b) == 0) {
                    return;
                }
            } catch (IOException e) {
                // broken: dropped below
            }
            drop();
        }

        private void read(Exchange x) throws IOException, HttpException {
            while (x.head == null) {
                int r = in.fill(wire);
                HttpResponse head = parser.parse(in, r < 0);
                if (head == null) {
                    if (r < 0) {
                        throw new IOException(x.what() + ": the exchange closed the connection before answering");
                    }
                    if (r == 0) {
                        return;
                    }
                    continue;
                }
                parser.reset();
                int code = head.getCode();
                if (code < 200) {
                    if (code == 101) {
                        throw new ProtocolException("the server switched protocols (HTTP 101) unasked");
                    }
                    continue;
                }
                x.head = head;
                startBody(x, head);
            }
            if (x.decoder != null) {
                readBody(x);
            }
            if (x.decoder == null || x.decoder.isCompleted()) {
                answered(x);
            }
        }

        private void startBody(Exchange x, HttpResponse head) throws HttpException, ResponseTooLargeException {
            int code = head.getCode();
            if (code == 204 || code == 304) {
                return;
            }
            long length = DefaultContentLengthStrategy.INSTANCE.determineLength(head);
            int max = config.maxResponseBytes();
            if (length == ContentLengthStrategy.CHUNKED) {
                x.decoder = new ChunkDecoder(wire, in, HTTP, metrics);
            } else if (length == ContentLengthStrategy.UNDEFINED) {
                x.decoder = new IdentityDecoder(wire, in, metrics);
                x.closeAfter = true;
            } else if (length > max) {
                throw new ResponseTooLargeException(x.signed, max, "declares " + length + " bytes");
            } else if (length > 0) {
                x.decoder = new LengthDelimitedDecoder(wire, in, metrics, length);
                x.body = new byte[(int) length];
            }
        }

        private void readBody(Exchange x) throws IOException {
            int max = config.maxResponseBytes();
            while (!x.decoder.isCompleted()) {
                int n;
                if (x.body != null && x.decoder instanceof LengthDelimitedDecoder) {
                    n = x.decoder.read(ByteBuffer.wrap(x.body, x.bodyLength, x.body.length - x.bodyLength));
                    if (n > 0) {
                        x.bodyLength += n;
                    }
                } else {
                    ByteBuffer b = loop.scratch;
                    b.clear();
                    n = x.decoder.read(b);
                    if (n > 0) {
                        if ((long) x.bodyLength + n > max) {
                            throw new ResponseTooLargeException(x.signed, max, "has no Content-Length and ran past the limit");
                        }
                        if (x.body == null || x.body.length - x.bodyLength < n) {
                            int size = (int) Math.min(max, Math.max(8192L, 2L * (x.bodyLength + n)));
                            x.body = x.body == null ? new byte[size] : Arrays.copyOf(x.body, size);
                        }
                        System.arraycopy(b.array(), 0, x.body, x.bodyLength, n);
                        x.bodyLength += n;
                    }
                }
                if (n == 0) {
                    return;
                }
                if (n < 0 && !x.decoder.isCompleted()) {
                    throw new IOException("the answer to " + x.what() + " ended after " + x.bodyLength + " bytes, cut short");
                }
            }
        }

        private void answered(Exchange x) {
            HttpResponse head = x.head;
            Header[] raw = head.getHeaders();
            List<Param> headers = new ArrayList<>(raw.length);
            for (Header h : raw) {
                headers.add(new Param(h.getName(), h.getValue()));
            }
            byte[] body = x.body == null ? new byte[0]
                    : x.bodyLength == x.body.length ? x.body : Arrays.copyOf(x.body, x.bodyLength);
            Response response = new Response(head.getCode(), headers, body, Duration.ofNanos(System.nanoTime() - x.start),
                    x.attempt);
            // an answer before the whole request was written (a 413, say) leaves the rest unsent: the connection goes
            if (x.closeAfter || in.hasData() || x.net.hasRemaining() || !keepAlive(head)) {
                drop();
            }
            if (x.alarm.disarm()) {
                // the whole answer came just as the time ran out: it stands, the closed connection goes
                drop();
            }
            end(x, response, null);
        }

        private void connect(Exchange x, BaseUrl t) {
            try {
                connector.execute(() -> connectBlocking(x, t));
            } catch (RejectedExecutionException e) {
                end(x, null, new NotSentException(x.what() + " was not sent: the client is stopping", e));
            }
        }

        /**
         * On a connecting thread: a connection, TLS handshake included, made while the channel
         * blocks; the connect time-out is an alarm that closes it.
         */
        private void connectBlocking(Exchange x, BaseUrl t) {
            AttemptDeadline.Alarm connecting = deadline.arm(config.connectTimeout());
            SocketChannel sc = null;
            try {
                sc = SocketChannel.open();
                x.connecting = sc;
                connecting.watch(sc);
                if (ex != x) {
                    // already over (timed out, aborted) before the socket was made
                    closeQuietly(sc);
                    connecting.disarm();
                    return;
                }
                sc.setOption(StandardSocketOptions.TCP_NODELAY, true);
                sc.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                InetSocketAddress address = new InetSocketAddress(t.host().getHostName(), t.port());
                if (address.isUnresolved()) {
                    throw new UnknownHostException(t.host().getHostName());
                }
                sc.connect(address);
                TlsWire w = null;
                if (t.https()) {
                    SSLEngine engine = endpoint.tls().createSSLEngine(t.host().getHostName(), t.port());
                    engine.setUseClientMode(true);
                    engine.setSSLParameters(Endpoint.verifyingHostname(engine.getSSLParameters()));
                    w = new TlsWire(engine, sc);
                    w.handshake();
                }
                if (connecting.disarm()) {
                    throw new SocketTimeoutException("connect timed out");
                }
                sc.configureBlocking(false);
                SocketChannel ready = sc;
                TlsWire tw = w;
                loop.post(() -> connected(x, t, ready, tw));
            } catch (IOException | RuntimeException e) {
                closeQuietly(sc);
                NotSentException failure = endpoint.notConnected(t, e, connecting.disarm());
                loop.post(() -> end(x, null, failure));
            }
        }

        /** On the loop: the connection for {@code x} is made. */
        private void connected(Exchange x, BaseUrl t, SocketChannel sc, TlsWire w) {
            x.connecting = null;
            if (ex != x) {
                closeQuietly(sc);
                return;
            }
            try {
                key = sc.register(loop.selector, OP_NONE, this);
            } catch (ClosedChannelException | RuntimeException e) {
                closeQuietly(sc);
                end(x, null, endpoint.notConnected(t, e, false));
                return;
            }
            channel = sc;
            tlsWire = w;
            wire = w != null ? w : sc;
            connectedTo = t.host();
            in.clear();
            startWriting(x);
        }

        /** On the loop: {@code x}'s time is up. */
        private void expire(Exchange x) {
            if (ex != x) {
                return;
            }
            x.closeConnecting();
            fail(x, new SocketTimeoutException("the attempt's time ran out"));
        }

        /**
         * Ends {@code x} in failure and drops the connection: as not sent when none of the
         * request's bytes went to the socket, as a time-out when its alarm went off.
         */
        void fail(Exchange x, Exception e) {
            if (ex != x) {
                return;
            }
            drop();
            Exception reported = e;
            if (e instanceof IOException io) {
                if (x.written == 0 && !(io instanceof NotSentException)) {
                    io = new NotSentException(x.what() + " was not sent: the connection failed before a byte of it was"
                            + " written (" + e + ")", e);
                }
                reported = AttemptDeadline.failure(x.alarm, x.signed, io);
            } else if (x.alarm.disarm()) {
                reported = x.alarm.timedOut(x.signed, e);
            }
            end(x, null, reported);
        }

        /** Ends {@code x}: the connection is free again, and the completion hears it (once). */
        private void end(Exchange x, Response response, Exception error) {
            if (ex != x) {
                return;
            }
            ex = null;
            x.alarm.disarm();
            loop.release(this);
            x.done.completed(response, error);
        }

        /** Closes the connection; the next attempt opens another. */
        void drop() {
            if (key != null) {
                key.cancel();
                key = null;
            }
            if (channel != null) {
                closeQuietly(channel);
                channel = null;
            }
            wire = null;
            tlsWire = null;
            connectedTo = null;
            in.clear();
            parser.reset();
        }
    }

    /** Whether the connection may carry the next request, as the answer's version and {@code Connection} header say. */
    static boolean keepAlive(HttpResponse head) {
        boolean keepAliveAsked = false;
        for (Header h : head.getHeaders("Connection")) {
            for (String token : h.getValue().split(",")) {
                String tk = token.trim();
                if (tk.equalsIgnoreCase("close")) {
                    return false;
                }
                keepAliveAsked |= tk.equalsIgnoreCase("keep-alive");
            }
        }
        ProtocolVersion v = head.getVersion();
        return v == null || !v.lessEquals(HttpVersion.HTTP_1_0) || keepAliveAsked;
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing is how the attempt is stopped; a failure to close cleanly changes nothing
        }
    }
}
