package io.antrest.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An answer built by a dialect, before faults may change it: status, headers and JSON body. */
final class SimResponse {

    private int status;
    private byte[] body;
    private final List<String[]> headers = new ArrayList<>(6);

    SimResponse(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    static SimResponse json(int status, String json) {
        return new SimResponse(status, json.getBytes(StandardCharsets.UTF_8));
    }

    static SimResponse ok(byte[] body) {
        return new SimResponse(200, body);
    }

    int status() {
        return status;
    }

    byte[] body() {
        return body;
    }

    SimResponse body(byte[] newBody) {
        this.body = newBody;
        return this;
    }

    SimResponse status(int newStatus) {
        this.status = newStatus;
        return this;
    }

    SimResponse header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    List<String[]> headers() {
        return headers;
    }

    String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }
}
