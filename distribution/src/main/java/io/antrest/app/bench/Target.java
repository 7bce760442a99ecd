package io.antrest.app.bench;

import io.antrest.core.Redactor;
import io.antrest.gateway.spi.Credentials;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a benchmark drives: the exchange's base URL and the credentials to sign with.
 *
 * @param exchange the exchange plugin, e.g. {@code binance}
 * @param baseUrl  its base URL
 * @param apiKey   the API key
 * @param secret     the HMAC secret (never printed)
 * @param passphrase the API key's passphrase, for exchanges that have one (OKX; never printed)
 */
public record Target(String exchange, String baseUrl, String apiKey, String secret, Optional<String> passphrase) {
    /** Checks the arguments. */
    public Target {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(passphrase, "passphrase is null");
    }

    /** The credentials to sign with. */
    public Credentials credentials() {
        Credentials c = Credentials.hmac(apiKey, secret);
        return passphrase.map(c::withPassphrase).orElse(c);
    }

    @Override
    public String toString() {
        return "Target{" + exchange + " at " + Redactor.url(baseUrl) + ", apiKey=****, secret=****"
                + (passphrase.isPresent() ? ", passphrase=****" : "") + "}";
    }
}
