package dev.opsdesk.client.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A failure with its stored payload, redacted headers, attempt timeline, notes and related order.
 * On the wire the failure's own fields sit beside these (the contract's {@code allOf}).
 */
@JsonDeserialize(using = FailureDetail.Reader.class)
public record FailureDetail(Failure failure, String payload, Map<String, String> headers,
                            List<Attempt> attempts, List<Note> notes, Order order) {

    public FailureDetail {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Reads the flat wire form: the failure's fields plus the detail fields in one object. */
    static final class Reader extends StdDeserializer<FailureDetail> {
        Reader() {
            super(FailureDetail.class);
        }

        @Override
        public FailureDetail deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            ObjectMapper mapper = (ObjectMapper) p.getCodec();
            JsonNode node = mapper.readTree(p);
            Failure failure = mapper.treeToValue(node, Failure.class);
            return new FailureDetail(failure,
                    node.path("payload").isNull() || node.path("payload").isMissingNode() ? null : node.path("payload").asText(),
                    read(mapper, node.get("headers"), new TypeReference<Map<String, String>>() { }),
                    read(mapper, node.get("attempts"), new TypeReference<List<Attempt>>() { }),
                    read(mapper, node.get("notes"), new TypeReference<List<Note>>() { }),
                    read(mapper, node.get("order"), new TypeReference<Order>() { }));
        }

        private static <T> T read(ObjectMapper mapper, JsonNode node, TypeReference<T> type) throws IOException {
            return node == null || node.isNull() ? null : mapper.readerFor(type).readValue(node);
        }
    }
}
