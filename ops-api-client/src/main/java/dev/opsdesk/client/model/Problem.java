package dev.opsdesk.client.model;

import java.util.List;

/**
 * An RFC 9457 problem document as the ops API sends it, with the extension members the API defines:
 * {@code currentQuantity} and {@code currentVersion} of a stock pair that changed meanwhile ({@code stock-changed}).
 */
public record Problem(String type, String title, Integer status, String detail, String instance,
                      String requestId, List<FieldError> errors, Integer currentQuantity, Long currentVersion) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem without extension members. */
    public Problem(String type, String title, Integer status, String detail, String instance, String requestId,
                   List<FieldError> errors) {
        this(type, title, status, detail, instance, requestId, errors, null, null);
    }

    /** One wrong field of a rejected request. */
    public record FieldError(String field, String message) {
    }
}
