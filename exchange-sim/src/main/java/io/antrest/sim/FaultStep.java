package io.antrest.sim;

import static java.util.Objects.requireNonNull;

/**
 * One programmed misbehaviour, applied to one matching request.
 *
 * @param kind what happens to the request
 * @param status the HTTP status for {@link Kind#STATUS} and {@link Kind#STATUS_AFTER}, else 0
 */
public record FaultStep(Kind kind, int status) {

    /** What a fault does to the request it applies to. */
    public enum Kind {
        /** Answer with {@code status} without processing; 200 means "answer normally". */
        STATUS(true),
        /** Process the request (an order is placed), then answer with {@code status} instead. */
        STATUS_AFTER(false),
        /** Reset the connection (TCP RST) before processing. */
        RESET(true),
        /** Process the request, then reset the connection instead of answering: the answer is lost. */
        RESET_AFTER(false),
        /** Close the connection without an answer (TCP FIN) before processing. */
        CLOSE(true),
        /** Process the request, then close the connection without an answer. */
        CLOSE_AFTER(false),
        /** Process the request, then answer 200 with a body that is not JSON. */
        MALFORMED_JSON(false),
        /** Process the request, then answer with the first half of the real body (Content-Length matches). */
        TRUNCATED_JSON(false),
        /**
         * Hold the request unanswered, its connection open, like an exchange frozen with SIGSTOP,
         * until the faults are cleared (it thaws): then it is processed and answered, late.
         */
        HANG(true),
        /**
         * Process the request, then answer 200 with a chunked body that drips one space (JSON
         * whitespace) every {@link Faults#DRIP_INTERVAL}, never pausing long enough for a socket
         * time-out, until the faults are cleared: then the real body follows.
         */
        DRIP(false);

        private final boolean beforeProcessing;

        Kind(boolean beforeProcessing) {
            this.beforeProcessing = beforeProcessing;
        }

        /** Whether the fault strikes before the simulator processes the request. */
        public boolean beforeProcessing() {
            return beforeProcessing;
        }
    }

    /** Validates the step. */
    public FaultStep {
        requireNonNull(kind, "kind is null");
        boolean withStatus = kind == Kind.STATUS || kind == Kind.STATUS_AFTER;
        if (withStatus && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        if (!withStatus && status != 0) {
            throw new IllegalArgumentException(kind + " takes no status, got " + status);
        }
    }

    /** A step of a kind that takes no status (one shared instance per kind: steps are values). */
    public static FaultStep of(Kind kind) {
        return WITHOUT_STATUS[kind.ordinal()];
    }

    private static final FaultStep[] WITHOUT_STATUS = java.util.Arrays.stream(Kind.values())
            .map(k -> k == Kind.STATUS || k == Kind.STATUS_AFTER ? null : new FaultStep(k, 0)).toArray(FaultStep[]::new);

    /** Whether this step changes nothing (status 200 before processing). */
    boolean isPassThrough() {
        return kind == Kind.STATUS && status == 200;
    }
}
