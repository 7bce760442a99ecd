package io.antrest.gateway.binance;

import io.antrest.core.Method;
import io.antrest.core.Request;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.GatewaySettingsException;
import io.antrest.gateway.spi.RateLimitCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every Binance spot REST endpoint of {@code binance-spot-endpoints.tsv}, a table written from
 * binance/binance-spot-api-docs {@code rest-api.md} (its header names the commits read): the
 * plugin prices each row with the documented weight (each endpoint's "Weight", by its parameters
 * where the docs say so) and unfilled order count, and signs it as its security type says
 * ("Request Security": every type but NONE is SIGNED; USER_STREAM, the API key only).
 */
class BinanceSpotEndpointsTableTest {
    private static final String TABLE = "/binance-spot-endpoints.tsv";
    private static final Exchange BINANCE = new BinanceProvider().create(ExchangeSettings.builder()
            .credentials(Credentials.hmac("tableTestApiKey", "tableTestSecretKey")).build());
    private static final SigningContext NOW = new SigningContext(BinanceExchange.LIVE_URL, 1,
            Clock.fixed(Instant.ofEpochMilli(1_780_000_000_000L), ZoneOffset.UTC));

    /** One row of the table. */
    record Row(String method, String path, String params, int weight, int orders, String security, String signed,
            String section) {
        Request request() {
            Request.Builder b = Request.builder(Method.valueOf(method), path);
            if (!"-".equals(params)) {
                for (String pair : params.split("&")) {
                    int eq = pair.indexOf('=');
                    b.param(pair.substring(0, eq), value(pair.substring(eq + 1)));
                }
            }
            return b.build();
        }

        /** {@code *N} is a JSON array of N symbols, as {@code symbols} takes them. */
        private static String value(String v) {
            if (!v.startsWith("*")) {
                return v;
            }
            return IntStream.range(0, Integer.parseInt(v.substring(1))).mapToObj(i -> "\"SYM" + i + "USDT\"")
                    .collect(Collectors.joining(",", "[", "]"));
        }

        @Override
        public String toString() {
            return method + " " + path + " " + params + " (" + section + ")";
        }
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = BinanceSpotEndpointsTableTest.class.getResourceAsStream(TABLE);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split("\t", -1);
                rows.add(new Row(f[0], f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5], f[6], f[7]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static int units(Request request, String rule) {
        return BINANCE.costOf(request).stream().filter(c -> c.rule().equals(rule)).mapToInt(RateLimitCost::units).sum();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void weightAndUnfilledOrderCountAreTheDocumentedOnes(Row row) {
        Request request = row.request();
        assertThat(units(request, BinanceExchange.REQUEST_WEIGHT)).as("weight of %s", row).isEqualTo(row.weight());
        assertThat(units(request, BinanceExchange.ORDERS_10S)).as("orders per 10 s of %s", row).isEqualTo(row.orders());
        assertThat(units(request, BinanceExchange.ORDERS_1D)).as("orders per day of %s", row).isEqualTo(row.orders());
        assertThat(units(request, BinanceExchange.RAW_REQUESTS)).as("raw requests of %s", row).isEqualTo(1);
        assertThat(BinanceEndpoints.security(request).name()).as("security type of %s", row).isEqualTo(row.security());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void signedAsTheSecurityTypeSays(Row row) {
        Request signed = BINANCE.signer().sign(row.request(), NOW);
        switch (row.signed()) {
            case "yes" -> {
                assertThat(signed.param("signature")).as("signature of %s", row).isPresent();
                assertThat(signed.param("timestamp")).as("timestamp of %s", row).contains("1780000000000");
                assertThat(signed.header(BinanceSigner.API_KEY_HEADER)).as("API key of %s", row).contains("tableTestApiKey");
            }
            case "key" -> {
                assertThat(signed.param("signature")).as("signature of %s", row).isEmpty();
                assertThat(signed.param("timestamp")).as("timestamp of %s", row).isEmpty();
                assertThat(signed.header(BinanceSigner.API_KEY_HEADER)).as("API key of %s", row).contains("tableTestApiKey");
            }
            case "no" -> {
                assertThat(signed.param("signature")).as("signature of %s", row).isEmpty();
                assertThat(signed.param("timestamp")).as("timestamp of %s", row).isEmpty();
                assertThat(signed.header(BinanceSigner.API_KEY_HEADER)).as("API key of %s", row).isEmpty();
            }
            default -> throw new AssertionError("signed must be yes, key or no in " + row);
        }
    }

    @Test
    void theTableAndThePluginKnowTheSameEndpoints() {
        Set<String> inTable = rows().stream().map(r -> r.method() + " " + r.path()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(BinanceEndpoints.endpoints())).isEqualTo(inTable);
        assertThat(inTable).hasSize(51);
    }

    /** A USER_STREAM call needs the API key: without credentials it is refused before it is sent, as a signed one. */
    @Test
    void aUserStreamCallWithoutCredentialsIsRefused() {
        Exchange anonymous = new BinanceProvider().create(ExchangeSettings.builder().build());
        assertThatThrownBy(() -> anonymous.signer().sign(Request.post("/api/v3/userDataStream").build(), NOW))
                .isInstanceOf(GatewaySettingsException.class).hasMessageContaining("api-key");
    }
}
