package dev.opsdesk.client;

/**
 * The server answered, but not as an ops API does: an HTML page, a body that is not the documented
 * JSON, or a health check from another kind of service. Usually a wrong URL.
 */
public class UnexpectedResponseException extends OpsApiException {

    private final String contentType;

    public UnexpectedResponseException(String message, int status, String contentType, String requestId,
                                       String method, String url, Throwable cause) {
        super(message, status, null, requestId, method, url, cause);
        this.contentType = contentType;
    }

    /** The content type the server sent, if any. */
    public String contentType() {
        return contentType;
    }
}
