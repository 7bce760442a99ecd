package io.antrest.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            JsonNode node = MAPPER.readTree(body);
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
}
