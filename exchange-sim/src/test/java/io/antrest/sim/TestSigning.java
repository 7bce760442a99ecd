package io.antrest.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Client-side signing for the tests, written independently of the simulator's verification code. */
final class TestSigning {

    private TestSigning() {
    }

    private static final DateTimeFormatter OKX_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static String hmacHex(String secret, String message) {
        return HexFormat.of().formatHex(hmac(secret, message));
    }

    private static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An OKX timestamp: ISO 8601 UTC with milliseconds, e.g. 2020-12-08T09:08:57.715Z. */
    static String okxTimestamp(long epochMillis) {
        return OKX_TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    /** OKX's OK-ACCESS-SIGN: Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body)). */
    static String okxSign(String secret, String timestamp, String method, String pathWithQuery, String body) {
        return Base64.getEncoder().encodeToString(
                hmac(secret, timestamp + method + pathWithQuery + (body == null ? "" : body)));
    }

    /** The four OK-ACCESS-* headers (plus Content-Type for a body) of one OKX request. */
    static Map<String, String> okxHeaders(String apiKey, String secret, String passphrase, long epochMillis,
            String method, String pathWithQuery, String body) {
        String timestamp = okxTimestamp(epochMillis);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("OK-ACCESS-KEY", apiKey);
        headers.put("OK-ACCESS-SIGN", okxSign(secret, timestamp, method, pathWithQuery, body));
        headers.put("OK-ACCESS-TIMESTAMP", timestamp);
        headers.put("OK-ACCESS-PASSPHRASE", passphrase);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return headers;
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
