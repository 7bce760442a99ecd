package io.antrest.gateway.binance;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.KeyType;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceSignerTest {
    /** Binance's documented example (SIGNED endpoint examples for POST /api/v3/order, HMAC key). */
    static final String DOC_API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String DOC_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    static final String DOC_PAYLOAD = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
            + "&recvWindow=5000&timestamp=1499827319559";
    static final String DOC_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";
    static final Instant DOC_TIME = Instant.ofEpochMilli(1499827319559L);

    private static Exchange exchange(Credentials credentials) {
        return new BinanceProvider().create(ExchangeSettings.builder().credentials(credentials).build());
    }

    private static SigningContext at(Instant time) {
        return new SigningContext(BinanceExchange.LIVE_URL, 1, Clock.fixed(time, ZoneOffset.UTC));
    }

    private static Request.Builder docOrder() {
        return Request.post("/api/v3/order").param("symbol", "LTCBTC").param("side", "BUY").param("type", "LIMIT")
                .param("timeInForce", "GTC").param("quantity", "1").param("price", "0.1");
    }

    @Test
    void signsBinanceDocumentationExampleExactly() {
        RequestSigner signer = exchange(Credentials.hmac(DOC_API_KEY, DOC_SECRET)).signer();
        Request signed = signer.sign(docOrder().param("recvWindow", "5000").build(), at(DOC_TIME));

        assertThat(signed.queryString()).isEqualTo(DOC_PAYLOAD + "&signature=" + DOC_SIGNATURE);
        assertThat(signed.header("X-MBX-APIKEY")).contains(DOC_API_KEY);
        assertThat(signed.param("signature")).contains(DOC_SIGNATURE);
    }

    /**
     * rest-api.md, "SIGNED Endpoint Examples for POST /api/v3/order", HMAC Keys, the example with a
     * symbol of non-ASCII characters: the payload is percent-encoded before it is signed.
     */
    @Test
    void signsTheDocumentationsNonAsciiExampleOverThePercentEncodedPayload() {
        RequestSigner signer = exchange(Credentials.hmac(DOC_API_KEY, DOC_SECRET)).signer();
        Request order = Request.post("/api/v3/order").param("symbol", "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16")
                .param("side", "BUY").param("type", "LIMIT").param("timeInForce", "GTC").param("quantity", "1")
                .param("price", "0.1").param("recvWindow", "5000").build();

        Request signed = signer.sign(order, at(DOC_TIME));

        assertThat(signed.queryString()).isEqualTo("symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96"
                + "&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
                + "&signature=e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3");
    }

    @Test
    void addsDefaultRecvWindowAndTimestampInDocumentationOrder() {
        RequestSigner signer = exchange(Credentials.hmac(DOC_API_KEY, DOC_SECRET)).signer();
        Request signed = signer.sign(docOrder().build(), at(DOC_TIME));

        assertThat(signed.queryString()).isEqualTo(DOC_PAYLOAD + "&signature=" + DOC_SIGNATURE);
    }

    @Test
    void signingIsDeterministicForAFixedClockAndFreshOnEveryAttempt() {
        RequestSigner signer = exchange(Credentials.hmac(DOC_API_KEY, DOC_SECRET)).signer();
        Request order = docOrder().build();
        Request first = signer.sign(order, at(DOC_TIME));
        Request again = signer.sign(order, at(DOC_TIME));
        Request later = signer.sign(first, at(DOC_TIME.plusMillis(1500)));

        assertThat(again.queryString()).isEqualTo(first.queryString());
        // Re-signing a signed request replaces its timestamp and signature instead of adding a second pair.
        assertThat(later.params().stream().filter(p -> p.name().equals("timestamp")).count()).isEqualTo(1);
        assertThat(later.params().stream().filter(p -> p.name().equals("signature")).count()).isEqualTo(1);
        assertThat(later.headers().stream().filter(p -> p.name().equalsIgnoreCase("X-MBX-APIKEY")).count()).isEqualTo(1);
        assertThat(later.param("timestamp")).contains("1499827321059");
        assertThat(later.param("signature")).isNotEqualTo(first.param("signature"));
    }

    @Test
    void signsTheBodyAfterTheQueryString() {
        RequestSigner signer = exchange(Credentials.hmac(DOC_API_KEY, DOC_SECRET)).signer();
        // Binance's "mixed" example: part of the parameters in the query, the rest in a form body.
        Request mixed = Request.post("/api/v3/order").param("symbol", "LTCBTC").param("side", "BUY")
                .param("type", "LIMIT").param("timeInForce", "GTC")
                .formBody(java.util.List.of(io.antrest.core.Param.of("quantity", "1"), io.antrest.core.Param.of("price", "0.1")))
                .build();
        Request signed = signer.sign(mixed, at(DOC_TIME));

        String payload = signed.toBuilder().removeParam("signature").build().queryString() + signed.bodyText();
        assertThat(payload).isEqualTo("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&recvWindow=5000"
                + "&timestamp=1499827319559quantity=1&price=0.1");
        assertThat(signed.param("signature")).contains(new HmacPayloadSigner(DOC_SECRET).sign(
                payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ed25519SignatureVerifiesWithThePublicKey() throws Exception {
        verifyKeyPairSignature("Ed25519", KeyType.ED25519, "Ed25519");
    }

    @Test
    void rsaSignatureVerifiesWithThePublicKey() throws Exception {
        verifyKeyPairSignature("RSA", KeyType.RSA, "SHA256withRSA");
    }

    private static void verifyKeyPairSignature(String keyAlgorithm, KeyType type, String signatureAlgorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
        if ("RSA".equals(keyAlgorithm)) {
            generator.initialize(2048);
        }
        KeyPair pair = generator.generateKeyPair();
        RequestSigner signer = exchange(new Credentials("key-1", pem(pair), type)).signer();

        Request signed = signer.sign(docOrder().param("newClientOrderId", "a b/c+d").build(), at(DOC_TIME));

        String query = signed.queryString();
        String payload = query.substring(0, query.lastIndexOf("&signature="));
        String onTheWire = query.substring(query.lastIndexOf("&signature=") + "&signature=".length());
        // A base64 signature holds '+', '/' and '='; on the wire they are URL-encoded.
        String decoded = URLDecoder.decode(onTheWire, StandardCharsets.UTF_8);
        assertThat(signed.param("signature")).contains(decoded);
        assertThat(verify(signatureAlgorithm, pair.getPublic(), payload, decoded)).isTrue();
        assertThat(verify(signatureAlgorithm, pair.getPublic(), payload + "&x=1", decoded)).isFalse();
    }

    static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static boolean verify(String algorithm, PublicKey key, String payload, String base64) throws Exception {
        Signature v = Signature.getInstance(algorithm);
        v.initVerify(key);
        v.update(payload.getBytes(StandardCharsets.UTF_8));
        return v.verify(Base64.getDecoder().decode(base64));
    }

    @Test
    void publicRequestsPassUnchanged() {
        RequestSigner signer = exchange(Credentials.hmac(DOC_API_KEY, DOC_SECRET)).signer();
        Request ticker = Request.get("/api/v3/ticker/price").param("symbol", "BTCUSDT").build();

        assertThat(signer.sign(ticker, at(DOC_TIME))).isSameAs(ticker);
    }

    @Test
    void markerHeaderSignsAnUnknownEndpointAndIsNotSent() {
        RequestSigner signer = exchange(Credentials.hmac(DOC_API_KEY, DOC_SECRET)).signer();
        Request r = Request.get("/api/v3/someNewPrivateThing").header(BinanceProvider.SIGNED_MARKER_HEADER, "1").build();
        Request signed = signer.sign(r, at(DOC_TIME));

        assertThat(signed.header(BinanceProvider.SIGNED_MARKER_HEADER)).isEmpty();
        assertThat(signed.param("signature")).isPresent();
        assertThat(signed.param("timestamp")).contains("1499827319559");
    }

    @Test
    void withoutCredentialsSignedRequestsFailNamingTheSettings() {
        RequestSigner signer = new BinanceProvider().create(ExchangeSettings.builder().build()).signer();
        Request ping = Request.get("/api/v3/ping").build();

        assertThat(signer.sign(ping, at(DOC_TIME))).isSameAs(ping);
        assertThatThrownBy(() -> signer.sign(Request.get("/api/v3/account").build(), at(DOC_TIME)))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("exchange 'binance' needs credentials").hasMessageContaining("gateway.NAME.api-key");
    }

    @Test
    void recvWindowSettingIsUsedAndChecked() {
        ExchangeSettings settings = ExchangeSettings.builder().credentials(Credentials.hmac(DOC_API_KEY, DOC_SECRET))
                .option("recv_window", "10000").build();
        Request signed = new BinanceProvider().create(settings).signer().sign(docOrder().build(), at(DOC_TIME));
        assertThat(signed.param("recvWindow")).contains("10000");

        for (String bad : new String[] {"0", "60001", "-5"}) {
            assertThatThrownBy(() -> new BinanceProvider().create(ExchangeSettings.builder().option("recv_window", bad).build()))
                    .isInstanceOf(GatewaySettingsException.class)
                    .hasMessageContaining("recv_window").hasMessageContaining("60000");
        }
        assertThatThrownBy(() -> new BinanceProvider().create(ExchangeSettings.builder().option("recv_window", "5s").build()))
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("recv_window");
    }

    @Test
    void weightLimitSettingSetsTheBudgetRuleAndIsChecked() {
        assertThat(new BinanceProvider().create(ExchangeSettings.builder().build()).rateLimits().get(0).limit()).isEqualTo(6000);
        Exchange raised = new BinanceProvider().create(ExchangeSettings.builder().option("weight_limit", "1000000").build());
        assertThat(raised.rateLimits().get(0).name()).isEqualTo("REQUEST_WEIGHT");
        assertThat(raised.rateLimits().get(0).limit()).isEqualTo(1_000_000);

        for (String bad : new String[] {"0", "-1", "3000000000"}) {
            assertThatThrownBy(() -> new BinanceProvider().create(ExchangeSettings.builder().option("weight_limit", bad).build()))
                    .isInstanceOf(GatewaySettingsException.class)
                    .hasMessageContaining("weight_limit").hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> new BinanceProvider().create(ExchangeSettings.builder().option("weight_limit", "lots").build()))
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("weight_limit");
    }

    @Test
    void keysThatAreNotPkcs8PemAreRefusedWithoutPrintingThem() {
        String secretLooking = "MC4CAQAwBQYDK2VwBCIEIThisIsNotAKeyAtAll";
        assertThatThrownBy(() -> exchange(new Credentials("k", secretLooking, KeyType.ED25519)))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("PKCS#8")
                .hasMessageNotContaining(secretLooking);
        assertThatThrownBy(() -> exchange(new Credentials("k",
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", KeyType.RSA)))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> exchange(new Credentials("k",
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", KeyType.ED25519)))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("Ed25519")
                .hasMessageNotContaining("AAAA");
    }

    @Test
    void anRsaKeyGivenAsEd25519IsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String rsaPem = pem(g.generateKeyPair());
        assertThatThrownBy(() -> exchange(new Credentials("k", rsaPem, KeyType.ED25519)))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("key type");
    }

    @Test
    void neitherSignerNorSignedRequestPrintsSecrets() {
        Exchange exchange = exchange(Credentials.hmac(DOC_API_KEY, DOC_SECRET));
        Request signed = exchange.signer().sign(docOrder().build(), at(DOC_TIME));

        assertThat(exchange.signer().secretNames()).containsExactlyInAnyOrder("X-MBX-APIKEY", "signature");
        for (String printed : new String[] {signed.toString(), exchange.signer().toString(), exchange.toString()}) {
            assertThat(printed).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET).doesNotContain(DOC_SIGNATURE);
        }
    }
}
