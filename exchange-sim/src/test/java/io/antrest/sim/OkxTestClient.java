package io.antrest.sim;

import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Signed OKX requests to a simulator for the tests, over one keep-alive connection, signed with
 * {@link TestSigning} (the tests' own signing code, not the simulator's).
 */
final class OkxTestClient implements AutoCloseable {

    private final RawHttp http;
    private final Clock clock;
    private final String apiKey;
    private final String secret;
    private final String passphrase;

    OkxTestClient(SimExchange sim, Clock clock, String apiKey, String secret, String passphrase) throws IOException {
        this.http = new RawHttp(sim.port());
        this.clock = clock;
        this.apiKey = apiKey;
        this.secret = secret;
        this.passphrase = passphrase;
    }

    RawHttp.Reply get(String pathWithQuery) throws IOException {
        return send("GET", pathWithQuery, null, Map.of());
    }

    RawHttp.Reply post(String path, String jsonBody) throws IOException {
        return send("POST", path, jsonBody, Map.of());
    }

    RawHttp.Reply send(String method, String pathWithQuery, String jsonBody, Map<String, String> extraHeaders)
            throws IOException {
        Map<String, String> headers = new HashMap<>(TestSigning.okxHeaders(apiKey, secret, passphrase, clock.millis(),
                method, pathWithQuery, jsonBody));
        headers.putAll(extraHeaders);
        return http.send(method, pathWithQuery, headers, jsonBody);
    }

    /** A limit order body: {"instId":..,"tdMode":"cash","side":..,"ordType":"limit","px":..,"sz":..[,"clOrdId":..]}. */
    static String limit(String instId, String side, String px, String sz, String clOrdId) {
        return "{\"instId\":\"" + instId + "\",\"tdMode\":\"cash\",\"side\":\"" + side
                + "\",\"ordType\":\"limit\",\"px\":\"" + px + "\",\"sz\":\"" + sz + "\""
                + (clOrdId == null ? "" : ",\"clOrdId\":\"" + clOrdId + "\"") + "}";
    }

    /** A market order body. */
    static String market(String instId, String side, String sz, String clOrdId) {
        return "{\"instId\":\"" + instId + "\",\"tdMode\":\"cash\",\"side\":\"" + side
                + "\",\"ordType\":\"market\",\"sz\":\"" + sz + "\""
                + (clOrdId == null ? "" : ",\"clOrdId\":\"" + clOrdId + "\"") + "}";
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
