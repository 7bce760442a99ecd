package io.antrest.core;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server on loopback for the engine's tests: keep-alive, one thread per
 * connection, records every request (and the connection it came on), counts how many are in
 * flight at once, and can answer, close without answering, reset the connection, or stream a
 * huge or endless body, as the test's handler says.
 */
final class LoopbackServer implements AutoCloseable {

    /** One request as the server read it, and the number of the connection it came on (from 1). */
    record Received(String method, String target, Map<String, String> headers, String body, long nanoTime, int connection) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }
    }

    /** What to do with a request; {@code streamBytes} is the body length of a STREAM reply. */
    record Reply(int status, Map<String, String> headers, String body, long delayMillis, Action action, long streamBytes) {
        enum Action { ANSWER, CLOSE, RESET, STREAM, STREAM_CHUNKED }

        Reply(int status, Map<String, String> headers, String body, long delayMillis, Action action) {
            this(status, headers, body, delayMillis, action, 0);
        }

        /** A 200 whose body of {@code bytes} bytes is declared in Content-Length and written as fast as the client reads. */
        static Reply streamed(long bytes) {
            return new Reply(200, Map.of("Content-Type", "application/json"), "", 0, Action.STREAM, bytes);
        }

        /** A 200 with a chunked body that never ends: the server writes until the connection fails. */
        static Reply endlessChunked() {
            return new Reply(200, Map.of("Content-Type", "application/json"), "", 0, Action.STREAM_CHUNKED, Long.MAX_VALUE);
        }

        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, 0, Action.ANSWER);
        }

        static Reply ok(String body) {
            return json(200, body);
        }

        static Reply close() {
            return new Reply(0, Map.of(), "", 0, Action.CLOSE);
        }

        static Reply reset() {
            return new Reply(0, Map.of(), "", 0, Action.RESET);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delayMillis, action, streamBytes);
        }

        Reply delayed(long millis) {
            return new Reply(status, headers, body, millis, action, streamBytes);
        }
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicLong streamedBytes = new AtomicLong();
    private final AtomicInteger streamsEnded = new AtomicInteger();
    private final Map<Thread, Boolean> threads = new ConcurrentHashMap<>();
    private volatile Function<Received, Reply> handler;
    private volatile boolean open = true;

    LoopbackServer(Function<Received, Reply> handler) throws IOException {
        this.handler = handler;
        this.socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "loopback-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    int port() {
        return socket.getLocalPort();
    }

    void handler(Function<Received, Reply> handler) {
        this.handler = handler;
    }

    List<Received> received() {
        return Collections.unmodifiableList(new ArrayList<>(received));
    }

    long count(String path) {
        return received.stream().filter(r -> r.path().equals(path)).count();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    /** How many body bytes STREAM replies got written before they ended or their connection failed. */
    long streamedBytes() {
        return streamedBytes.get();
    }

    /** How many STREAM replies have stopped writing (finished, or their connection failed). */
    int streamsEnded() {
        return streamsEnded.get();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket s = socket.accept();
                connections.add(s);
                int number = connectionCount.incrementAndGet();
                Thread t = new Thread(() -> serve(s, number), "loopback-conn");
                t.setDaemon(true);
                threads.put(t, true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int number) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (open) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                String[] parts = requestLine.split(" ");
                Map<String, String> headers = new LinkedHashMap<>();
                String h;
                while ((h = line(in)) != null && !h.isEmpty()) {
                    int c = h.indexOf(':');
                    headers.put(h.substring(0, c).trim().toLowerCase(Locale.ROOT), h.substring(c + 1).trim());
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                byte[] body = in.readNBytes(length);
                Received r = new Received(parts[0], parts[1], headers, new String(body, StandardCharsets.UTF_8), System.nanoTime(),
                        number);
                received.add(r);
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                Reply reply;
                try {
                    reply = handler.apply(r);
                    if (reply.delayMillis() > 0) {
                        Thread.sleep(reply.delayMillis());
                    }
                } catch (InterruptedException e) {
                    return;
                } finally {
                    inFlight.decrementAndGet();
                }
                switch (reply.action()) {
                    case CLOSE -> {
                        return;
                    }
                    case RESET -> {
                        s.setSoLinger(true, 0);
                        return;
                    }
                    case STREAM, STREAM_CHUNKED -> {
                        try {
                            stream(out, reply);
                        } finally {
                            streamsEnded.incrementAndGet();
                        }
                    }
                    default -> write(out, reply);
                }
            }
        } catch (SocketException closed) {
            // the client went away
        } catch (IOException e) {
            // the test decides what matters; a broken connection is one of the things it tests
        }
    }

    private static void write(OutputStream out, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(" X\r\n");
        reply.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (reply.status() != 204) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (reply.status() != 204) {
            out.write(body);
        }
        out.flush();
    }

    private void stream(OutputStream out, Reply reply) throws IOException {
        boolean chunked = reply.action() == Reply.Action.STREAM_CHUNKED;
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(" X\r\n");
        reply.headers().forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + reply.streamBytes() + "\r\n").append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) '1');
        byte[] chunkHead = (Integer.toHexString(block.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        long left = reply.streamBytes();
        while (left > 0 && open) {
            int n = (int) Math.min(block.length, left);
            if (chunked) {
                out.write(chunkHead);
                out.write(block);
                out.write(crlf);
            } else {
                out.write(block, 0, n);
            }
            streamedBytes.addAndGet(n);
            left -= n;
        }
        if (chunked && open) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                buf.write(b);
            }
        }
        if (b < 0 && buf.size() == 0) {
            return null;
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        open = false;
        socket.close();
        for (Socket s : connections) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
