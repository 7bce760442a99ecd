package io.antrest.gateway.okx;

import io.antrest.core.Param;
import io.antrest.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds answers for parser and classifier tests from text and test resources. */
final class Responses {
    private Responses() {
    }

    static Response of(int status, String body, String... headerPairs) {
        List<Param> headers = new ArrayList<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(Param.of(headerPairs[i], headerPairs[i + 1]));
        }
        return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(3), 1);
    }

    static Response resource(String name) {
        try (InputStream in = Responses.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new Response(200, List.of(), in.readAllBytes(), Duration.ofMillis(3), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
