package io.antrest.core;

/**
 * Asked "may this request go now?" before a request is queued and again before it is sent.
 * The monitor implements it (rest-core does not depend on the monitor): a droppable request is
 * dropped while its gateway is not up, the seed's data-producer mode; a request may be held
 * back while its gateway is rate-limited. Implementations must be fast and thread-safe.
 */
@FunctionalInterface
public interface Admission {

    /** Admits everything. */
    Admission ALWAYS = (client, request, stage) -> AdmissionDecision.admit();

    /** When admission is asked. */
    enum Stage {
        /** In {@code addRequest}/{@code submit}, before the request is queued. */
        ENQUEUE,
        /** In a worker, before an attempt is signed and sent. */
        SEND
    }

    /**
     * Decides about one request.
     *
     * @param client  the client's (gateway's) name
     * @param request the request
     * @param stage   when this is asked
     */
    AdmissionDecision admit(String client, Request request, Stage stage);
}
