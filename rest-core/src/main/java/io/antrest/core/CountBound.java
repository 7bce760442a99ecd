package io.antrest.core;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The range a count or size setting must lie in (both ends included), with the setting's name
 * and meaning for the message that refuses a value outside it. Builders hold one per setting as
 * a public constant, so embedders and the settings file meet the same bound.
 *
 * @param setting the setting's name as the builder calls it, e.g. {@code sessions}
 * @param min     the smallest value allowed
 * @param max     the largest value allowed
 * @param meaning what the setting is, for the message, e.g. {@code how many requests are sent at once}
 */
public record CountBound(String setting, long min, long max, String meaning) {
    /** Checks the arguments. */
    public CountBound {
        requireNonNull(setting, "setting is null");
        requireNonNull(meaning, "meaning is null");
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is more than max " + max);
        }
    }

    /** Whether {@code value} lies in the range. */
    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** {@code 1 to 256}. */
    public String range() {
        return min + " to " + max;
    }

    /**
     * The value, when in the range.
     *
     * @throws IllegalArgumentException naming the setting, the value and the range
     */
    public int checkInt(long value) {
        if (max > Integer.MAX_VALUE) {
            throw new IllegalStateException(setting + " is bounded by " + max + ", beyond an int");
        }
        return (int) check(value);
    }

    /**
     * The value, when in the range.
     *
     * @throws IllegalArgumentException naming the setting, the value and the range
     */
    public long check(long value) {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return value;
    }

    /** What is wrong with the value ("sessions must be from 1 to 256, was 0: it is ..."), or empty when it lies in the range. */
    public Optional<String> problem(long value) {
        return contains(value) ? Optional.empty()
                : Optional.of(setting + " must be from " + range() + ", was " + value + ": it is " + meaning);
    }
}
