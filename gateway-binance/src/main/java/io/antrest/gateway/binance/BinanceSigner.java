package io.antrest.gateway.binance;

import io.antrest.core.Request;
import io.antrest.core.RequestSigner;
import io.antrest.core.SigningContext;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.ExchangeSettings;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Signs Binance's SIGNED endpoints: adds {@code recvWindow} (unless the request has one) and
 * {@code timestamp} from the signing clock, signs the query string followed by the body (the
 * exact bytes sent) and appends {@code signature} as the last query parameter; the API key goes
 * in {@code X-MBX-APIKEY}. A USER_STREAM endpoint gets the API key and no signature (rest-api.md of
 * 2025-10-23, "Start user data stream": "This request does not require signature"). Public
 * requests pass unchanged. Thread-safe.
 */
final class BinanceSigner implements RequestSigner {
    static final String API_KEY_HEADER = "X-MBX-APIKEY";
    static final String SIGNATURE = "signature";
    private static final Set<String> SECRETS = Set.of(API_KEY_HEADER, SIGNATURE);

    private final String apiKey;
    private final PayloadSigner payloadSigner;
    private final long recvWindow;
    private final String keyType;
    private final ExchangeSettings settings;

    /**
     * A signer for these settings.
     *
     * @param settings   the settings, whose credentials (if any) sign
     * @param recvWindow the default {@code recvWindow} in milliseconds
     */
    BinanceSigner(ExchangeSettings settings, long recvWindow) {
        this.settings = requireNonNull(settings, "settings is null");
        this.recvWindow = recvWindow;
        Credentials c = settings.credentials().orElse(null);
        if (c == null) {
            this.apiKey = null;
            this.payloadSigner = null;
            this.keyType = "none";
        } else {
            this.apiKey = c.apiKey();
            this.keyType = c.type().name();
            this.payloadSigner = switch (c.type()) {
                case HMAC -> new HmacPayloadSigner(c.secret());
                case ED25519 -> new KeyPairPayloadSigner("Ed25519", PemPrivateKeys.parse(c.secret(), c.type()));
                case RSA -> new KeyPairPayloadSigner("SHA256withRSA", PemPrivateKeys.parse(c.secret(), c.type()));
            };
        }
    }

    /** The {@code recvWindow} in milliseconds put on every signed request that carries none of its own. */
    long recvWindow() {
        return recvWindow;
    }

    @Override
    public Request sign(Request request, SigningContext context) {
        // A request carrying the marker header counts as signed, so a public one has nothing to remove: no copy.
        BinanceEndpoints.Signing signing = BinanceEndpoints.signingOf(request);
        if (signing == BinanceEndpoints.Signing.NONE) {
            return request;
        }
        if (payloadSigner == null) {
            settings.requireCredentials(BinanceProvider.NAME);
        }
        if (signing == BinanceEndpoints.Signing.KEY_ONLY) {
            return request.toBuilder().removeHeader(API_KEY_HEADER).header(API_KEY_HEADER, apiKey).secretNames(SECRETS).build();
        }
        Request.Builder b = request.toBuilder().removeHeader(BinanceProvider.SIGNED_MARKER_HEADER);
        b.removeParam("timestamp").removeParam(SIGNATURE).removeHeader(API_KEY_HEADER);
        if (request.param("recvWindow").isEmpty()) {
            b.param("recvWindow", Long.toString(recvWindow));
        }
        b.param("timestamp", Long.toString(context.nowMillis())).header(API_KEY_HEADER, apiKey).secretNames(SECRETS);
        // signed as the builder stands, the signature appended last: one copy of the request, not two
        String payload = b.queryString() + b.bodyText();
        String signature = payloadSigner.sign(payload.getBytes(StandardCharsets.UTF_8));
        return b.param(SIGNATURE, signature).build();
    }

    @Override
    public Set<String> secretNames() {
        return SECRETS;
    }

    @Override
    public String toString() {
        return "BinanceSigner{" + keyType + ", recvWindow=" + recvWindow + (apiKey == null ? "" : ", apiKey=****") + "}";
    }
}
