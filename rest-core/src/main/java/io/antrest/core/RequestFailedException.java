package io.antrest.core;

import static java.util.Objects.requireNonNull;

/**
 * The exchange answered with a non-2xx status that was not retried (or no longer): the
 * exception that fails a {@link RestClient#submit(Request)} future whose call ended FAILED.
 */
public class RequestFailedException extends RestException {
    private final transient Response response;

    /** Creates one for a request and its final answer. */
    public RequestFailedException(Request request, Response response) {
        super(request.method() + " " + request.path() + " failed with HTTP " + response.status() + ": " + preview(response));
        this.response = requireNonNull(response, "response is null");
    }

    /** The exchange's final answer. */
    public Response response() {
        return response;
    }

    /** The HTTP status of the final answer. */
    public int status() {
        return response.status();
    }

    /** The body's start, control characters escaped: the exchange's text must not forge a log line or steer a terminal. */
    private static String preview(Response response) {
        return Printable.of(response.bodyText(), 300);
    }
}
