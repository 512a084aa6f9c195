package dev.opsdesk.client.model;

import java.util.List;

/**
 * An RFC 9457 problem document as the ops API sends it, with the extension members the API defines:
 * {@code currentQuantity} and {@code currentVersion} of a stock pair that changed meanwhile ({@code stock-changed});
 * {@code runId} of the reconciliation run that already holds a file ({@code duplicate-file}), {@code expectedIndex} and
 * {@code expectedOffset} where an upload must resume ({@code upload-gap}), {@code openExceptions} left before a run
 * can be submitted ({@code open-exceptions}), {@code uncountedLines} of a stock count ({@code count-incomplete}).
 */
public record Problem(String type, String title, Integer status, String detail, String instance,
                      String requestId, List<FieldError> errors, Integer currentQuantity, Long currentVersion,
                      String runId, Integer expectedIndex, Long expectedOffset, Integer openExceptions,
                      Integer uncountedLines) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem without extension members. */
    public Problem(String type, String title, Integer status, String detail, String instance, String requestId,
                   List<FieldError> errors) {
        this(type, title, status, detail, instance, requestId, errors, null, null, null, null, null, null, null);
    }

    /** The last segment of {@link #type()}: {@code duplicate-file}, {@code run-locked}, … (null without a type). */
    public String kind() {
        if (type == null) {
            return null;
        }
        int slash = type.lastIndexOf('/');
        return slash < 0 ? type : type.substring(slash + 1);
    }

    /** One wrong field of a rejected request. */
    public record FieldError(String field, String message) {
    }
}
