package io.antrest.sim;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A deliberately small HTTP/1.1 client over one keep-alive socket: it sends exactly the bytes a
 * test asks for (signatures depend on them), never retries, and tells a reset connection
 * (SocketException) from one closed without an answer (EOFException).
 */
final class RawHttp implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One answer. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() throws IOException {
            return MAPPER.readTree(body);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    /** Sends one request on a fresh connection and reads its answer. */
    static Reply once(int port, String method, String target, Map<String, String> headers, String body)
            throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            return http.send(method, target, headers, body);
        }
    }

    static Reply get(int port, String target) throws IOException {
        return once(port, "GET", target, Map.of(), null);
    }

    Reply send(String method, String target, Map<String, String> headers, String body) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        Map<String, String> all = new LinkedHashMap<>(headers);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
            all.put("Content-Length", Integer.toString(bytes.length));
        }
        all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
        return read();
    }

    Reply read() throws IOException {
        String status = line();
        if (status == null) {
            throw new EOFException("connection closed without an answer");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = line()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("body cut after " + body.length + " of " + length + " bytes");
        }
        return new Reply(code, headers, body);
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(c);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
