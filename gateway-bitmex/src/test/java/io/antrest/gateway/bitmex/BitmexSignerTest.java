package io.antrest.gateway.bitmex;

import io.antrest.core.Body;
import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.KeyType;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BitmexSignerTest {
    /** BitMEX's documented example (API key usage page). */
    static final String DOC_API_KEY = "LAqUlngMIQkIUjXMUreyu3qn";
    static final String DOC_SECRET = "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO";

    private static Exchange exchange(ExchangeSettings.Builder b) {
        return new BitmexProvider().create(b.build());
    }

    private static Exchange doc() {
        return exchange(ExchangeSettings.builder().credentials(Credentials.hmac(DOC_API_KEY, DOC_SECRET)));
    }

    /** A context whose clock makes api-expires = {@code expires} with the default window. */
    private static SigningContext expiringAt(String baseUrl, long expires) {
        return new SigningContext(baseUrl, 1, Clock.fixed(Instant.ofEpochSecond(expires
                - BitmexProvider.DEFAULT_EXPIRES_WINDOW_SECONDS), ZoneOffset.UTC));
    }

    @Test
    void signsBitmexDocumentationGetExampleExactly() {
        Request signed = doc().signer().sign(Request.get("/instrument").build(),
                expiringAt(BitmexExchange.LIVE_URL, 1518064236L));

        assertThat(signed.header("api-expires")).contains("1518064236");
        assertThat(signed.header("api-key")).contains(DOC_API_KEY);
        assertThat(signed.header("api-signature")).contains("c7682d435d0cfe87c16098df34ef2eb5a549d4c5a3c2b1f0f77b8af73423bf00");
    }

    @Test
    void signsBitmexDocumentationPostExampleOverTheBodyAsSent() {
        String body = "{\"symbol\":\"XBTM15\",\"price\":219.0,\"clOrdID\":\"mm_bitmex_1a/oemUeQ4CAJZgP3fjHsA\",\"orderQty\":98}";
        Request signed = doc().signer().sign(Request.post("/order").body(Body.json(body)).build(),
                expiringAt(BitmexExchange.LIVE_URL, 1518064238L));

        assertThat(signed.header("api-signature")).contains("1749cd2ccae4aa49048ae09f0b95110cee706e0944e6a14ad0b3a8cb45bd336b");
        assertThat(signed.bodyText()).isEqualTo(body);
    }

    @Test
    void expiresIsClockSecondsPlusTheWindowAndSigningIsDeterministic() {
        Exchange bitmex = exchange(ExchangeSettings.builder().credentials(Credentials.hmac("k", "s"))
                .option("expires_window_seconds", "5"));
        SigningContext ctx = new SigningContext("http://127.0.0.1:9/api/v1", 2,
                Clock.fixed(Instant.ofEpochMilli(1_700_000_000_999L), ZoneOffset.UTC));
        Request r = Request.get("/order").param("filter", "{\"clOrdID\":\"a b\"}").build();

        Request a = bitmex.signer().sign(r, ctx);
        Request b = bitmex.signer().sign(a, ctx);

        assertThat(a.header("api-expires")).contains("1700000005");
        assertThat(b.headers()).isEqualTo(a.headers());
    }

    @Test
    void theBaseUrlPathAndQueryAreSigned() {
        Exchange bitmex = doc();
        Instant t = Instant.ofEpochSecond(1518064236L - BitmexProvider.DEFAULT_EXPIRES_WINDOW_SECONDS);
        Request r = Request.get("/instrument").param("symbol", "XBTUSD").build();

        String viaApiV1 = bitmex.signer().sign(r, new SigningContext("https://x.test/api/v1", 1, Clock.fixed(t, ZoneOffset.UTC)))
                .header("api-signature").orElseThrow();
        String viaRoot = bitmex.signer().sign(r, new SigningContext("https://x.test", 1, Clock.fixed(t, ZoneOffset.UTC)))
                .header("api-signature").orElseThrow();
        String plain = bitmex.signer().sign(Request.get("/instrument").build(),
                new SigningContext("https://x.test/api/v1", 1, Clock.fixed(t, ZoneOffset.UTC))).header("api-signature").orElseThrow();

        assertThat(viaApiV1).isNotEqualTo(viaRoot).isNotEqualTo(plain);
        assertThat(plain).isEqualTo("c7682d435d0cfe87c16098df34ef2eb5a549d4c5a3c2b1f0f77b8af73423bf00");
    }

    @Test
    void orderBodiesAreJsonWithPlainNumbers() {
        Request r = doc().trading().newOrder(OrderRequest.limit("XBTUSD", Side.SELL, new BigDecimal("1E+2"),
                new BigDecimal("60000.50")).withClientOrderId("my-1"));

        assertThat(r.bodyText()).isEqualTo("{\"symbol\":\"XBTUSD\",\"side\":\"Sell\",\"orderQty\":100,\"price\":60000.5,"
                + "\"ordType\":\"Limit\",\"clOrdID\":\"my-1\"}");
        assertThat(r.body().orElseThrow().contentType()).isEqualTo("application/json");
        assertThat(r.idempotent()).isFalse();
        Request market = doc().trading().newOrder(OrderRequest.market("XBTUSD", Side.BUY, BigDecimal.TEN));
        assertThat(market.bodyText()).startsWith("{\"symbol\":\"XBTUSD\",\"side\":\"Buy\",\"orderQty\":10,\"ordType\":\"Market\",\"clOrdID\":\"antrest-");
    }

    /**
     * swagger.json, POST /order: orderQty is {@code "type": "integer", "format": "int32"} (contracts);
     * BitMEX refuses a fraction with 400 "Invalid orderQty" (as quoted in ccxt/ccxt#7337), so the
     * plugin refuses it before sending, saying what to do.
     */
    @Test
    void aFractionalOrWiderThanInt32QuantityIsRefusedBeforeSending() {
        assertThatThrownBy(() -> doc().trading().newOrder(OrderRequest.limit("XBTUSD", Side.BUY, new BigDecimal("1.5"),
                new BigDecimal("60000"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number of contracts").hasMessageContaining("not 1.5")
                .hasMessageContaining("round it to a whole number");
        assertThatThrownBy(() -> doc().trading().newOrder(OrderRequest.market("XBTUSD", Side.BUY,
                new BigDecimal("2147483648"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 2147483647");

        assertThat(doc().trading().newOrder(OrderRequest.market("XBTUSD", Side.BUY, new BigDecimal("100.000")))
                .bodyText()).contains("\"orderQty\":100,");
    }

    @Test
    void withoutCredentialsPublicRequestsPassAndPrivateOnesFail() {
        RequestSigner signer = exchange(ExchangeSettings.builder()).signer();
        SigningContext ctx = expiringAt(BitmexExchange.LIVE_URL, 1518064236L);
        Request instruments = Request.get("/instrument/active").build();

        assertThat(signer.sign(instruments, ctx)).isSameAs(instruments);
        assertThatThrownBy(() -> signer.sign(Request.get("/user/margin").build(), ctx))
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("exchange 'bitmex' needs credentials").hasMessageContaining("gateway.NAME.api-key");
        assertThatThrownBy(() -> signer.sign(Request.get("/something").header(BitmexProvider.SIGNED_MARKER_HEADER, "1").build(), ctx))
                .isInstanceOf(GatewaySettingsException.class);
    }

    /**
     * swagger.json: every operation needs the api-key headers but those marked {@code "security": []}:
     * /wallet/assets, GET /chat and /guild, /user/checkReferralCode... are public; POST /chat,
     * POST /guild, /globalNotification, /announcement/urgent, /userEvent are not.
     */
    @Test
    void privateRoutesAreThoseSwaggerDoesNotMarkPublic() {
        RequestSigner signer = exchange(ExchangeSettings.builder()).signer();
        SigningContext ctx = expiringAt(BitmexExchange.LIVE_URL, 1518064236L);

        for (Request open : List.of(Request.get("/wallet/assets").build(), Request.get("/wallet/networks").build(),
                Request.get("/chat").build(), Request.get("/guild").build(), Request.get("/user/checkReferralCode").build(),
                Request.get("/user/staking/tiers").build(), Request.get("/announcement").build())) {
            assertThat(signer.sign(open, ctx)).as(open.method() + " " + open.path()).isSameAs(open);
        }
        for (Request closed : List.of(Request.post("/chat").build(), Request.post("/guild/join").build(),
                Request.get("/globalNotification").build(), Request.get("/announcement/urgent").build(),
                Request.get("/userEvent").build(), Request.get("/user/wallet").build(), Request.delete("/order/all").build(),
                Request.get("/porl/nonce").build())) {
            assertThatThrownBy(() -> signer.sign(closed, ctx)).as(closed.method() + " " + closed.path())
                    .isInstanceOf(GatewaySettingsException.class);
        }
    }

    @Test
    void markerHeaderIsNotSent() {
        Request signed = doc().signer().sign(Request.get("/something").header(BitmexProvider.SIGNED_MARKER_HEADER, "1").build(),
                expiringAt(BitmexExchange.LIVE_URL, 1518064236L));

        assertThat(signed.header(BitmexProvider.SIGNED_MARKER_HEADER)).isEmpty();
        assertThat(signed.header("api-signature")).isPresent();
    }

    /** The clock request goes unsigned even with credentials (an expired signature would be refused), and its mark is not sent. */
    @Test
    void theClockRequestGoesUnsignedAndWithoutItsMark() {
        Exchange bitmex = doc();
        Request time = bitmex.serverTimeRequest().orElseThrow();

        Request sent = bitmex.signer().sign(time, expiringAt(BitmexExchange.LIVE_URL, 1518064236L));

        assertThat(sent.path()).isEqualTo("/instrument");
        assertThat(sent.headers()).isEmpty();
    }

    @Test
    void settingsAreChecked() {
        for (String bad : new String[] {"0", "3601", "soon"}) {
            assertThatThrownBy(() -> exchange(ExchangeSettings.builder().option("expires_window_seconds", bad)))
                    .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("expires_window_seconds");
        }
        assertThatThrownBy(() -> exchange(ExchangeSettings.builder().credentials(new Credentials("k", "pem", KeyType.ED25519))))
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("HMAC");
    }

    @Test
    void secretsAreNamedAndNeverPrinted() {
        Exchange bitmex = doc();
        Request signed = bitmex.signer().sign(Request.get("/instrument").build(), expiringAt(BitmexExchange.LIVE_URL, 1518064236L));

        assertThat(bitmex.signer().secretNames()).containsExactlyInAnyOrder("api-key", "api-signature");
        for (String printed : new String[] {signed.toString(), bitmex.signer().toString(), bitmex.toString()}) {
            assertThat(printed).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET)
                    .doesNotContain("c7682d435d0cfe87c16098df34ef2eb5a549d4c5a3c2b1f0f77b8af73423bf00");
        }
    }
}
