package io.antrest.core;

/**
 * Where a request stands. {@link #READY}, {@link #QUEUED}, {@link #SENDING} and
 * {@link #WAITING_RETRY} are passing states; the other five are terminal, and every accepted
 * request reaches exactly one of them.
 */
public enum RequestStatus {
    /** Built, not yet handed to a client. */
    READY,
    /** Accepted and waiting in the queue. */
    QUEUED,
    /** Being signed and sent by a worker. */
    SENDING,
    /** Waiting for its back-off (or a rate-limit budget) before the next attempt. */
    WAITING_RETRY,
    /** Answered with a 2xx status. */
    SUCCESS,
    /** Answered with a non-2xx status that was not (or no longer) retried. */
    FAILED,
    /** Ended by an exception: connection failure, time-out, outcome unknown, queue full… */
    ERROR,
    /** Refused by admission (a droppable request while its gateway is not up, or over the soft limit). */
    DROPPED,
    /** Stopped before it was sent, because the client stopped. */
    CANCELLED;

    /** Whether this status ends the request. */
    public boolean isTerminal() {
        return ordinal() >= SUCCESS.ordinal();
    }
}
