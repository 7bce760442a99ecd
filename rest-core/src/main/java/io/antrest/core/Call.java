package io.antrest.core;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * One accepted request on its way through a client: the request, where it stands, how many
 * attempts it took and its last answer. Callbacks receive it, as the seed's callbacks received
 * its mutable {@code Request}. {@link #toString()} shows method, path, status and response code,
 * secrets masked.
 */
public final class Call {
    private final long id;
    private final String client;
    private final Request request;
    private final Instant submittedAt;
    private final long submittedNanos;
    private final Callback callback;
    private final Redactor redactor;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Throwable lastError;
    private volatile RequestStatus status = RequestStatus.READY;
    private volatile int attempts;
    private volatile Response response;
    private volatile AnswerVerdict verdict;
    private volatile Throwable error;

    Call(long id, String client, Request request, Callback callback, Redactor redactor, Instant submittedAt,
         long submittedNanos) {
        this.id = id;
        this.callback = requireNonNull(callback, "callback is null");
        this.redactor = request.secretNames().isEmpty() ? redactor : Redactor.of(union(redactor, request));
        this.client = requireNonNull(client, "client is null");
        this.request = requireNonNull(request, "request is null");
        this.submittedAt = requireNonNull(submittedAt, "submittedAt is null");
        this.submittedNanos = submittedNanos;
    }

    /** The call's number, unique within its client. */
    public long id() {
        return id;
    }

    /** The name of the client (gateway) that took the call. */
    public String client() {
        return client;
    }

    /** The request as the caller built it (unsigned). */
    public Request request() {
        return request;
    }

    /** The caller's tag from {@link Request#extra()}. */
    public Object extra() {
        return request.extra();
    }

    /** Where the call stands now. */
    public RequestStatus status() {
        return status;
    }

    /** How many attempts were sent so far. */
    public int attempts() {
        return attempts;
    }

    /** The last answer, if any came. */
    public Optional<Response> response() {
        return Optional.ofNullable(response);
    }

    /** The error that ended the call, if it ended ERROR, DROPPED or CANCELLED. */
    public Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }

    /** When the client accepted the call (UTC). */
    public Instant submittedAt() {
        return submittedAt;
    }

    long submittedNanos() {
        return submittedNanos;
    }

    Callback callback() {
        return callback;
    }

    Throwable lastError() {
        return lastError;
    }

    void lastError(Throwable lastError) {
        this.lastError = lastError;
    }

    void status(RequestStatus status) {
        this.status = status;
    }

    int nextAttempt() {
        return ++attempts;
    }

    void response(Response response, AnswerVerdict verdict) {
        this.response = response;
        this.verdict = verdict;
    }

    /**
     * What the last answer meant (a 2xx answer can carry a refusal, read by the client's
     * {@link AnswerClassifier}); empty when no answer came.
     */
    public Optional<AnswerVerdict> verdict() {
        return Optional.ofNullable(verdict);
    }

    /** Claims the single terminal transition; false when the call had already ended. */
    boolean end(RequestStatus terminal, Throwable error) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        this.error = error;
        this.status = terminal;
        return true;
    }

    /** Whether the call has reached its terminal status. */
    public boolean isDone() {
        return ended.get();
    }

    /** {@code Call#7 POST /api/v3/order FAILED 400 params={…, signature=****}}. */
    @Override
    public String toString() {
        Response r = response;
        return "Call#" + id + " " + request.method() + " " + request.path() + " " + status + " "
                + (r == null ? "-" : Integer.toString(r.status()))
                + (request.params().isEmpty() ? "" : " params=" + redactor.params(request.params()));
    }

    private static java.util.Set<String> union(Redactor redactor, Request request) {
        java.util.Set<String> all = new java.util.HashSet<>(redactor.names());
        all.addAll(request.secretNames());
        return all;
    }
}
