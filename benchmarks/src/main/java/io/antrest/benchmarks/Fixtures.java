package io.antrest.benchmarks;

import io.antrest.core.Request;
import io.antrest.core.SigningContext;
import io.antrest.gateway.ProviderRegistry;
import io.antrest.gateway.spi.Credentials;
import io.antrest.gateway.spi.Exchange;
import io.antrest.gateway.spi.ExchangeSettings;
import io.antrest.gateway.spi.KeyType;
import io.antrest.gateway.spi.OrderRequest;
import io.antrest.gateway.spi.Side;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * What every signer benchmark starts from: the plugin found the way the runtime finds it
 * ({@link ProviderRegistry#discover()}), settings with credentials, and a realistic new order
 * made by the plugin's own {@code TradingApi}.
 */
final class Fixtures {
    /** A 64-character API key and secret, the shape Binance and BitMEX hand out. */
    static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    private Fixtures() {
    }

    /** The exchange of plugin {@code name} with these credentials, on its live URL (nothing is sent). */
    static Exchange exchange(String name, Credentials credentials) {
        ExchangeSettings settings = ExchangeSettings.builder().live().credentials(credentials).build();
        return ProviderRegistry.discover().provider(name).provider().create(settings);
    }

    /** A limit buy as a platform places it, with a client order id of the usual length. */
    static Request newOrder(Exchange exchange, String symbol, String quantity, String price) {
        OrderRequest order = OrderRequest.limit(symbol, Side.BUY, new BigDecimal(quantity), new BigDecimal(price))
                .withClientOrderId("antrest-bench-0123456789abcdef");
        return exchange.trading().newOrder(order);
    }

    /** A fresh key pair of {@code algorithm} ({@code Ed25519}, or {@code RSA} of 2048 bits). */
    static KeyPair keyPair(KeyType type) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type == KeyType.RSA ? "RSA" : "Ed25519");
            if (type == KeyType.RSA) {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make " + type + " keys", e);
        }
    }

    /** The private key as the PKCS#8 PEM text a user puts in the settings. */
    static String pkcs8Pem(PrivateKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * The bytes a Binance signer signs for {@code signed}: its query string without the
     * {@code signature} parameter, then its body.
     */
    static byte[] binancePayload(Request signed) {
        String query = signed.toBuilder().removeParam("signature").build().queryString();
        return (query + signed.bodyText()).getBytes(StandardCharsets.UTF_8);
    }

    /** HMAC-SHA256 keyed with {@link #SECRET}, as the HMAC signers key theirs. */
    static Mac hmacSha256() throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac;
    }

    /** The context the engine makes for a first attempt, on the system clock. */
    static SigningContext firstAttempt(Exchange exchange) {
        return new SigningContext(exchange.baseUrl(), 1, java.time.Clock.systemUTC());
    }
}
