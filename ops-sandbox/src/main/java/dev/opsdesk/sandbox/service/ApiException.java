package dev.opsdesk.sandbox.service;

import java.util.List;
import java.util.Objects;

/** A request that cannot be served, and why; the HTTP layer renders it as a problem document. */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final transient List<FieldError> errors;
    private final Long retryAfterSeconds;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public ApiException(ProblemType type, String detail, List<FieldError> errors, Long retryAfterSeconds) {
        super(detail, null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException validation(String detail, List<FieldError> errors) {
        return new ApiException(ProblemType.VALIDATION, detail, errors, null);
    }

    public static ApiException validation(String field, String message) {
        return validation(message, List.of(new FieldError(field, message)));
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** For {@link ProblemType#RATE_LIMITED}: seconds until a retry can succeed. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
