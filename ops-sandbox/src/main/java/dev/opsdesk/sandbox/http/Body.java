package dev.opsdesk.sandbox.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.FieldError;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one request-body validator: reads a JSON object and checks its fields against what the request takes, collecting
 * every problem, then {@link #validate()} answers {@code 400 validation} with all of them as {@code errors} (the
 * contract's {@code Problem}). A body that is not a JSON object fails at once. Messages say what is expected, never
 * what was sent (a body may hold a password).
 *
 * <pre>{@code
 * Body body = Body.of(ctx, "note", "text");
 * String text = body.requiredText("text", 4000);
 * body.validate();
 * }</pre>
 */
final class Body {

    private static final ObjectReader JSON_READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNode node;
    private final String what;
    private final List<FieldError> errors = new ArrayList<>();

    private Body(JsonNode node, String what, Set<String> properties) {
        this.node = node;
        this.what = what;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!properties.contains(name)) {
                errors.add(new FieldError(name, "Unknown property; this request takes "
                        + String.join(", ", properties.stream().sorted().toList()) + "."));
            }
        }
    }

    /**
     * The body of a request that needs one.
     *
     * @param what       what the request is, for the problem's detail ("The {what} is not valid; see errors.")
     * @param properties every property the request takes; others are errors
     */
    static Body of(Context ctx, String what, String... properties) {
        return new Body(readObject(ctx), what, Set.of(properties));
    }

    /** As {@link #of}, for a request whose body may be left out (then it reads as an empty object). */
    static Body optional(Context ctx, String what, String... properties) {
        JsonNode node = ctx.bodyAsBytes().length == 0 ? JsonNodeFactory.instance.objectNode() : readObject(ctx);
        return new Body(node, what, Set.of(properties));
    }

    /** The field as sent (null when absent), for shapes this class does not check itself. */
    JsonNode get(String field) {
        return node.get(field);
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** How many problems were found so far. */
    int errorCount() {
        return errors.size();
    }

    /** Records a problem found by the caller. */
    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** A required, non-empty string of at most {@code maxLength} characters, as sent. */
    String requiredString(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "Required.");
            return null;
        }
        if (!value.isTextual()) {
            error(field, "Must be a string.");
            return null;
        }
        String text = value.asText();
        if (text.isEmpty()) {
            error(field, "Must not be empty.");
            return null;
        }
        if (text.length() > maxLength) {
            error(field, "Must be at most " + maxLength + " characters.");
            return null;
        }
        return text;
    }

    /** A required string with something in it besides spaces, trimmed. */
    String requiredText(String field, int maxLength, String whenBlank) {
        String text = requiredString(field, maxLength);
        if (text != null && text.isBlank()) {
            error(field, whenBlank);
            return null;
        }
        return text == null ? null : text.trim();
    }

    /** An optional string of at most {@code maxLength} characters; null when absent, null or blank; trimmed. */
    String optionalText(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > maxLength) {
            error(field, "Must be a string of at most " + maxLength + " characters.");
            return null;
        }
        return value.asText().isBlank() ? null : value.asText().trim();
    }

    /** A required value of {@code allowed}, by name. */
    <E extends Enum<E>> E requiredEnum(String field, int maxLength, Function<String, Optional<E>> parse,
                                       List<E> allowed) {
        String name = requiredString(field, maxLength);
        if (name == null) {
            return null;
        }
        E value = parse.apply(name).filter(allowed::contains).orElse(null);
        if (value == null) {
            error(field, allowed.size() == 2 ? "Must be " + allowed.get(0) + " or " + allowed.get(1) + "."
                    : "Must be one of " + Arrays.toString(allowed.toArray()) + ".");
        }
        return value;
    }

    /** An optional whole number from {@code min} to {@code max}; {@code otherwise} when absent or null. */
    int optionalInt(String field, int min, int max, int otherwise) {
        JsonNode t = node.get(field);
        if (t == null || t.isNull()) {
            return otherwise;
        }
        if (!t.isIntegralNumber() || t.asLong() < min || t.asLong() > max) {
            error(field, "Must be a whole number from " + min + " to " + max + ".");
            return otherwise;
        }
        return t.asInt();
    }

    /** A required whole number from {@code min} to {@code max}; 0 (and an error) when absent or wrong. */
    int requiredInt(String field, int min, int max) {
        JsonNode t = node.get(field);
        if (t == null || t.isNull()) {
            error(field, "Required: a whole number from " + min + " to " + max + ".");
            return 0;
        }
        if (!t.isIntegralNumber() || t.asLong() < min || t.asLong() > max) {
            error(field, "Must be a whole number from " + min + " to " + max + ".");
            return 0;
        }
        return t.asInt();
    }

    /** {@code 400 validation} with every problem found so far, if there is one. */
    void validate() {
        if (!errors.isEmpty()) {
            throw ApiException.validation("The " + what + " is not valid; see errors.", errors);
        }
    }

    /** The request body as a JSON object, or a {@code 400 validation} saying what is wrong with it. */
    private static JsonNode readObject(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiException.validation("body", "A JSON object is required as the request body.");
        }
        JsonNode node;
        try {
            node = JSON_READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Say where, not what: the message could quote the input, and the input may hold a password.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.validation("body", "The request body is not valid JSON" + where + ".");
        } catch (IOException e) {
            throw ApiException.validation("body", "The request body could not be read.");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.validation("body", "The request body must be a JSON object.");
        }
        return node;
    }
}
