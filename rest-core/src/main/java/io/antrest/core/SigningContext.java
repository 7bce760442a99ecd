package io.antrest.core;

import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * What a signer needs beside the request: the client's base URL (its path is part of what
 * BitMEX signs), which attempt this is, and the clock to take the timestamp from.
 *
 * @param baseUrl the client's base URL, e.g. {@code https://www.bitmex.com/api/v1}
 * @param attempt the attempt about to be sent, from 1
 * @param clock   the client's clock (UTC)
 */
public record SigningContext(String baseUrl, int attempt, Clock clock) {
    /** Checks the arguments. */
    public SigningContext {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(clock, "clock is null");
    }

    /** The current time in epoch milliseconds, from the client's clock. */
    public long nowMillis() {
        return clock.millis();
    }

    /**
     * The path of the base URL ({@code /api/v1} for {@code https://www.bitmex.com/api/v1}),
     * empty when the base URL has none.
     */
    public String basePath() {
        int scheme = baseUrl.indexOf("://");
        int slash = baseUrl.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (slash < 0) {
            return "";
        }
        String p = baseUrl.substring(slash);
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The full path from the host with the query string, as BitMEX signs it. */
    public String fullPathWithQuery(Request request) {
        return basePath() + request.pathWithQuery();
    }

    /** The same for a request still being built, as a signer signs it before its one build. */
    public String fullPathWithQuery(Request.Builder request) {
        return basePath() + request.pathWithQuery();
    }
}
