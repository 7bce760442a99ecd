package io.antrest.gateway.okx;

import io.antrest.core.Body;
import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OKX v5 signature (OKX v5 docs, Overview > REST Authentication > Making Requests / Signature).
 * The docs publish the prehash rule and example inputs (timestamp 2020-12-08T09:08:57.715Z,
 * GET /api/v5/account/balance?ccy=BTC, body {"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"})
 * but no resulting signature, so the expected values here are computed independently with
 * javax.crypto from that documented rule: Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body)).
 */
class OkxSignerTest {
    static final String KEY = "37c541a1-0000-4000-8000-10fe7a038418";
    static final String SECRET = "TESTSECRET0123456789ABCDEFABCDEF";
    static final String PASSPHRASE = "testPassphrase1";
    /** The docs' example timestamp. */
    static final Instant DOC_TIME = Instant.parse("2020-12-08T09:08:57.715Z");

    private static Exchange exchange(ExchangeSettings.Builder settings) {
        return new OkxProvider().create(settings.credentials(Credentials.hmac(KEY, SECRET).withPassphrase(PASSPHRASE)).build());
    }

    private static RequestSigner signer() {
        return exchange(ExchangeSettings.builder()).signer();
    }

    private static SigningContext at(Instant time) {
        return new SigningContext(OkxExchange.LIVE_URL, 1, Clock.fixed(time, ZoneOffset.UTC));
    }

