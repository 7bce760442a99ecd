package io.antrest.app.roundtrip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A hostile exchange on loopback that speaks just enough Binance for a gateway to connect:
 * {@code GET /api/v3/time}, {@code /api/v3/ping} and an {@code /api/v3/exchangeInfo} listing the
 * symbols the test gives, with whatever tick sizes it gives (written into the JSON as they are, so
 * {@code 1e2147483647} arrives as a JSON number and {@code "-0.01"} as a string). One connection
 * at a time, each answered and closed.
 */
public final class BinanceListingServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread acceptor;
    private volatile String exchangeInfo = "{\"symbols\":[]}";

    private BinanceListingServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "binance-listing-server");
        acceptor.setDaemon(true);
    }

    /** A started server on a free loopback port. */
    public static BinanceListingServer start() throws IOException {
        BinanceListingServer s = new BinanceListingServer();
        s.acceptor.start();
        return s;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /**
     * Lists these symbols from now on: each {@code {symbol, tickSize}} pair, the tick size written
     * into the JSON verbatim (quote it for a string).
     */
    public BinanceListingServer list(List<String[]> symbolsAndTicks) {
        exchangeInfo = "{\"timezone\":\"UTC\",\"rateLimits\":[],\"symbols\":[" + symbolsAndTicks.stream()
                .map(s -> symbol(s[0], s[1])).collect(Collectors.joining(",")) + "]}";
        return this;
    }

    /** A Binance spot symbol as exchangeInfo lists it (spot API docs, "Filters"), with this tick size. */
    private static String symbol(String name, String tick) {
        return "{\"symbol\":\"" + name + "\",\"status\":\"TRADING\",\"baseAsset\":\"" + name.substring(0, 3)
                + "\",\"quoteAsset\":\"USDT\",\"filters\":["
                + "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.01\",\"maxPrice\":\"1000000.00000000\",\"tickSize\":" + tick + "},"
                + "{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.00001000\",\"maxQty\":\"9000.00000000\",\"stepSize\":\"0.00001000\"},"
                + "{\"filterType\":\"NOTIONAL\",\"minNotional\":\"5.00000000\"}]}";
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                String requestLine = in.readLine();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // headers: not needed
                }
                String path = requestLine == null ? "" : requestLine.split(" ")[1];
                String body = path.startsWith("/api/v3/exchangeInfo") ? exchangeInfo
                        : path.startsWith("/api/v3/time") ? "{\"serverTime\":" + System.currentTimeMillis() + "}" : "{}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            } catch (IOException | RuntimeException e) {
                // a client gone mid-request, or the server closed: the next one is served
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
