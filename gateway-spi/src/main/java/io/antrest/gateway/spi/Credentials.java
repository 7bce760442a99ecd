package io.antrest.gateway.spi;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An API key and what signs with it: an HMAC secret, or a PKCS#8 PEM private key for Ed25519
 * and RSA keys; and, for exchanges that ask for one (OKX, KuCoin, Coinbase Exchange, Bitget),
 * the passphrase chosen when the key was made. Never printed: {@link #toString()} shows the key
 * type and whether a passphrase is set, nothing else.
 *
 * @param apiKey     the API key (public, but still not printed: it identifies the account)
 * @param secret     the HMAC secret, or the PEM text of the private key
 * @param type       which kind of key
 * @param passphrase the key's passphrase, where the exchange has one
 */
public record Credentials(String apiKey, String secret, KeyType type, Optional<String> passphrase) {
    /** Checks the arguments. */
    public Credentials {
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(type, "type is null");
        requireNonNull(passphrase, "passphrase is null");
        if (apiKey.isBlank()) {
            throw new GatewaySettingsException("the API key is blank: set api-key (gateway.NAME.api-key in antrest.properties)");
        }
        if (secret.isBlank()) {
            throw new GatewaySettingsException("the API secret is blank: set secret (gateway.NAME.secret in "
                    + "antrest.properties), or secret-file for the PEM private key of an Ed25519 or RSA key");
        }
        if (passphrase.isPresent() && passphrase.get().isBlank()) {
            throw new GatewaySettingsException("the API passphrase is blank: set passphrase (gateway.NAME.passphrase in "
                    + "antrest.properties, best as ${env:VARIABLE}) to the passphrase chosen when the key was made, or leave it unset");
        }
    }

    /** Credentials without a passphrase. */
    public Credentials(String apiKey, String secret, KeyType type) {
        this(apiKey, secret, type, Optional.empty());
    }

    /** HMAC credentials. */
    public static Credentials hmac(String apiKey, String secret) {
        return new Credentials(apiKey, secret, KeyType.HMAC);
    }

    /** The same credentials with this passphrase. */
    public Credentials withPassphrase(String passphrase) {
        return new Credentials(apiKey, secret, type, Optional.of(requireNonNull(passphrase, "passphrase is null")));
    }

    /**
     * The passphrase.
     *
     * @throws GatewaySettingsException when none was given, naming the setting for {@code exchange}
     */
    public String requirePassphrase(String exchange) {
        return passphrase.orElseThrow(() -> new GatewaySettingsException("exchange '" + exchange + "' signs with the API"
                + " key's passphrase and the gateway has none: set passphrase (gateway.NAME.passphrase in antrest.properties,"
                + " best as ${env:VARIABLE}; when embedding, Credentials.withPassphrase(...)) to the passphrase chosen when"
                + " the key was made"));
    }

    @Override
    public String toString() {
        return "Credentials{" + type + ", apiKey=****, secret=****" + (passphrase.isPresent() ? ", passphrase=****" : "") + "}";
    }
}
