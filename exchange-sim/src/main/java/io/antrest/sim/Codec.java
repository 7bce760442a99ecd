package io.antrest.sim;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hex, URL-form and decimal helpers written for the simulator (shared with no other module). */
final class Codec {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Codec() {
    }

    static String hex(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out, StandardCharsets.US_ASCII);
    }

    /** Decodes hex (either case); returns null if the text is not hex of even length. */
    static byte[] unhex(String text) {
        if (text == null || (text.length() & 1) != 0) {
            return null;
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /**
     * Parses {@code application/x-www-form-urlencoded} text into {@code params}, keeping the
     * first value of a repeated name.
     *
     * @return the name of a parameter sent twice, or null
     */
    static String parseForm(String text, Map<String, String> params) {
        String duplicate = null;
        if (text == null || text.isEmpty()) {
            return null;
        }
        int start = 0;
        int length = text.length();
        while (start <= length) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int eq = text.indexOf('=', start);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = urlDecode(text, start, end);
                    value = "";
                } else {
                    name = urlDecode(text, start, eq);
                    value = urlDecode(text, eq + 1, end);
                }
                if (params.putIfAbsent(name, value) != null && duplicate == null) {
                    duplicate = name;
                }
            }
            start = end + 1;
        }
        return duplicate;
    }

    static Map<String, String> parseForm(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(text, params);
        return params;
    }

    static String urlDecode(String s) {
        return urlDecode(s, 0, s.length());
    }

    private static String urlDecode(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return s.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int hi = i + 1 < to ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < to ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    bytes.write('%');
                } else {
                    bytes.write((hi << 4) | lo);
                    i += 2;
                }
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Removes the {@code signature=...} parameter from raw form text, leaving every other byte as
     * it was received; returns the text unchanged when it holds no signature.
     */
    static String withoutParam(String text, String name) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        String prefix = name + "=";
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('&', start);
            if (end < 0) {
                end = text.length();
            }
            if (text.startsWith(prefix, start)) {
                if (start == 0) {
                    return end >= text.length() ? "" : text.substring(end + 1);
                }
                return text.substring(0, start - 1) + text.substring(end);
            }
            start = end + 1;
        }
        return text;
    }

    /** Parses a decimal, or returns null when the text is not a plain decimal number. */
    static BigDecimal decimal(String text) {
        if (text == null || text.isEmpty() || text.length() > 40) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && !(i == 0 && c == '-')) {
                return null;
            }
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Formats like Binance: a plain decimal with exactly eight fraction digits. */
    static String eight(BigDecimal value) {
        return value.setScale(8, RoundingMode.DOWN).toPlainString();
    }

    /** Parses a non-negative long, or returns -1. */
    static long parseLong(String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
