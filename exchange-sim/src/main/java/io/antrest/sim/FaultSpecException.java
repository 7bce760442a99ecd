package io.antrest.sim;

/** Thrown when a fault specification string cannot be parsed; the message says what was expected. */
public final class FaultSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    FaultSpecException(String spec, String problem) {
        super("Invalid fault spec '" + spec + "': " + problem
                + ". Expected [METHOD ]/path:fault[;fault...], e.g. /api/v3/account:status=503,503,200;latency=200ms");
    }
}
