package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OKX v5 authentication as the simulator checks it. Facts from the OKX v5 docs:
 * Overview > REST Authentication > Making Requests (the four OK-ACCESS-* headers, ISO 8601 UTC
 * timestamp with milliseconds, refused when more than 30 seconds from server time with 50102),
 * Overview > REST Authentication > Signature (Base64 of HMAC-SHA256 over timestamp + METHOD +
 * requestPath + body; GET parameters count as requestPath), Overview > Demo Trading Services
 * (x-simulated-trading: 1), and Error Code > REST API > API Class (codes and HTTP statuses).
 */
class OkxAuthTest {

    private static final String KEY = "37c541a1-0000-4000-8000-10fe7a038418";
    /** The SecretKey example of the docs' Signature section. */
    private static final String SECRET = "22582BD0CFF14C41EDBF1AB98506286D";
    private static final String PASSPHRASE = "Passphrase-1";

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private SimExchange sim;

    @BeforeEach
    void start() {
        sim = SimExchange.builder().clock(clock).build().start();
        sim.addOkxKey(KEY, SECRET, PASSPHRASE);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private RawHttp.Reply balance(Map<String, String> headers) throws IOException {
        return RawHttp.once(sim.port(), "GET", "/api/v5/account/balance", headers, null);
    }

    private Map<String, String> headers(String secret, String passphrase, long at, String method, String path,
            String body) {
        return new HashMap<>(TestSigning.okxHeaders(KEY, secret, passphrase, at, method, path, body));
    }

    private static void assertError(RawHttp.Reply reply, int http, String code, String msg) throws IOException {
        assertThat(reply.status()).as(reply.text()).isEqualTo(http);
        JsonNode json = reply.json();
        assertThat(json.get("code").asText()).isEqualTo(code);
        assertThat(json.get("msg").asText()).isEqualTo(msg);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(json.get("data").size()).isZero();
    }

    @Test
    void correctlySignedRequestIsAccepted() throws Exception {
        RawHttp.Reply reply = balance(headers(SECRET, PASSPHRASE, clock.millis(), "GET", "/api/v5/account/balance",
                null));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("code").asText()).isEqualTo("0");
    }

    /**
     * The docs' Signature section gives a message form ({@code timestamp + 'GET' +
     * '/api/v5/account/balance?ccy=BTC'}) and a SecretKey example, and the Demo Trading Services
     * section a header example with a signature, but no complete example (secret, exact message
     * and resulting signature together), so no published signature can be reproduced; this test
     * signs the docs' example message with the docs' example secret and checks that the query
     * string is part of what is signed.
     */
    @Test
    void documentedMessageFormWithQueryStringIsWhatIsSigned() throws Exception {
        String path = "/api/v5/account/balance?ccy=BTC";
        Map<String, String> headers = headers(SECRET, PASSPHRASE, clock.millis(), "GET", path, null);
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET", path, headers, null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().at("/data/0/details/0/ccy").asText()).isEqualTo("BTC");

        RawHttp.Reply otherQuery = RawHttp.once(sim.port(), "GET", "/api/v5/account/balance?ccy=USDT", headers, null);
        assertError(otherQuery, 401, "50113", "Invalid signature.");
        Map<String, String> withoutQuery = headers(SECRET, PASSPHRASE, clock.millis(), "GET",
                "/api/v5/account/balance", null);
        assertError(RawHttp.once(sim.port(), "GET", path, withoutQuery, null), 401, "50113", "Invalid signature.");
    }

    @Test
    void wrongSecretIsAnInvalidSignature() throws Exception {
        assertError(balance(headers("22582BD0CFF14C41EDBF1AB98506286E", PASSPHRASE, clock.millis(), "GET",
                "/api/v5/account/balance", null)), 401, "50113", "Invalid signature.");
    }

    @Test
    void signatureThatIsNotBase64IsAnInvalidSignature() throws Exception {
        Map<String, String> headers = headers(SECRET, PASSPHRASE, clock.millis(), "GET", "/api/v5/account/balance",
                null);
        headers.put("OK-ACCESS-SIGN", "not base64 at all!");
        assertError(balance(headers), 401, "50113", "Invalid signature.");
    }

