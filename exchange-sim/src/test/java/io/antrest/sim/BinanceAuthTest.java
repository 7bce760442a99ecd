package io.antrest.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BinanceAuthTest {

    /** Binance's documentation example: key, secret, parameters, timestamp and signatures. */
    private static final String DOC_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private static final String DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final String DOC_PARAMS =
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private static final String DOC_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";
    private static final long DOC_TIME = 1499827319559L;

    private SimExchange sim;

    private SimExchange start(Clock clock) {
        sim = SimExchange.builder().clock(clock).build().start();
        sim.addBinanceKey(DOC_KEY, DOC_SECRET);
        return sim;
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void documentationExampleSignsToTheDocumentedSignature() {
        assertThat(new HmacSha256(DOC_SECRET).verifyHex(DOC_PARAMS.getBytes(StandardCharsets.US_ASCII), DOC_SIGNATURE))
                .isTrue();
        assertThat(new HmacSha256(DOC_SECRET).verifyHex(DOC_PARAMS.getBytes(StandardCharsets.US_ASCII),
                DOC_SIGNATURE.toUpperCase())).isTrue();
    }

    @Test
    void documentationExampleSentAsRealPostIsAccepted() throws Exception {
        start(Clock.fixed(Instant.ofEpochMilli(DOC_TIME), ZoneOffset.UTC));
        RawHttp.Reply reply = RawHttp.once(sim.port(), "POST", "/api/v3/order", TestSigning.binanceKey(DOC_KEY),
                DOC_PARAMS + "&signature=" + DOC_SIGNATURE);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("symbol").asText()).isEqualTo("LTCBTC");
        assertThat(reply.json().get("status").asText()).isEqualTo("NEW");
        assertThat(reply.json().get("transactTime").asLong()).isEqualTo(DOC_TIME);
    }

    @Test
    void documentationExampleSplitBetweenQueryAndBodyIsAccepted() throws Exception {
        start(Clock.fixed(Instant.ofEpochMilli(DOC_TIME), ZoneOffset.UTC));
        RawHttp.Reply reply = RawHttp.once(sim.port(), "POST",
                "/api/v3/order?symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC", TestSigning.binanceKey(DOC_KEY),
                "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
                        + "&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    }

    @Test
    void oneChangedByteGivesInvalidSignature() throws Exception {
        start(Clock.fixed(Instant.ofEpochMilli(DOC_TIME), ZoneOffset.UTC));
        RawHttp.Reply reply = RawHttp.once(sim.port(), "POST", "/api/v3/order", TestSigning.binanceKey(DOC_KEY),
                DOC_PARAMS.replace("price=0.1", "price=0.2") + "&signature=" + DOC_SIGNATURE);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).isEqualTo("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}");
        assertThat(sim.totalReceived()).isEqualTo(1);
    }

    @Test
    void unknownKeyIsRejectedWith401() throws Exception {
        start(Clock.systemUTC());
        String query = TestSigning.binanceQuery(DOC_SECRET, "", System.currentTimeMillis());
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET", "/api/v3/account?" + query,
                TestSigning.binanceKey("nobody"), null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asInt()).isEqualTo(-2015);
        assertThat(reply.json().get("msg").asText()).isEqualTo("Invalid API-key, IP, or permissions for action.");
    }

    @Test
    void missingKeyHeaderIsRejected() throws Exception {
        start(Clock.systemUTC());
        RawHttp.Reply reply = RawHttp.get(sim.port(),
                "/api/v3/account?" + TestSigning.binanceQuery(DOC_SECRET, "", System.currentTimeMillis()));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").asInt()).isEqualTo(-2014);
    }

    @Test
    void timestampTooFarAheadIsRejected() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        start(clock);
        String query = TestSigning.binanceQuery(DOC_SECRET, "", clock.millis() + 1000);
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET", "/api/v3/account?" + query,
                TestSigning.binanceKey(DOC_KEY), null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).isEqualTo(
                "{\"code\":-1021,\"msg\":\"Timestamp for this request was 1000ms ahead of the server's time.\"}");
        String justInside = TestSigning.binanceQuery(DOC_SECRET, "", clock.millis() + 999);
        assertThat(RawHttp.once(sim.port(), "GET", "/api/v3/account?" + justInside,
                TestSigning.binanceKey(DOC_KEY), null).status()).isEqualTo(200);
    }

    @Test
    void timestampOutsideRecvWindowIsRejected() throws Exception {
        MutableClock clock = new MutableClock(1_700_000_000_000L);
        start(clock);
        String stale = TestSigning.binanceQuery(DOC_SECRET, "", clock.millis() - 5001);
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET", "/api/v3/account?" + stale,
                TestSigning.binanceKey(DOC_KEY), null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asInt()).isEqualTo(-1021);
        assertThat(reply.json().get("msg").asText()).isEqualTo("Timestamp for this request is outside of the recvWindow.");
        String wider = TestSigning.binanceQuery(DOC_SECRET, "recvWindow=10000", clock.millis() - 5001);
        assertThat(RawHttp.once(sim.port(), "GET", "/api/v3/account?" + wider,
                TestSigning.binanceKey(DOC_KEY), null).status()).isEqualTo(200);
    }

    /**
     * rest-api.md, "Timing security": "Maximum recvWindow is 60000 milliseconds", with "up to three
     * decimal places". errors.md no longer lists -1131 (BAD_RECV_WINDOW, CHANGELOG 2019-08-15); a value
     * over the maximum is -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED, "'%s' contains unexpected value.
     * Cannot be greater than %s.".
     */
    @Test
    void recvWindowAboveSixtySecondsIsRejected() throws Exception {
        start(Clock.systemUTC());
        String query = TestSigning.binanceQuery(DOC_SECRET, "recvWindow=60001", System.currentTimeMillis());
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET", "/api/v3/account?" + query,
                TestSigning.binanceKey(DOC_KEY), null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text())
                .isEqualTo("{\"code\":-1102,\"msg\":\"'recvWindow' contains unexpected value. Cannot be greater than 60000.\"}");
        String micros = TestSigning.binanceQuery(DOC_SECRET, "recvWindow=59999.999", System.currentTimeMillis());
        assertThat(RawHttp.once(sim.port(), "GET", "/api/v3/account?" + micros, TestSigning.binanceKey(DOC_KEY), null)
                .status()).isEqualTo(200);
    }

    @Test
    void missingSignatureAndTimestampAreNamed() throws Exception {
        start(Clock.systemUTC());
        RawHttp.Reply noTimestamp = RawHttp.once(sim.port(), "GET", "/api/v3/account",
                TestSigning.binanceKey(DOC_KEY), null);
        assertThat(noTimestamp.json().get("code").asInt()).isEqualTo(-1102);
        assertThat(noTimestamp.json().get("msg").asText()).contains("'timestamp'");
        RawHttp.Reply noSignature = RawHttp.once(sim.port(), "GET",
                "/api/v3/account?timestamp=" + System.currentTimeMillis(), TestSigning.binanceKey(DOC_KEY), null);
        assertThat(noSignature.json().get("msg").asText()).contains("'signature'");
    }

    @Test
    void ed25519KeyIsCheckedWithItsPublicKey() throws Exception {
        start(Clock.systemUTC());
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        sim.addBinanceKey("ed-key", pair.getPublic());
        assertThat(accountWithAsymmetricKey("ed-key", pair, "Ed25519", false)).isEqualTo(200);
        assertThat(accountWithAsymmetricKey("ed-key", pair, "Ed25519", true)).isEqualTo(400);
    }

    @Test
    void rsaKeyIsCheckedWithItsPublicKey() throws Exception {
        start(Clock.systemUTC());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        sim.addBinanceKey("rsa-key", pair.getPublic());
        assertThat(accountWithAsymmetricKey("rsa-key", pair, "SHA256withRSA", false)).isEqualTo(200);
        assertThat(accountWithAsymmetricKey("rsa-key", pair, "SHA256withRSA", true)).isEqualTo(400);
    }

    private int accountWithAsymmetricKey(String apiKey, KeyPair pair, String algorithm, boolean tamper)
            throws Exception {
        String payload = "omitZeroBalances=true&timestamp=" + System.currentTimeMillis();
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(pair.getPrivate());
        signer.update(payload.getBytes(StandardCharsets.US_ASCII));
        String signature = Base64.getEncoder().encodeToString(signer.sign());
        String sent = tamper ? payload.replace("true", "TRUE") : payload;
        RawHttp.Reply reply = RawHttp.once(sim.port(), "GET",
                "/api/v3/account?" + sent + "&signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8),
                Map.of("X-MBX-APIKEY", apiKey), null);
        if (tamper) {
            assertThat(reply.json().get("code").asInt()).isEqualTo(-1022);
        }
        return reply.status();
    }
}
