package dev.opsdesk.client;

import dev.opsdesk.client.model.Problem;

/** 5xx: the server failed; quote the request id. */
public class ServerException extends OpsApiException {

    public ServerException(String message, int status, Problem problem, String requestId, String method, String url) {
        super(message, status, problem, requestId, method, url, null);
    }
}
