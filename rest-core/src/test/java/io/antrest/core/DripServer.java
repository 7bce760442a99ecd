package io.antrest.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile server on loopback: a request whose target contains {@code /drip} is answered one
 * byte at a time, one byte every {@code dripMillis}, for ever (the headers at once and then an
 * endless chunked body, or with {@code dripHeaders} the status line itself byte by byte), so
 * that no single read ever waits long; any other request gets a small JSON answer. Counts the
 * connections it accepted.
 */
final class DripServer implements AutoCloseable {
    private final ServerSocket server;
    private final long dripMillis;
    private final boolean dripHeaders;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    DripServer(long dripMillis, boolean dripHeaders) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.dripMillis = dripMillis;
        this.dripHeaders = dripHeaders;
        this.acceptor = new Thread(this::accept, "drip-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "drip-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                if (!head.lines().findFirst().orElse("").contains("/drip")) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                String headers = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
                if (dripHeaders) {
                    for (byte b : headers.getBytes(StandardCharsets.US_ASCII)) {
                        drip(out, new byte[] {b});
                    }
                } else {
                    out.write(headers.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                while (true) {
                    drip(out, "1\r\n ".getBytes(StandardCharsets.US_ASCII));
                    drip(out, "\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up on the drip: that is the point
        }
    }

    private void drip(OutputStream out, byte[] bytes) throws IOException, InterruptedException {
        for (byte b : bytes) {
            Thread.sleep(dripMillis);
            out.write(b);
            out.flush();
        }
    }

    /** The request line and headers (no body is expected), or null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
                return sb.toString();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
