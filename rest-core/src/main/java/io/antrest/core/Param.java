package io.antrest.core;

import static java.util.Objects.requireNonNull;

/**
 * One name and value pair: a query parameter, a form field or a header.
 *
 * @param name  the name, never null
 * @param value the value, never null (use an empty string for a bare name)
 */
public record Param(String name, String value) {
    /** Checks that neither part is null. */
    public Param {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
    }

    /** A shorthand for {@code new Param(name, value)}. */
    public static Param of(String name, String value) {
        return new Param(name, value);
    }

    /** Redaction lives in {@link Redactor}; a bare Param never prints its value. */
    @Override
    public String toString() {
        return name + "=…";
    }
}
