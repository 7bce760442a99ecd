package io.antrest.core;

/** The HTTP methods an exchange REST API uses. */
public enum Method {
    GET, POST, PUT, DELETE;

    /**
     * Whether a request with this method is safe to send twice by default: GET and DELETE are
     * (a second cancel of the same order is refused, never doubled); POST and PUT are not.
     */
    public boolean idempotentByDefault() {
        return this == GET || this == DELETE;
    }
}
