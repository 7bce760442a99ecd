package io.antrest.core;

/**
 * Text from outside (an exchange's error message, a body's start) made safe for a log line or a
 * terminal: control characters (a newline that would forge a log line, an escape sequence that
 * would clear a screen) are written as {@code \\uXXXX}, and the text is cut at a length.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code text} with control characters escaped, cut to {@code max} characters (then ending in {@code …}). */
    public static String of(CharSequence text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 8);
        int i = 0;
        for (; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (i < text.length()) {
            b.append('…');
        }
        return b.toString();
    }
}
