package io.antrest.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The body of a request: form fields, a JSON text, or raw bytes. Its bytes are exactly what
 * is sent, so a signer that signs {@link #text()} signs what the exchange receives.
 */
public sealed interface Body permits Body.Form, Body.Json, Body.Raw {

    /** The bytes sent on the wire. */
    byte[] bytes();

    /** The body as text (UTF-8), the form in which exchanges sign it. */
    String text();

    /** The {@code Content-Type} header value. */
    String contentType();

    /** Form fields, sent as {@code application/x-www-form-urlencoded} in the given order. */
    static Body form(List<Param> fields) {
        return new Form(fields);
    }

    /**
     * A JSON text, sent as {@code application/json} exactly as given.
     *
     * @throws IllegalArgumentException when the text is not one complete JSON value, saying where it breaks
     */
    static Body json(String json) {
        return new Json(json);
    }

    /** Raw bytes with their content type. */
    static Body raw(byte[] bytes, String contentType) {
        return new Raw(bytes, contentType);
    }

    /** Form fields; see {@link Body#form(List)}. */
    record Form(List<Param> fields) implements Body {
        /** Copies the fields. */
        public Form {
            fields = List.copyOf(requireNonNull(fields, "fields is null"));
        }

        @Override
        public byte[] bytes() {
            return text().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String text() {
            return UrlEncoding.encode(fields);
        }

        @Override
        public String contentType() {
            return "application/x-www-form-urlencoded";
        }

        @Override
        public String toString() {
            return "form" + Redactor.DEFAULT.params(fields);
        }
    }

    /** A JSON text; see {@link Body#json(String)}. */
    record Json(String json) implements Body {
        /**
         * Checks the text is one complete JSON value: a body the exchange cannot parse is refused
         * here, where the caller made it, not after a round trip.
         *
         * @throws IllegalArgumentException when it is not, saying where it breaks
         */
        public Json {
            requireNonNull(json, "json is null");
            io.antrest.core.Json.requireValid(json);
        }

        @Override
        public byte[] bytes() {
            return json.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String text() {
            return json;
        }

        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public String toString() {
            return "json(" + json.length() + " chars)";
        }
    }

    /** Raw bytes; see {@link Body#raw(byte[], String)}. */
    record Raw(byte[] data, String contentType) implements Body {
        /** Copies the bytes. */
        public Raw {
            data = requireNonNull(data, "data is null").clone();
            requireNonNull(contentType, "contentType is null");
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] bytes() {
            return data.clone();
        }

        @Override
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r && Arrays.equals(data, r.data) && contentType.equals(r.contentType);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(data) + contentType.hashCode();
        }

        @Override
        public String toString() {
            return "raw(" + data.length + " bytes, " + contentType + ")";
        }
    }
}
