package io.antrest.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.antrest.core.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order acceptance windows through the real {@code bin/antrest}: what each plugin signs so that
 * an order reaching the exchange too late is refused (Binance's recvWindow, BitMEX's api-expires,
 * OKX's expTime), and the bounds of the options that set them.
 */
class OrderWindowsIT extends InstalledCopy {
    private static final int SAFETY_SECONDS = 60;
    /** OKX's own example time (Overview &gt; REST Authentication): 2020-12-08T09:08:57.715Z. */
    private static final long T = 1607418537715L;
    private static final String ORDER_BODY = "{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\",\"side\":\"buy\",\"ordType\":\"limit\","
            + "\"px\":\"30000\",\"sz\":\"0.001\",\"clOrdId\":\"it1\"}";

    private Installation.Run signOkx(String path, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("sign", "okx", "--api-key", "985d5b66-57ce-40fb-b714-afc0b9787083",
                "--secret-env", "OKX_SECRET", "--passphrase-env", "OKX_PASSPHRASE", "--method", "POST", "--path", path,
                "--body", ORDER_BODY, "--time-ms", Long.toString(T)));
        args.addAll(List.of(more));
        return antrest.run(Map.of("OKX_SECRET", "22582BD0CFF14C41EDBF1AB98506286D", "OKX_PASSPHRASE", "my-Pass-phrase-7"),
                SAFETY_SECONDS, args.toArray(String[]::new));
    }

    /**
     * OKX v5 docs, Overview &gt; Transaction Timeouts: "the request will not be processed if the
     * current system time of the server is after the expTime", a header of Place and Amend order
     * requests. The plugin sets it to the signing time plus order_exp_time_ms (default 5000).
     */
    @Test
    void okxSignsAnOrderWithExpTimeTheSigningTimePlusTheWindow() throws Exception {
        Installation.Run byDefault = signOkx("/api/v5/trade/order");
        Installation.Run shorter = signOkx("/api/v5/trade/order", "--option", "order_exp_time_ms=300");
        Installation.Run cancel = signOkx("/api/v5/trade/cancel-order");

        assertThat(byDefault.exit()).as(byDefault.all()).isZero();
        JsonNode headers = Json.mapper().readTree(byDefault.out()).get("headers");
        assertThat(headers.get("expTime").asText()).isEqualTo(Long.toString(T + 5000));
        assertThat(headers.get("OK-ACCESS-TIMESTAMP").asText()).isEqualTo("2020-12-08T09:08:57.715Z");
        assertThat(shorter.exit()).as(shorter.all()).isZero();
        assertThat(Json.mapper().readTree(shorter.out()).get("headers").get("expTime").asText()).isEqualTo(Long.toString(T + 300));
        assertThat(cancel.exit()).as(cancel.all()).isZero();
        assertThat(Json.mapper().readTree(cancel.out()).get("headers").has("expTime")).as("Cancel order takes no expTime").isFalse();
    }

    @Test
    void anOkxWindowOutOfBoundsExitsWith2NamingTheOptionAndItsBounds() throws Exception {
        Installation.Run r = signOkx("/api/v5/trade/order", "--option", "order_exp_time_ms=50");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("order_exp_time_ms", "from 100 to 30000", "was \"50\"", "5000");
    }

    @Test
    void runRefusesAWindowOutOfBoundsWithExit2() throws Exception {
        Installation.Run okx = antrest.run(Map.of(), SAFETY_SECONDS, "run", "--config", settings(
                "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("contracts"), "gateway.o.exchange=okx",
                "gateway.o.url=http://127.0.0.1:9", "gateway.o.option.order_exp_time_ms=60000").toString());
        Installation.Run bitmex = antrest.run(Map.of(), SAFETY_SECONDS, "run", "--config", settings(
                "antrest.contracts.jdbc-url=jdbc:h2:file:" + dir.resolve("contracts"), "gateway.m.exchange=bitmex",
                "gateway.m.url=http://127.0.0.1:9/api/v1", "gateway.m.option.expires_window_seconds=0").toString());

        assertThat(okx.exit()).as(okx.all()).isEqualTo(2);
        assertThat(okx.err()).contains("order_exp_time_ms", "from 100 to 30000", "was \"60000\"");
        assertThat(bitmex.exit()).as(bitmex.all()).isEqualTo(2);
        assertThat(bitmex.err()).contains("expires_window_seconds", "1 to 3600", "was 0", "default 5");
    }

    /** BitMEX's reference market maker signs api-expires 5 s ahead; so does the plugin by default. */
    @Test
    void bitmexSignsApiExpiresFiveSecondsAheadByDefault() throws Exception {
        Installation.Run r = antrest.run(Map.of(), SAFETY_SECONDS, "sign", "bitmex", "--api-key", "LAqUlngMIQkIUjXMUreyu3qn",
                "--secret", "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO", "--method", "POST", "--path", "/api/v1/order",
                "--body", "{\"symbol\":\"XBTUSD\",\"orderQty\":100,\"price\":20000}", "--time-ms", "1700000000999");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(Json.mapper().readTree(r.out()).get("headers").get("api-expires").asText()).isEqualTo("1700000005");
    }
}
