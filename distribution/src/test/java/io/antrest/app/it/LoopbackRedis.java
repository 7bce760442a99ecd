package io.antrest.app.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import redis.embedded.RedisServer;

/**
 * A real Redis server (the redis-server 6.2 binary that {@code com.github.codemonstur:embedded-redis}
 * ships, extracted to a temporary folder under {@code target/}) for the tests of processes that
 * share a budget: bound to 127.0.0.1 on a free port, no persistence, stopped for real (the process
 * killed, the port closed) and started again on the same port. Always close it ({@code
 * try}-with-resources or {@code @AfterAll}), so no server outlives a failed test.
 */
final class LoopbackRedis implements AutoCloseable {
    private static final int ATTEMPTS = 5;
    private static final long SAFETY_MILLIS = TimeUnit.SECONDS.toMillis(10);
    /** The last lines redis-server printed, for the message when it does not start. */
    private static final int KEPT_LINES = 40;

    private final int port;
    private final RedisServer server;
    private final Deque<String> printed = new ArrayDeque<>();

    private LoopbackRedis(int port) throws IOException {
        this.port = port;
        this.server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                // the test kills it, as a crash or a lost machine would
                .onShutdownForceStop(true)
                // read what it prints for as long as it runs, so that a full pipe never blocks it
                .soutListener(this::keep)
                .serrListener(this::keep)
                .build();
    }

    /** Starts a server on a free loopback port; fails with what redis-server printed if it cannot start. */
    static LoopbackRedis start() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            LoopbackRedis redis = new LoopbackRedis(freePort());
            try {
                redis.startAgain();
                return redis;
            } catch (IOException e) {
                // another process took the port between our probe and redis-server's bind: try another
                redis.close();
                last = e;
            }
        }
        throw last;
    }

    /** The port it listens on, the same across {@link #stop()} and {@link #startAgain()}. */
    int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Whether it accepts connections now. */
    boolean isRunning() {
        return server.isActive() && accepts();
    }

    /** Kills the server process and returns once its port refuses connections. */
    void stop() throws IOException {
        server.stop();
        long deadline = System.currentTimeMillis() + SAFETY_MILLIS;
        while (accepts()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("redis-server on 127.0.0.1:" + port + " still accepts connections "
                        + SAFETY_MILLIS + " ms after it was killed");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Starts the server again on the same port, empty (nothing was persisted); returns once it answers PING. */
    void startAgain() throws IOException {
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            throw new IOException("redis-server did not start on 127.0.0.1:" + port + "; it printed:\n" + printed(), e);
        }
        String pong = call("PING");
        if (!"PONG".equals(pong)) {
            throw new IOException("redis-server on 127.0.0.1:" + port + " answered PING with " + pong);
        }
    }

    /**
     * Sends one command and returns the reply: a simple string or bulk string as text (null for a
     * null bulk string), an integer as its digits, an error as {@code -ERR ...}. Arrays are not
     * read (no command the tests send answers one).
     */
    String call(String... command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) SAFETY_MILLIS);
            socket.setSoTimeout((int) SAFETY_MILLIS);
            OutputStream out = socket.getOutputStream();
            StringBuilder resp = new StringBuilder("*").append(command.length).append("\r\n");
            for (String part : command) {
                resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
            }
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String line = line(in);
            switch (line.isEmpty() ? ' ' : line.charAt(0)) {
                case '+', ':' -> {
                    return line.substring(1);
                }
                case '-' -> {
                    return line;
                }
                case '$' -> {
                    int length = Integer.parseInt(line.substring(1));
                    if (length < 0) {
                        return null;
                    }
                    byte[] data = in.readNBytes(length + 2);
                    return new String(data, 0, length, StandardCharsets.UTF_8);
                }
                default -> throw new IOException("unexpected reply from redis-server: " + line);
            }
        }
    }

    /**
     * How many commands the server has processed since it last started ({@code INFO stats},
     * {@code total_commands_processed}): earlier calls of this included, this one not; -1 when it is
     * not running.
     */
    long commandsProcessed() throws IOException {
        if (!isRunning()) {
            return -1;
        }
        String stats = call("INFO", "stats");
        return stats.lines().filter(l -> l.startsWith("total_commands_processed:"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst()
                .orElseThrow(() -> new IOException("redis-server's INFO stats has no total_commands_processed:\n" + stats));
    }

    /** How many clients are subscribed to a channel now (each process sharing a budget keeps one such connection). */
    int subscribers() throws IOException {
        String clients = call("CLIENT", "LIST");
        return (int) clients.lines().filter(l -> l.contains(" sub=") && !l.contains(" sub=0 ")).count();
    }

    /** Waits until {@code count} clients are subscribed; fails after {@code seconds}, naming how many are. */
    void awaitSubscribers(int count, int seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int now = subscribers();
        while (now < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(now + " of " + count + " clients subscribed to redis-server on 127.0.0.1:" + port
                        + " after " + seconds + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            now = subscribers();
        }
    }

    /** Kills the server if it runs; the extracted binary goes when the JVM exits. */
    @Override
    public void close() throws IOException {
        if (server.isActive()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return "LoopbackRedis[" + url() + (server.isActive() ? ", running" : ", stopped") + "]";
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (java.net.SocketException reset) {
            // the server was still on the port, going away as it was killed: it took the connection and dropped it
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not probe 127.0.0.1:" + port, e);
        }
    }

    private void keep(String line) {
        synchronized (printed) {
            if (printed.size() == KEPT_LINES) {
                printed.removeFirst();
            }
            printed.addLast(line);
        }
    }

    private String printed() {
        synchronized (printed) {
            return String.join("\n", printed);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
