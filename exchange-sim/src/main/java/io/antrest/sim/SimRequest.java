package io.antrest.sim;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;

/** One request as the simulator received it: raw target, raw body and lazily parsed form parameters. */
final class SimRequest {

    private final ClassicHttpRequest request;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final byte[] body;
    private final String remoteHost;
    private Map<String, String> params;
    private String duplicateParam;
    private String bodyLatin1;
    private Object attachment;

    SimRequest(ClassicHttpRequest request, String method, String path, String rawQuery, byte[] body, String remoteHost) {
        this.request = request;
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.body = body;
        this.remoteHost = remoteHost;
    }

    String method() {
        return method;
    }

    /** The path without its query string. */
    String path() {
        return path;
    }

    /** The query string exactly as received, without '?', or "" when there is none. */
    String rawQuery() {
        return rawQuery;
    }

    /** The path followed by '?' and the raw query when there is one, exactly as received. */
    String pathWithQuery() {
        return rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    byte[] body() {
        return body;
    }

    /** The body as a one-byte-per-char string, so that its bytes survive a round trip unchanged. */
    String bodyLatin1() {
        if (bodyLatin1 == null) {
            bodyLatin1 = new String(body, StandardCharsets.ISO_8859_1);
        }
        return bodyLatin1;
    }

    /** Whatever the dialect parsed once and wants to keep for this request (BitMEX: its parameters). */
    Object attachment() {
        return attachment;
    }

    void attach(Object value) {
        this.attachment = value;
    }

    String remoteHost() {
        return remoteHost;
    }

    String header(String name) {
        Header h = request.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    boolean isFormBody() {
        if (body.length == 0) {
            return false;
        }
        String type = header("Content-Type");
        return type == null || type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
    }

    boolean isJsonBody() {
        String type = header("Content-Type");
        return body.length > 0 && type != null && type.regionMatches(true, 0, "application/json", 0, 16);
    }

    /**
     * Query and form-body parameters; a name in both keeps the query string's value (as Binance
     * documents).
     */
    Map<String, String> params() {
        if (params == null) {
            Map<String, String> map = new HashMap<>(16);
            duplicateParam = Codec.parseForm(rawQuery, map);
            if (isFormBody()) {
                Map<String, String> fromBody = new HashMap<>(16);
                String dup = Codec.parseForm(new String(body, StandardCharsets.UTF_8), fromBody);
                if (duplicateParam == null) {
                    duplicateParam = dup;
                }
                fromBody.forEach(map::putIfAbsent);
            }
            params = map;
        }
        return params;
    }

    String param(String name) {
        return params().get(name);
    }

    /** A parameter sent more than once in the query string or in the body, or null. */
    String duplicateParam() {
        params();
        return duplicateParam;
    }
}