    @Test
    void wrongPassphraseIsRefused() throws Exception {
        assertError(balance(headers(SECRET, "Passphrase-2", clock.millis(), "GET", "/api/v5/account/balance", null)),
                401, "50105", "Request header \"OK-ACCESS-PASSPHRASE\" incorrect.");
    }

    @Test
    void unknownKeyIsRefused() throws Exception {
        Map<String, String> headers = headers(SECRET, PASSPHRASE, clock.millis(), "GET", "/api/v5/account/balance",
                null);
        headers.put("OK-ACCESS-KEY", "nobody");
        assertError(balance(headers), 401, "50111", "Invalid OK-ACCESS-KEY.");
    }

    @Test
    void timestampMoreThanThirtySecondsFromServerTimeIsExpired() throws Exception {
        long now = clock.millis();
        assertThat(balance(headers(SECRET, PASSPHRASE, now - 30_000, "GET", "/api/v5/account/balance", null))
                .status()).isEqualTo(200);
        assertError(balance(headers(SECRET, PASSPHRASE, now - 30_001, "GET", "/api/v5/account/balance", null)),
                401, "50102", "Timestamp request expired.");
        assertError(balance(headers(SECRET, PASSPHRASE, now + 30_001, "GET", "/api/v5/account/balance", null)),
                401, "50102", "Timestamp request expired.");
        // the same signed request becomes stale as the server's clock moves on
        Map<String, String> fresh = headers(SECRET, PASSPHRASE, now, "GET", "/api/v5/account/balance", null);
        assertThat(balance(fresh).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(31));
        assertError(balance(fresh), 401, "50102", "Timestamp request expired.");
    }

    @Test
    void timestampNotInIsoFormatIsInvalid() throws Exception {
        String millis = Long.toString(clock.millis());
        Map<String, String> headers = headers(SECRET, PASSPHRASE, clock.millis(), "GET", "/api/v5/account/balance",
                null);
        headers.put("OK-ACCESS-TIMESTAMP", millis);
        headers.put("OK-ACCESS-SIGN", TestSigning.okxSign(SECRET, millis, "GET", "/api/v5/account/balance", null));
        assertError(balance(headers), 401, "50112", "Invalid OK-ACCESS-TIMESTAMP.");
    }

    /**
     * Overview > REST Authentication > Making Requests: OK-ACCESS-TIMESTAMP is "ISO 8601 UTC format
     * with millisecond precision, e.g. 2020-12-08T09:08:57.715Z" ("Always use UTC"); the same
     * instant written any other way (no fraction, micro- or nanoseconds, an offset) is 50112
     * "Invalid OK-ACCESS-TIMESTAMP." (Error Code > REST API > API Class, HTTP 401).
     */
    @Test
    void onlyTheDocumentedTimestampFormIsAccepted() throws Exception {
        assertThat(TestSigning.okxTimestamp(clock.millis())).isEqualTo("2023-11-14T22:13:20.000Z");
        for (String other : new String[] {"2023-11-14T22:13:20Z", "2023-11-14T22:13:20.000000Z",
                "2023-11-14T22:13:20.000+00:00", "2023-11-14T23:13:20.000+01:00", "2023-11-14 22:13:20.000Z"}) {
            Map<String, String> headers = headers(SECRET, PASSPHRASE, clock.millis(), "GET",
                    "/api/v5/account/balance", null);
            headers.put("OK-ACCESS-TIMESTAMP", other);
            headers.put("OK-ACCESS-SIGN", TestSigning.okxSign(SECRET, other, "GET", "/api/v5/account/balance", null));
            RawHttp.Reply reply = balance(headers);
            assertThat(reply.status()).as(other + ": " + reply.text()).isEqualTo(401);
            assertError(reply, 401, "50112", "Invalid OK-ACCESS-TIMESTAMP.");
        }
    }

