package io.antrest.core;

import java.util.Set;

/**
 * Signs a request before <em>every</em> attempt, so that a retried request carries a fresh
 * timestamp and signature. Implementations come from the exchange plugins; they must be
 * thread-safe (workers sign at once) and must never log or print keys or signatures.
 */
@FunctionalInterface
public interface RequestSigner {

    /** A signer that leaves requests as they are, for public endpoints. */
    RequestSigner NONE = (request, context) -> request;

    /**
     * Returns the request as it must be sent: with the exchange's authentication headers and
     * parameters added, and marked with {@code .secretNames(secretNames())} so that printing it
     * masks them.
     *
     * @param request the request as the caller built it
     * @param context the base URL, the attempt number and the clock to sign with
     */
    Request sign(Request request, SigningContext context);

    /**
     * The names of the headers and parameters this signer fills with secrets (API key,
     * signature), to be printed as {@code ****}. Compared without regard to case.
     */
    default Set<String> secretNames() {
        return Set.of();
    }
}
