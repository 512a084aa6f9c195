package dev.opsdesk.client.model;

import java.util.List;

/** An RFC 9457 problem document as the ops API sends it. */
public record Problem(String type, String title, Integer status, String detail, String instance,
                     String requestId, List<FieldError> errors) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One wrong field of a rejected request. */
    public record FieldError(String field, String message) {
    }
}
