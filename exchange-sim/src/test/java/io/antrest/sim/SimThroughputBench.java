package io.antrest.sim;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Throughput benchmark (not a unit test): N keep-alive connections each send signed
 * {@code GET /api/v3/account} requests back to back, every one signed afresh with the current
 * time, and the requests per second the simulator answered (all 200) are printed.
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java -cp "exchange-sim/target/test-classes:distribution/target/antrest/lib/*" \
 *      io.antrest.sim.SimThroughputBench [connections=8] [seconds=10]
 * </pre>
 */
public final class SimThroughputBench {

    private SimThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (SimExchange sim = SimExchange.builder().binanceWeightLimit(Integer.MAX_VALUE).build().start()) {
            String key = SimExchange.DEMO_BINANCE_API_KEY;
            String secret = SimExchange.DEMO_BINANCE_SECRET;
            LongAdder ok = new LongAdder();
            LongAdder failed = new LongAdder();
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean running = new AtomicBoolean(true);
            CountDownLatch done = new CountDownLatch(connections);
            for (int i = 0; i < connections; i++) {
                Thread t = new Thread(() -> {
                    try {
                        drive(sim.port(), key, secret, running, measuring, ok, failed);
                    } catch (IOException e) {
                        failed.increment();
                    } finally {
                        done.countDown();
                    }
                }, "bench-" + i);
                t.start();
            }
            Thread.sleep(3_000); // warm-up: let the JIT compile the hot path before measuring
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long okCount = ok.sum();
            double elapsed = (System.nanoTime() - start) / 1e9;
            running.set(false);
            done.await();
            System.out.printf("connections=%d seconds=%.1f requests=%d failed=%d throughput=%.0f req/s (cores=%d)%n",
                    connections, elapsed, okCount, failed.sum(), okCount / elapsed,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static void drive(int port, String key, String secret, AtomicBoolean running, AtomicBoolean measuring,
            LongAdder ok, LongAdder failed) throws IOException {
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        HexFormat hex = HexFormat.of();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            byte[] buffer = new byte[16 * 1024];
            while (running.get()) {
                String params = "omitZeroBalances=true&timestamp=" + System.currentTimeMillis();
                String signature = hex.formatHex(mac.doFinal(params.getBytes(StandardCharsets.US_ASCII)));
                String request = "GET /api/v3/account?" + params + "&signature=" + signature + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nX-MBX-APIKEY: " + key + "\r\n\r\n";
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                int status = readResponse(in, buffer);
                if (measuring.get()) {
                    if (status == 200) {
                        ok.increment();
                    } else {
                        failed.increment();
                    }
                }
            }
        }
    }

    /** Reads one response (status line, headers, Content-Length body); returns its status. */
    private static int readResponse(InputStream in, byte[] buffer) throws IOException {
        int status = -1;
        int contentLength = 0;
        int lineLength = 0;
        boolean firstLine = true;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c == '\n') {
                String line = new String(buffer, 0, lineLength > 0 && buffer[lineLength - 1] == '\r'
                        ? lineLength - 1 : lineLength, StandardCharsets.ISO_8859_1);
                lineLength = 0;
                if (firstLine) {
                    status = Integer.parseInt(line.substring(9, 12));
                    firstLine = false;
                } else if (line.isEmpty()) {
                    break;
                } else if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    contentLength = Integer.parseInt(line.substring(15).strip());
                }
            } else if (lineLength < buffer.length) {
                buffer[lineLength++] = (byte) c;
            }
        }
        int remaining = contentLength;
        while (remaining > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("body cut");
            }
            remaining -= n;
        }
        return status;
    }
}
