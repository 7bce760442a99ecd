package io.antrest.core;

/**
 * No answer came: the connection failed or was refused, the exchange did not answer in time, or
 * the connection broke, and retries (where safe) did not help. The cause holds the I/O error.
 */
public class TransportException extends RestException {
    /** Creates one with a message and the I/O error. */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
