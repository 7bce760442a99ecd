package io.antrest.sim;

/** Thrown when the simulator cannot start or restart, e.g. because its port is taken. */
public final class SimExchangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SimExchangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
