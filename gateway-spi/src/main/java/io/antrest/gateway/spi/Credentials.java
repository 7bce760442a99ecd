package io.antrest.gateway.spi;

import static java.util.Objects.requireNonNull;

/**
 * An API key and what signs with it: an HMAC secret, or a PKCS#8 PEM private key for Ed25519
 * and RSA keys. Never printed: {@link #toString()} shows the key type only.
 *
 * @param apiKey the API key (public, but still not printed: it identifies the account)
 * @param secret the HMAC secret, or the PEM text of the private key
 * @param type   which kind of key
 */
public record Credentials(String apiKey, String secret, KeyType type) {
    /** Checks the arguments. */
    public Credentials {
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(type, "type is null");
        if (apiKey.isBlank()) {
            throw new GatewaySettingsException("the API key is blank: set api-key (gateway.NAME.api-key in antrest.properties)");
        }
        if (secret.isBlank()) {
            throw new GatewaySettingsException("the API secret is blank: set secret (gateway.NAME.secret in "
                    + "antrest.properties), or secret-file for the PEM private key of an Ed25519 or RSA key");
        }
    }

    /** HMAC credentials. */
    public static Credentials hmac(String apiKey, String secret) {
        return new Credentials(apiKey, secret, KeyType.HMAC);
    }

    @Override
    public String toString() {
        return "Credentials{" + type + ", apiKey=****, secret=****}";
    }
}
