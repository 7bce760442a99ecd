package io.antrest.app.config;

/**
 * A settings file that cannot be used: the message names the file, the setting and what to
 * write instead. It never holds a secret's value.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message naming the setting and the fix. */
    public ConfigException(String message) {
        super(message);
    }

    /** With a message naming the setting and the fix, and the error behind it. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
