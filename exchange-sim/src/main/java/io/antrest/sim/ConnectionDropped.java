package io.antrest.sim;

import java.io.IOException;

/** Thrown out of the handler after a fault dropped the connection, so HttpCore writes nothing more. */
final class ConnectionDropped extends IOException {

    private static final long serialVersionUID = 1L;

    ConnectionDropped(String fault) {
        super("connection dropped by fault " + fault, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
