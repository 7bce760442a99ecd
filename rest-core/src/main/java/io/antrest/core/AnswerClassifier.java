package io.antrest.core;

/**
 * Reads what every answer means, 2xx included: an exchange that answers refusals with HTTP 200
 * and an error code in the body (OKX) is read here, so that such an answer ends FAILED, is
 * retried, or makes the client wait, exactly as its non-2xx form would. The gateway runtime gives
 * one that asks the exchange plugin; a bare client judges by the HTTP status. Called on a worker
 * once per answer: it must be quick, thread-safe, and must not throw (the engine falls back to
 * the HTTP status when it does).
 */
@FunctionalInterface
public interface AnswerClassifier {

    /** Judges by the HTTP status alone ({@link AnswerVerdict#ofStatus}). */
    AnswerClassifier HTTP_STATUS = (request, response) -> AnswerVerdict.ofStatus(response.status());

    /**
     * What {@code response}, the answer to {@code request}, means. A verdict of success for a
     * non-2xx answer is read as a refusal.
     */
    AnswerVerdict classify(Request request, Response response);
}
