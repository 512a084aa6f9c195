package dev.opsdesk.client;

import dev.opsdesk.client.model.Problem;

/** 404: no such resource, or not visible to the caller. */
public class NotFoundException extends OpsApiException {

    public NotFoundException(String message, int status, Problem problem, String requestId, String method, String url) {
        super(message, status, problem, requestId, method, url, null);
    }
}