    @Test
    void eachMissingHeaderHasItsCode() throws Exception {
        Map<String, String> codes = Map.of("OK-ACCESS-KEY", "50103", "OK-ACCESS-SIGN", "50106",
                "OK-ACCESS-TIMESTAMP", "50107", "OK-ACCESS-PASSPHRASE", "50104");
        for (Map.Entry<String, String> e : codes.entrySet()) {
            Map<String, String> headers = headers(SECRET, PASSPHRASE, clock.millis(), "GET",
                    "/api/v5/account/balance", null);
            headers.remove(e.getKey());
            assertError(balance(headers), 401, e.getValue(), "Request header \"" + e.getKey() + "\" cannot be empty.");
        }
    }

    @Test
    void tamperedBodyIsAnInvalidSignatureAndPlacesNothing() throws Exception {
        String signed = OkxTestClient.limit("BTC-USDT", "buy", "60000", "0.001", "tamper1");
        String sent = OkxTestClient.limit("BTC-USDT", "buy", "60000", "0.01", "tamper1");
        Map<String, String> headers = headers(SECRET, PASSPHRASE, clock.millis(), "POST", "/api/v5/trade/order",
                signed);
        RawHttp.Reply reply = RawHttp.once(sim.port(), "POST", "/api/v5/trade/order", headers, sent);
        assertError(reply, 401, "50113", "Invalid signature.");
        assertThat(sim.orderAttempts("tamper1")).isEqualTo(1);
        assertThat(sim.ordersPlaced("tamper1")).isZero();
    }

    @Test
    void publicEndpointsNeedNoSignature() throws Exception {
        assertThat(RawHttp.get(sim.port(), "/api/v5/public/time").status()).isEqualTo(200);
        assertThat(RawHttp.get(sim.port(), "/api/v5/public/instruments?instType=SPOT").status()).isEqualTo(200);
        assertError(RawHttp.get(sim.port(), "/api/v5/account/balance"), 401, "50103",
                "Request header \"OK-ACCESS-KEY\" cannot be empty.");
    }

    /**
     * Demo Trading Services: demo-trading requests carry x-simulated-trading: 1; a key used in the
     * other environment gets 50101 "APIKey does not match current environment." (401).
     */
    @Test
    void keysBoundToAnEnvironmentAreRefusedInTheOther() throws Exception {
        sim.addOkxKey("demo-key", SECRET, PASSPHRASE, true);
        sim.addOkxKey("live-key", SECRET, PASSPHRASE, false);
        for (String key : new String[] {"demo-key", "live-key"}) {
            Map<String, String> plain = new HashMap<>(TestSigning.okxHeaders(key, SECRET, PASSPHRASE, clock.millis(),
                    "GET", "/api/v5/account/balance", null));
            Map<String, String> simulated = new HashMap<>(plain);
            simulated.put("x-simulated-trading", "1");
            RawHttp.Reply right = balance(key.equals("demo-key") ? simulated : plain);
            assertThat(right.status()).as(key + ": " + right.text()).isEqualTo(200);
            assertError(balance(key.equals("demo-key") ? plain : simulated), 401, "50101",
                    "APIKey does not match current environment.");
        }
        Map<String, String> either = headers(SECRET, PASSPHRASE, clock.millis(), "GET", "/api/v5/account/balance",
                null);
        either.put("x-simulated-trading", "1");
        assertThat(balance(either).status()).isEqualTo(200);
    }

    @Test
    void demoKeyWorksWithoutConfiguration() throws Exception {
        RawHttp.Reply reply = balance(TestSigning.okxHeaders(SimExchange.DEMO_OKX_API_KEY, SimExchange.DEMO_OKX_SECRET,
                SimExchange.DEMO_OKX_PASSPHRASE, clock.millis(), "GET", "/api/v5/account/balance", null));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(sim.okxUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
    }

    @Test
    void failedAuthenticationAnswersNameNoSecret() throws Exception {
        RawHttp.Reply reply = balance(headers("wrong-secret", "wrong-passphrase", clock.millis(), "GET",
                "/api/v5/account/balance", null));
        assertThat(reply.text()).doesNotContain(SECRET, PASSPHRASE, "wrong-secret", "wrong-passphrase");
    }
}
