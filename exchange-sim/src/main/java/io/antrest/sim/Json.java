package io.antrest.sim;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A small, allocation-light JSON writer for the simulator's answers.
 *
 * <p>The simulator writes its answers by hand rather than through Jackson's object mapping: the
 * answers are small, their field order matters for realism, and the hot path stays free of
 * reflection. Commas are inserted automatically.
 */
final class Json {

    private final StringBuilder out;
    /** Whether the next value in the current container needs a leading comma. */
    private boolean needComma;

    Json(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    Json() {
        this(256);
    }

    Json beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    Json endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    Json beginArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    Json endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    /** Starts a field; the next call writes its value. */
    Json name(String name) {
        comma();
        string(out, name);
        out.append(':');
        needComma = false;
        return this;
    }

    Json value(String value) {
        comma();
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
        needComma = true;
        return this;
    }

    Json value(long value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    Json value(boolean value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    /** Writes a number as a JSON number (BitMEX style). */
    Json value(BigDecimal value) {
        comma();
        out.append(value == null ? "null" : value.toPlainString());
        needComma = true;
        return this;
    }

    Json nullValue() {
        comma();
        out.append("null");
        needComma = true;
        return this;
    }

    /** Writes already-serialized JSON verbatim. */
    Json raw(String json) {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    Json field(String name, String value) {
        return name(name).value(value);
    }

    Json field(String name, long value) {
        return name(name).value(value);
    }

    Json field(String name, boolean value) {
        return name(name).value(value);
    }

    Json field(String name, BigDecimal value) {
        return name(name).value(value);
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(sb, s);
        return sb.toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
