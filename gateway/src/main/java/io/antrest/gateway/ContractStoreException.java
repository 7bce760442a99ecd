package io.antrest.gateway;

import io.antrest.core.RestException;

/** The contract store's database could not be opened, read or written; the message says which and why. */
public class ContractStoreException extends RestException {
    /** Creates one with a message and the database's error. */
    public ContractStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
