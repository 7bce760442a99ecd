package io.antrest.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Client-side signing for the tests, written independently of the simulator's verification code. */
final class TestSigning {

    private TestSigning() {
    }

    static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed Binance query: params + timestamp + signature. */
    static String binanceQuery(String secret, String params, long timestamp) {
        String total = (params.isEmpty() ? "" : params + "&") + "timestamp=" + timestamp;
        return total + "&signature=" + hmacHex(secret, total);
    }

    static Map<String, String> binanceKey(String apiKey) {
        return Map.of("X-MBX-APIKEY", apiKey);
    }

    /** BitMEX headers for a request: verb + path with query + expires + body. */
    static Map<String, String> bitmexHeaders(String apiKey, String secret, String verb, String pathWithQuery,
            long expires, String body) {
        String signature = hmacHex(secret, verb + pathWithQuery + expires + (body == null ? "" : body));
        return Map.of("api-key", apiKey, "api-expires", Long.toString(expires), "api-signature", signature);
    }
}
