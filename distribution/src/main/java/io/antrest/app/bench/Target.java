package io.antrest.app.bench;

import static java.util.Objects.requireNonNull;

/**
 * What a benchmark drives: the exchange's base URL and the credentials to sign with.
 *
 * @param exchange the exchange plugin, e.g. {@code binance}
 * @param baseUrl  its base URL
 * @param apiKey   the API key
 * @param secret   the HMAC secret (never printed)
 */
public record Target(String exchange, String baseUrl, String apiKey, String secret) {
    /** Checks the arguments. */
    public Target {
        requireNonNull(exchange, "exchange is null");
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(secret, "secret is null");
    }

    @Override
    public String toString() {
        return "Target{" + exchange + " at " + baseUrl + ", apiKey=****, secret=****}";
    }
}
