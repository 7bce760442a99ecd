package io.antrest.app.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them in settings: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 {@code PT10S}. */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {
    }

    /** The duration, or empty-handed with an {@link IllegalArgumentException} saying how to write one. */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(text.trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw wrong(text, "far too long a duration");
        } catch (DateTimeParseException e) {
            throw wrong(text, e.getCause() instanceof ArithmeticException ? "far too long a duration" : "not a duration");
        }
    }

    private static IllegalArgumentException wrong(String text, String problem) {
        return new IllegalArgumentException("'" + text + "' is " + problem + "; write it like 500ms, 10s, 2m or PT10S");
    }
}
