package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.service.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors Jetty answers itself, before a request reaches Javalin (an unparseable request line, a bad URI, headers
 * too large): problem documents too, never an HTML page.
 */
final class JettyProblemErrorHandler extends ErrorHandler {

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int status = response.getStatus();
        String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        response.setHeader(RequestIds.HEADER, requestId);
        for (String[] header : RequestGate.SECURITY_HEADERS) {
            response.setHeader(header[0], header[1]);
        }
        response.setContentType(Json.PROBLEM_CONTENT_TYPE);
        byte[] body = problem(status, request.getRequestURI(), requestId, null).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = RequestIds.generate();
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Json.PROBLEM_CONTENT_TYPE));
        fields.put(RequestIds.HEADER, requestId);
        for (String[] header : RequestGate.SECURITY_HEADERS) {
            fields.put(header[0], header[1]);
        }
        return ByteBuffer.wrap(problem(status, null, requestId, null).getBytes(StandardCharsets.UTF_8));
    }

    /** A problem document for {@code status}; {@code detail} null for the generic one. */
    static String problem(int status, String instance, String requestId, String detail) {
        ProblemType type = status >= 500 ? ProblemType.SERVER_ERROR
                : status == 404 ? ProblemType.NOT_FOUND
                : status == 405 ? ProblemType.METHOD_NOT_ALLOWED
                : ProblemType.VALIDATION;
        detail = detail != null ? detail : status >= 500 ? "The server could not handle the request."
                : "The server could not read the request (HTTP " + status + ").";
        return Json.write(new ApiJson.Problem(type.uri().toString(), type.title(), status, detail, instance,
                requestId, null, null));
    }
}
