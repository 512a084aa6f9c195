package dev.opsdesk.client;

import dev.opsdesk.client.model.Problem;

/** 409: the request conflicts with the resource's state, or its idempotency key is still in use. */
public class ConflictException extends OpsApiException {

    public ConflictException(String message, int status, Problem problem, String requestId, String method, String url) {
        super(message, status, problem, requestId, method, url, null);
    }
}
