package io.antrest.core;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The range a duration setting must lie in (both ends included), with the setting's name and
 * meaning for the message that refuses a value outside it. Builders hold one per setting as a
 * public constant, so embedders and the settings file meet the same bound, and no duration is so
 * long that converting it to nanoseconds overflows.
 *
 * @param setting the setting's name as the builder calls it, e.g. {@code heartBeatInterval}
 * @param min     the shortest duration allowed, positive
 * @param max     the longest duration allowed
 * @param meaning what the setting is, for the message, e.g. {@code how often a gateway is pinged}
 */
public record DurationBound(String setting, Duration min, Duration max, String meaning) {
    /** Checks the arguments. */
    public DurationBound {
        requireNonNull(setting, "setting is null");
        requireNonNull(min, "min is null");
        requireNonNull(max, "max is null");
        requireNonNull(meaning, "meaning is null");
        if (min.isNegative() || min.isZero() || min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min + " must be positive and at most max " + max);
        }
    }

    /** Whether {@code value} lies in the range. */
    public boolean contains(Duration value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    /** {@code 1ms to 1h}. */
    public String range() {
        return text(min) + " to " + text(max);
    }

    /**
     * The duration, when in the range.
     *
     * @throws IllegalArgumentException naming the setting, the value and the range
     * @throws NullPointerException     when it is null
     */
    public Duration check(Duration value) {
        requireNonNull(value, setting + " is null");
        if (!contains(value)) {
            throw new IllegalArgumentException(setting + " must be from " + range() + ", was " + text(value) + ": it is "
                    + meaning);
        }
        return value;
    }

    /** A duration as people write it: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, else ISO-8601. */
    public static String text(Duration d) {
        if (d.isNegative() || d.isZero() || d.getNano() % 1_000_000 != 0 || d.getSeconds() >= Long.MAX_VALUE / 1000) {
            return d.toString();
        }
        long ms = d.getSeconds() * 1000 + d.getNano() / 1_000_000;
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
