package io.antrest.gateway;

/** What a gateway does when the exchange's contracts differ from the contract store's. */
public enum ContractPolicy {
    /** A difference keeps the gateway from coming UP; the error lists the differences. */
    STRICT,
    /** The store is updated to the exchange's contracts and the differences are reported. */
    SYNC
}
