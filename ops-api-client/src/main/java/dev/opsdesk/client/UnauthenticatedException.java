package dev.opsdesk.client;

import dev.opsdesk.client.model.Problem;

/** 401: no valid session (wrong credentials, or a missing, revoked or expired token). */
public class UnauthenticatedException extends OpsApiException {

    public UnauthenticatedException(String message, int status, Problem problem, String requestId, String method, String url) {
        super(message, status, problem, requestId, method, url, null);
    }
}
