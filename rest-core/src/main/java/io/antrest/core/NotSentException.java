package io.antrest.core;

import java.io.IOException;

/**
 * An attempt that failed before a single byte of the request was written (the connection could
 * not be opened, or a kept-alive connection was found closed by the exchange before use): the
 * exchange cannot have acted on it, so even an order may be sent again.
 */
final class NotSentException extends IOException {
    NotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
