package io.antrest.gateway.bitmex;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Signs BitMEX requests: {@code api-key}, {@code api-expires} (the signing clock's Unix seconds
 * plus the window) and {@code api-signature} = hex HMAC-SHA256(secret, verb + full path with
 * query string + expires + body), over exactly the text sent. With credentials every request is
 * signed (BitMEX then counts it against the key's limit, not the IP's), but for the plugin's own
 * clock request; without, public requests pass unchanged and private ones fail with the settings
 * to set. Thread-safe: one {@link Mac},
 * keyed once, per thread.
 */
final class BitmexSigner implements RequestSigner {
    static final String API_KEY = "api-key";
    static final String API_EXPIRES = "api-expires";
    static final String API_SIGNATURE = "api-signature";
    /**
     * The plugin's own mark on a public request that must go unsigned even with credentials (the
     * clock request: a signature made with a wrong clock is refused as expired); removed, not sent.
     */
    static final String UNSIGNED_MARKER_HEADER = "X-Antrest-Unsigned";
    private static final Set<String> SECRETS = Set.of(API_KEY, API_SIGNATURE);
    private static final String ALGORITHM = "HmacSHA256";

    private final ExchangeSettings settings;
    private final String apiKey;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;
    private final long expiresWindowSeconds;

    BitmexSigner(ExchangeSettings settings, long expiresWindowSeconds) {
        this.settings = requireNonNull(settings, "settings is null");
        this.expiresWindowSeconds = expiresWindowSeconds;
        Credentials c = settings.credentials().orElse(null);
        this.apiKey = c == null ? null : c.apiKey();
        this.key = c == null ? null : new SecretKeySpec(c.secret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.mac = ThreadLocal.withInitial(this::newMac);
        if (key != null) {
            newMac();
        }
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** How far ahead of the signing second {@code api-expires} is set, in seconds. */
    long expiresWindowSeconds() {
        return expiresWindowSeconds;
    }

    @Override
    public Request sign(Request toSign, SigningContext context) {
        Request request = toSign;
        if (request.header(UNSIGNED_MARKER_HEADER).isPresent()) {
            request = request.toBuilder().removeHeader(UNSIGNED_MARKER_HEADER).build();
            if (!BitmexEndpoints.isPrivate(request.method(), request.path())) {
                return request;
            }
        }
        boolean marked = request.header(BitmexProvider.SIGNED_MARKER_HEADER).isPresent();
        if (key == null) {
            if (marked || BitmexEndpoints.isPrivate(request.method(), request.path())) {
                settings.requireCredentials(BitmexProvider.NAME);
            }
            return request;
        }
        long expires = Math.floorDiv(context.nowMillis(), 1000L) + expiresWindowSeconds;
        Request.Builder b = request.toBuilder()
                .removeHeader(BitmexProvider.SIGNED_MARKER_HEADER)
                .removeHeader(API_KEY).removeHeader(API_EXPIRES).removeHeader(API_SIGNATURE);
        // signed as the builder stands (the headers are not signed): one copy of the request, not two
        String message = b.method().name() + context.fullPathWithQuery(b) + expires + b.bodyText();
        String signature = HexFormat.of().formatHex(mac.get().doFinal(message.getBytes(StandardCharsets.UTF_8)));
        return b.header(API_EXPIRES, Long.toString(expires))
                .header(API_KEY, apiKey)
                .header(API_SIGNATURE, signature)
                .secretNames(SECRETS)
                .build();
    }

    @Override
    public Set<String> secretNames() {
        return SECRETS;
    }

    @Override
    public String toString() {
        return "BitmexSigner{" + (key == null ? "no credentials" : "HMAC, apiKey=****") + ", expiresWindow="
                + expiresWindowSeconds + "s}";
    }
}
