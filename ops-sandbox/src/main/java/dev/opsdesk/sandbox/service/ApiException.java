package dev.opsdesk.sandbox.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A request that cannot be served, and why; the HTTP layer renders it as a problem document. */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final transient List<FieldError> errors;
    private final Long retryAfterSeconds;
    private final int status;
    private final transient Map<String, Object> extensions;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    public ApiException(ProblemType type, String detail, List<FieldError> errors, Long retryAfterSeconds) {
        this(type, type.status(), detail, errors, retryAfterSeconds);
    }

    private ApiException(ProblemType type, int status, String detail, List<FieldError> errors, Long retryAfterSeconds) {
        this(type, status, detail, errors, retryAfterSeconds, Map.of());
    }

    private ApiException(ProblemType type, int status, String detail, List<FieldError> errors, Long retryAfterSeconds,
                         Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.extensions = extensions;
        this.type = Objects.requireNonNull(type, "type");
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A well-formed request whose content cannot be processed (e.g. an assignee who does not exist): {@code 422}
     * with the {@code validation} type and the field that is wrong.
     */
    public static ApiException unprocessable(String field, String message) {
        return new ApiException(ProblemType.VALIDATION, 422, message, List.of(new FieldError(field, message)), null);
    }

    /** As {@link #unprocessable(String, String)}, naming several fields (every entry of a request that is wrong). */
    public static ApiException unprocessable(String detail, List<FieldError> errors) {
        return new ApiException(ProblemType.VALIDATION, 422, detail, errors, null);
    }

    public static ApiException validation(String detail, List<FieldError> errors) {
        return new ApiException(ProblemType.VALIDATION, detail, errors, null);
    }

    public static ApiException validation(String field, String message) {
        return validation(message, List.of(new FieldError(field, message)));
    }

    /**
     * This problem with one more extension member (RFC 9457 §3.2), e.g. the current quantity and version of a stock
     * pair that changed meanwhile, so a client can show them without asking again.
     */
    public ApiException with(String member, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(extensions);
        m.put(member, value);
        return new ApiException(type, status, getMessage(), errors, retryAfterSeconds, Map.copyOf(m));
    }

    /** The extension members, in no particular order. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    public ProblemType type() {
        return type;
    }

    /** The HTTP status: the type's, or another one for the same type (422 for {@link #unprocessable}). */
    public int status() {
        return status;
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