    private static String expected(String prehash) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(prehash.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void getSignsPathWithQueryStringAndNoBodyAsTheDocsExample() throws Exception {
        Request r = Request.get("/api/v5/account/balance").param("ccy", "BTC").build();

        Request signed = signer().sign(r, at(DOC_TIME));

        assertThat(signed.header("OK-ACCESS-TIMESTAMP")).contains("2020-12-08T09:08:57.715Z");
        assertThat(signed.header("OK-ACCESS-SIGN"))
                .contains(expected("2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC"));
        assertThat(signed.header("OK-ACCESS-KEY")).contains(KEY);
        assertThat(signed.header("OK-ACCESS-PASSPHRASE")).contains(PASSPHRASE);
    }

    @Test
    void postSignsTheExactBodySent() throws Exception {
        String body = "{\"instId\":\"BTC-USDT\",\"lever\":\"5\",\"mgnMode\":\"isolated\"}";
        Request r = Request.post("/api/v5/account/set-leverage").body(Body.json(body)).build();

        Request signed = signer().sign(r, at(DOC_TIME));

        assertThat(signed.bodyText()).isEqualTo(body);
        assertThat(signed.header("OK-ACCESS-SIGN"))
                .contains(expected("2020-12-08T09:08:57.715ZPOST/api/v5/account/set-leverage" + body));
    }

    @Test
    void newOrderIsSignedOverItsOwnJson() throws Exception {
        Exchange okx = exchange(ExchangeSettings.builder());
        Request order = okx.trading().newOrder(io.antrest.gateway.spi.OrderRequest.limit("BTC-USDT",
                io.antrest.gateway.spi.Side.BUY, new java.math.BigDecimal("2"), new java.math.BigDecimal("2.15"))
                .withClientOrderId("b15"));

        Request signed = okx.signer().sign(order, at(DOC_TIME));

        assertThat(signed.header("OK-ACCESS-SIGN"))
                .contains(expected("2020-12-08T09:08:57.715ZPOST/api/v5/trade/order" + order.bodyText()));
    }

    @Test
    void timestampHasExactlyThreeFractionDigitsEvenWhenMillisEndInZero() {
        assertThat(OkxSigner.timestamp(Instant.parse("2020-12-08T09:08:57.700Z").toEpochMilli()))
                .isEqualTo("2020-12-08T09:08:57.700Z");
        assertThat(OkxSigner.timestamp(Instant.parse("2020-12-08T09:08:57Z").toEpochMilli()))
                .isEqualTo("2020-12-08T09:08:57.000Z");
        assertThat(OkxSigner.timestamp(Instant.parse("2021-01-02T03:04:05.010Z").toEpochMilli()))
                .isEqualTo("2021-01-02T03:04:05.010Z");

        Request signed = signer().sign(Request.get("/api/v5/account/balance").build(), at(Instant.parse("2024-05-06T07:08:09Z")));
        assertThat(signed.header("OK-ACCESS-TIMESTAMP")).contains("2024-05-06T07:08:09.000Z");
    }

    @Test
    void everyAttemptIsSignedAfreshAndReplacesTheOldHeaders() {
        RequestSigner signer = signer();
        Request r = Request.get("/api/v5/account/balance").build();
        Request first = signer.sign(r, at(DOC_TIME));
        Request later = signer.sign(first, at(DOC_TIME.plusMillis(1500)));

        assertThat(later.headers().stream().filter(h -> h.name().equalsIgnoreCase("OK-ACCESS-SIGN")).count()).isEqualTo(1);
        assertThat(later.headers().stream().filter(h -> h.name().equalsIgnoreCase("OK-ACCESS-TIMESTAMP")).count()).isEqualTo(1);
        assertThat(later.header("OK-ACCESS-TIMESTAMP")).contains("2020-12-08T09:08:59.215Z");
        assertThat(later.header("OK-ACCESS-SIGN")).isNotEqualTo(first.header("OK-ACCESS-SIGN"));
    }

    @Test
    void publicRequestsAreNotSigned() {
        Request time = Request.get("/api/v5/public/time").build();
        Request instruments = Request.get("/api/v5/public/instruments").param("instType", "SPOT").build();

        assertThat(signer().sign(time, at(DOC_TIME)).headers()).isEmpty();
        assertThat(signer().sign(instruments, at(DOC_TIME)).headers()).isEmpty();
    }

    /** OKX v5 docs, Overview > Demo Trading Services: demo requests carry "x-simulated-trading: 1". */
    @Test
    void testnetMeansDemoTradingHeaderOnEveryRequest() {
        Exchange demo = exchange(ExchangeSettings.builder().testnet());
        Exchange live = exchange(ExchangeSettings.builder());
        Exchange custom = exchange(ExchangeSettings.builder().url("http://127.0.0.1:9").option("simulated", "true"));

        assertThat(demo.baseUrl()).isEqualTo("https://www.okx.com");
        assertThat(demo.signer().sign(Request.get("/api/v5/account/balance").build(), at(DOC_TIME))
                .header("x-simulated-trading")).contains("1");
        assertThat(demo.signer().sign(Request.get("/api/v5/public/time").build(), at(DOC_TIME))
                .header("x-simulated-trading")).contains("1");
        assertThat(custom.signer().sign(Request.get("/api/v5/account/balance").build(), at(DOC_TIME))
                .header("x-simulated-trading")).contains("1");
        assertThat(live.signer().sign(Request.get("/api/v5/account/balance").build(), at(DOC_TIME))
                .header("x-simulated-trading")).isEmpty();
    }

    @Test
    void signedRequestPrintsNoKeySignatureNorPassphrase() {
        Request signed = signer().sign(Request.get("/api/v5/account/balance").param("ccy", "BTC").build(), at(DOC_TIME));

        String printed = signed.toString();

        assertThat(printed).doesNotContain(KEY).doesNotContain(PASSPHRASE)
                .doesNotContain(signed.header("OK-ACCESS-SIGN").orElseThrow()).doesNotContain(SECRET);
        assertThat(printed).contains("OK-ACCESS-KEY=****", "OK-ACCESS-SIGN=****", "OK-ACCESS-PASSPHRASE=****");
        assertThat(signer().secretNames()).containsExactlyInAnyOrder("OK-ACCESS-KEY", "OK-ACCESS-SIGN", "OK-ACCESS-PASSPHRASE");
        assertThat(signer().toString()).doesNotContain(KEY).doesNotContain(PASSPHRASE);
    }

    @Test
    void privateRequestWithoutCredentialsNamesTheSettings() {
        RequestSigner anonymous = new OkxProvider().create(ExchangeSettings.builder().build()).signer();

        assertThat(anonymous.sign(Request.get("/api/v5/public/time").build(), at(DOC_TIME)).headers()).isEmpty();
        assertThatThrownBy(() -> anonymous.sign(Request.get("/api/v5/account/balance").build(), at(DOC_TIME)))
                .isInstanceOf(GatewaySettingsException.class)
                .hasMessageContaining("gateway.NAME.api-key");
    }
}
