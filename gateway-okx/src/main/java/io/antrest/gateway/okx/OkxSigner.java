package io.antrest.gateway.okx;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Signs OKX v5 requests (OKX v5 docs, Overview &gt; REST Authentication &gt; Making Requests and
 * Signature): {@code OK-ACCESS-KEY}, {@code OK-ACCESS-TIMESTAMP} (ISO-8601 UTC with exactly three
 * fraction digits, from the signing clock), {@code OK-ACCESS-PASSPHRASE} and {@code OK-ACCESS-SIGN}
 * = Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body)), where requestPath is the
 * path with its query string (a GET's parameters count as requestPath, not body) and body is the
 * exact JSON sent. Private requests only; public ones ({@code /api/v5/public/}, {@code /api/v5/market/})
 * pass unsigned. In demo trading every request also carries {@code x-simulated-trading: 1}. An
 * order placement or amendment also carries {@code expTime}, the signing time plus the option
 * {@code order_exp_time_ms} in Unix milliseconds (Overview &gt; Transaction Timeouts), which OKX does
 * not sign: after it OKX will not process the request.
 * Without credentials a private request fails with the settings to set. Thread-safe: one
 * {@link Mac}, keyed once, per thread.
 */
final class OkxSigner implements RequestSigner {
    static final String ACCESS_KEY = "OK-ACCESS-KEY";
    static final String ACCESS_SIGN = "OK-ACCESS-SIGN";
    static final String ACCESS_TIMESTAMP = "OK-ACCESS-TIMESTAMP";
    static final String ACCESS_PASSPHRASE = "OK-ACCESS-PASSPHRASE";
    static final String SIMULATED_TRADING = "x-simulated-trading";
    /** Overview &gt; Transaction Timeouts &gt; REST API: "Request effective deadline. Unix timestamp in milliseconds". */
    static final String EXP_TIME = "expTime";
    private static final Set<String> SECRETS = Set.of(ACCESS_KEY, ACCESS_SIGN, ACCESS_PASSPHRASE);
    private static final String ALGORITHM = "HmacSHA256";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ExchangeSettings settings;
    private final String apiKey;
    private final String passphrase;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;
    private final boolean simulated;
    private final Duration orderExpTime;

    /**
     * A signer for these settings' credentials (if any) with their passphrase, checked by the
     * provider; {@code simulated} adds the demo-trading header to every request; every order
     * placement and amendment gets {@code expTime} = signing time + {@code orderExpTime}.
     */
    OkxSigner(ExchangeSettings settings, String passphrase, boolean simulated, Duration orderExpTime) {
        this.settings = requireNonNull(settings, "settings is null");
        this.orderExpTime = requireNonNull(orderExpTime, "orderExpTime is null");
        if (orderExpTime.isNegative() || orderExpTime.isZero()) {
            throw new IllegalArgumentException("orderExpTime must be positive, was " + orderExpTime);
        }
        Credentials c = settings.credentials().orElse(null);
        if (c != null) {
            requireNonNull(passphrase, "passphrase is null");
        }
        this.apiKey = c == null ? null : c.apiKey();
        this.passphrase = c == null ? null : passphrase;
        this.key = c == null ? null : new SecretKeySpec(c.secret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.simulated = simulated;
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

    /** Whether every request is sent as demo trading. */
    boolean simulated() {
        return simulated;
    }

    /** How long after signing an order placement or amendment its {@code expTime} falls. */
    Duration orderExpTime() {
        return orderExpTime;
    }

    /** OKX's timestamp form, e.g. {@code 2020-12-08T09:08:57.715Z}: always three fraction digits. */
    static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    @Override
    public Request sign(Request request, SigningContext context) {
        Request.Builder b = request.toBuilder()
                .removeHeader(ACCESS_KEY).removeHeader(ACCESS_SIGN).removeHeader(ACCESS_TIMESTAMP)
                .removeHeader(ACCESS_PASSPHRASE).removeHeader(SIMULATED_TRADING);
        if (simulated) {
            b.header(SIMULATED_TRADING, "1");
        }
        if (!OkxEndpoints.isPrivate(request.path())) {
            return simulated ? b.build() : request;
        }
        if (key == null) {
            settings.requireCredentials(OkxProvider.NAME);
            return request;
        }
        long now = context.nowMillis();
        if (OkxEndpoints.takesExpTime(request)) {
            // a deadline from the same clock as the signature, new on every attempt, so that a late copy is refused
            b.removeHeader(EXP_TIME).header(EXP_TIME, Long.toString(now + orderExpTime.toMillis()));
        }
        String timestamp = timestamp(now);
        // signed as the builder stands (the headers are not signed): one copy of the request, not two
        String prehash = timestamp + b.method().name() + b.pathWithQuery() + b.bodyText();
        String signature = Base64.getEncoder().encodeToString(mac.get().doFinal(prehash.getBytes(StandardCharsets.UTF_8)));
        return b.header(ACCESS_KEY, apiKey)
                .header(ACCESS_SIGN, signature)
                .header(ACCESS_TIMESTAMP, timestamp)
                .header(ACCESS_PASSPHRASE, passphrase)
                .secretNames(SECRETS)
                .build();
    }

    @Override
    public Set<String> secretNames() {
        return SECRETS;
    }

    @Override
    public String toString() {
        return "OkxSigner{" + (key == null ? "no credentials" : "HMAC, apiKey=****, passphrase=****")
                + (simulated ? ", demo trading" : "") + "}";
    }
}
