package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.FieldError;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Query parameters checked the way {@link Body} checks a body: every problem collected, then one {@code 400
 * validation} naming them all. A parameter that is absent or blank reads as null.
 */
final class Params {

    private final Function<String, String> source;
    private final String prefix;
    private final List<FieldError> errors = new ArrayList<>();

    Params(Context ctx) {
        this(ctx::queryParam, "");
    }

    private Params(Function<String, String> source, String prefix) {
        this.source = source;
        this.prefix = prefix;
    }

    /**
     * The same checks over a JSON object's fields (a filter sent in a body, e.g. {@code {"filter": {...}}}); errors
     * name the fields with {@code prefix}, e.g. {@code filter.state}.
     */
    static Params of(com.fasterxml.jackson.databind.JsonNode object, String prefix) {
        return new Params(name -> {
            var v = object.get(name);
            return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
        }, prefix);
    }

    /** The trimmed value, or null when absent or blank. */
    String raw(String name) {
        String v = source.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    void error(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
    }

    String text(String name, int max) {
        String v = raw(name);
        if (v != null && v.length() > max) {
            error(name, "Must be at most " + max + " characters.");
            return null;
        }
        return v;
    }

    Instant instant(String name) {
        return instant(raw(name), prefix + name, errors);
    }

    /** A sequence number: a whole number from 1. */
    Long sequence(String name) {
        String v = raw(name);
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        error(name, "Must be a sequence number (a whole number from 1).");
        return null;
    }

    /** {@code true} or {@code false}. */
    Boolean bool(String name) {
        String v = raw(name);
        if (v == null) {
            return null;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        error(name, "Must be true or false.");
        return null;
    }

    /** A whole number from {@code min} to {@code max}. */
    Integer wholeNumber(String name, int min, int max) {
        String v = raw(name);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        error(name, "Must be a whole number from " + min + " to " + max + ".");
        return null;
    }

    /** One of {@code allowed}, by its name as {@code parse} reads it. */
    <E extends Enum<E>> E choice(String name, Function<String, Optional<E>> parse, List<E> allowed) {
        String v = raw(name);
        if (v == null) {
            return null;
        }
        E value = parse.apply(v).filter(allowed::contains).orElse(null);
        if (value == null) {
            error(name, "Must be one of " + allowed + ".");
        }
        return value;
    }

    /** A comma-separated list of values, each at most {@code max} characters; null when absent. */
    Set<String> list(String name, int max) {
        String v = raw(name);
        if (v == null) {
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (String part : v.split(",")) {
            String t = part.trim();
            if (t.isEmpty() || t.length() > max) {
                error(name, "Must be a comma-separated list of values of 1 to " + max + " characters.");
                return null;
            }
            values.add(t);
        }
        return values;
    }

    void validate(String what) {
        if (!errors.isEmpty()) {
            throw ApiException.validation("The " + what + " is not valid; see errors.", errors);
        }
    }

    /** An ISO-8601 date-time with an offset (null stays null); a problem goes to {@code errors} as {@code field}. */
    static Instant instant(String value, String field, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "Must be an ISO-8601 date-time with an offset, e.g. 2026-11-21T09:00:00Z."));
            return null;
        }
    }
}
