package io.antrest.core;

/**
 * Hears how attempts and calls end: the monitor counts outcomes and latencies, the gateway
 * corrects its rate-limit budget. Called on worker threads; implementations must be fast,
 * thread-safe and must not throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface OutcomeListener {

    /** One call ended; called once per call, before the caller's callback. */
    void onOutcome(Outcome outcome);

    /** One attempt ended, with an answer or an exception; by default ignored. */
    default void onAttempt(Attempt attempt) {
    }
}
