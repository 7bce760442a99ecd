package io.antrest.core;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * The answer of {@link Admission}: let the request go, drop it (it ends DROPPED and its caller
 * is told why), or hold it until a time (it waits without occupying a worker).
 *
 * @param verdict   what to do
 * @param reason    why, for a drop or a deferral; empty when admitted
 * @param notBefore for a deferral, the earliest time to try again; null otherwise
 */
public record AdmissionDecision(Verdict verdict, String reason, Instant notBefore) {
    private static final AdmissionDecision ADMIT = new AdmissionDecision(Verdict.ADMIT, "", null);

    /** What admission decided. */
    public enum Verdict {
        /** Go on. */
        ADMIT,
        /** End the request as DROPPED. */
        DROP,
        /** Try again at {@code notBefore}. */
        DEFER
    }

    /** Checks the arguments. */
    public AdmissionDecision {
        requireNonNull(verdict, "verdict is null");
        requireNonNull(reason, "reason is null");
        if (verdict == Verdict.DEFER) {
            requireNonNull(notBefore, "a deferral needs notBefore");
        }
    }

    /** Let it go. */
    public static AdmissionDecision admit() {
        return ADMIT;
    }

    /** Drop it, saying why. */
    public static AdmissionDecision drop(String reason) {
        return new AdmissionDecision(Verdict.DROP, reason, null);
    }

    /** Hold it until {@code notBefore}, saying why. */
    public static AdmissionDecision defer(Instant notBefore, String reason) {
        return new AdmissionDecision(Verdict.DEFER, reason, notBefore);
    }
}
