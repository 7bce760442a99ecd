package io.antrest.core;

import java.io.IOException;

/** An answer over {@link RestClientConfig#maxResponseBytes()}: not retried, reported as malformed. */
final class ResponseTooLargeException extends IOException {
    ResponseTooLargeException(Request request, int limit, String what) {
        super("the answer to " + request.method() + " " + request.path() + " " + what + ", more than maxResponseBytes ("
                + limit + " bytes): it was cut off there and its connection closed; ask for less (e.g. one symbol, a"
                + " smaller limit) or raise RestClientConfig.maxResponseBytes (antrest.client.max-response-bytes)");
    }
}
