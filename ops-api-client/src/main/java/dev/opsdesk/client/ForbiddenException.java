package dev.opsdesk.client;

import dev.opsdesk.client.model.Problem;

/** 403: the signed-in user may not do this, or the record is outside their scope. */
public class ForbiddenException extends OpsApiException {

    public ForbiddenException(String message, int status, Problem problem, String requestId, String method, String url) {
        super(message, status, problem, requestId, method, url, null);
    }
}
