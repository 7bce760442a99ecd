package io.antrest.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An exchange's answer to one attempt: status, headers, body and how long it took. Immutable;
 * the JSON tree is parsed on first use and kept.
 */
public final class Response {
    private final int status;
    private final List<Param> headers;
    private final byte[] body;
    private final Duration elapsed;
    private final int attempt;
    private volatile JsonNode json;

    /**
     * Creates a response.
     *
     * @param status  the HTTP status code
     * @param headers the answer's headers in order
     * @param body    the body bytes (not copied: the caller hands them over)
     * @param elapsed how long the attempt took
     * @param attempt which attempt this answered, from 1
     */
    public Response(int status, List<Param> headers, byte[] body, Duration elapsed, int attempt) {
        this.status = status;
        this.headers = List.copyOf(requireNonNull(headers, "headers is null"));
        this.body = requireNonNull(body, "body is null");
        this.elapsed = requireNonNull(elapsed, "elapsed is null");
        this.attempt = attempt;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status / 100 == 2;
    }

    /** The headers in the order they came. */
    public List<Param> headers() {
        return headers;
    }

    /** The first value of header {@code name}, compared without regard to case. */
    public Optional<String> header(String name) {
        for (Param p : headers) {
            if (p.name().equalsIgnoreCase(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }

    /** A copy of the body bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** The body's length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as JSON; {@code null} for an empty body (a 204).
     *
     * @throws MalformedResponseException when the body is not JSON
     */
    public JsonNode json() {
        JsonNode j = json;
        if (j == null && body.length > 0) {
            j = Json.parse(body, status);
            json = j;
        }
        return j;
    }

    /** How long the attempt took, from sending to the last byte read. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Which attempt this answered, from 1. */
    public int attempt() {
        return attempt;
    }

    /**
     * Status, length and the start of the body (exchanges do not echo secrets in bodies), its
     * control characters escaped so that it cannot forge a log line or steer a terminal.
     */
    @Override
    public String toString() {
        return "Response{" + status + ", " + body.length + " bytes, " + elapsed.toMillis() + " ms: "
                + Printable.of(bodyText(), 200) + "}";
    }
}
