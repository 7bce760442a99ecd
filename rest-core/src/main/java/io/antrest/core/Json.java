package io.antrest.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The one JSON mapper of the engine: prices stay {@link java.math.BigDecimal}, never double.
 * A mapper is thread-safe once configured, so one immutable instance serves every client.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Reads exactly one JSON value: text after it is an error, not silently ignored. */
    private static final ObjectReader ONE_VALUE = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String HOW_TO_FIX = "; give one complete JSON value, e.g. {\"symbol\":\"XBTUSD\",\"orderQty\":1}, "
            + "or send a request without a body (or other text with Body.raw(bytes, contentType))";

    private Json() {
    }

    /** The shared, configured mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a body.
     *
     * @throws MalformedResponseException naming the status and where the JSON broke
     */
    public static JsonNode parse(byte[] body, int status) {
        try {
            JsonNode node = ONE_VALUE.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new MalformedResponseException("answer with status " + status + " has an empty body where JSON was expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("answer with status " + status + " is not valid JSON ("
                    + body.length + " bytes): " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedResponseException("answer with status " + status + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code text} is one complete JSON value, as a JSON request body must be.
     *
     * @throws IllegalArgumentException saying where the text stops being JSON and what to give
     *                                  instead; it quotes at most the offending token, never the whole text
     */
    static void requireValid(String text) {
        // Read as tokens, skipping over the value: a body is checked without building its tree.
        try (JsonParser parser = MAPPER.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("the JSON body is empty" + HOW_TO_FIX);
            }
            parser.skipChildren();
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new JsonParseException(parser, "Trailing token (of type " + after + ") found after the JSON value");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("the JSON body (" + text.length() + " chars) is not valid JSON: "
                    + e.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")") + HOW_TO_FIX);
        } catch (IOException e) {
            throw new IllegalArgumentException("the JSON body could not be read: " + e.getMessage() + HOW_TO_FIX, e);
        }
    }
}
