package dev.opsdesk.client;

import dev.opsdesk.client.model.Problem;

/**
 * Anything that went wrong talking to the ops API. Carries what a person needs to report it:
 * the HTTP status (0 when no response arrived), the problem type, title and detail the server sent,
 * the request id, and which request it was.
 */
public class OpsApiException extends RuntimeException {

    private final int status;
    private final String problemType;
    private final String title;
    private final String detail;
    private final String requestId;
    private final String method;
    private final String url;
    private final Problem problem;

    protected OpsApiException(String message, int status, Problem problem, String requestId,
                              String method, String url, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.problemType = problem == null ? null : problem.type();
        this.title = problem == null ? null : problem.title();
        this.detail = problem == null ? null : problem.detail();
        // The problem document's id is what the server logged; the header (or our own) is the fallback.
        this.requestId = problem != null && problem.requestId() != null ? problem.requestId() : requestId;
        this.method = method;
        this.url = url;
        this.problem = problem;
    }

    /** The problem document as sent, with the API's extension members; null when none was sent. */
    public Problem problem() {
        return problem;
    }

    /** HTTP status of the answer, or 0 when no answer arrived. */
    public int status() {
        return status;
    }

    /** The problem type URI, e.g. {@code https://opsdesk.dev/problems/forbidden}; null if none was sent. */
    public String problemType() {
        return problemType;
    }

    /** The last path segment of {@link #problemType()}, e.g. {@code forbidden}; null if none was sent. */
    public String problemKind() {
        if (problemType == null) {
            return null;
        }
        int slash = problemType.lastIndexOf('/');
        return slash < 0 ? problemType : problemType.substring(slash + 1);
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** The request id to quote to support; null if the request never reached a server that set one. */
    public String requestId() {
        return requestId;
    }

    public String method() {
        return method;
    }

    /** The URL requested, without query string. */
    public String url() {
        return url;
    }
}
