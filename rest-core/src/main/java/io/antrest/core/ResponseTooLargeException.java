package io.antrest.core;

import java.io.IOException;

/** An answer over {@link RestClientConfig#maxResponseBytes()}: not retried, reported as malformed. */
final class ResponseTooLargeException extends IOException {
    ResponseTooLargeException(Request request, int limit) {
        super("the answer to " + request.method() + " " + request.path() + " is larger than maxResponseBytes ("
                + limit + " bytes); raise RestClientConfig.maxResponseBytes or ask for less");
    }
}
