package dev.opsdesk.client;

import dev.opsdesk.client.model.Problem;
import dev.opsdesk.client.model.Problem.FieldError;

import java.util.List;

/** 400 or 422: the server rejected the request as malformed; {@link #fieldErrors()} says where. */
public class ValidationException extends OpsApiException {

    private final List<FieldError> fieldErrors;

    public ValidationException(String message, int status, Problem problem, String requestId, String method, String url) {
        super(message, status, problem, requestId, method, url, null);
        this.fieldErrors = problem == null ? List.of() : problem.errors();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
