package dev.opsdesk.sandbox.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;

/** The one JSON mapper of the HTTP layer: ISO-8601 timestamps, null properties left out unless a DTO says so. */
public final class Json {

    /** Every body is UTF-8, and says so: a client must not guess (ISO-8859-1 is the servlet default). */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    public static final String PROBLEM_CONTENT_TYPE = "application/problem+json; charset=utf-8";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Answers with {@code body} as JSON. */
    static void respond(Context ctx, int status, Object body) {
        ctx.status(status).contentType(CONTENT_TYPE).result(write(body));
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getName(), e);
        }
    }
}
