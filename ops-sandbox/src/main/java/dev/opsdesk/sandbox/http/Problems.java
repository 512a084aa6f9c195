package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.FieldError;
import dev.opsdesk.sandbox.service.ProblemType;
import io.javalin.http.Context;
import java.util.List;

/** Writes RFC 9457 problem documents: the only way the API reports an error. */
public final class Problems {

    private Problems() {
    }

    public static void write(Context ctx, ApiException e) {
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        write(ctx, e.type(), e.status(), e.detail(), e.errors(), e.extensions());
    }

    public static void write(Context ctx, ProblemType type, String detail, List<FieldError> errors) {
        write(ctx, type, type.status(), detail, errors);
    }

    /** A problem whose HTTP status differs from its type's usual one (e.g. 413 for a too-large body). */
    public static void write(Context ctx, ProblemType type, int status, String detail, List<FieldError> errors) {
        write(ctx, type, status, detail, errors, null);
    }

    private static void write(Context ctx, ProblemType type, int status, String detail, List<FieldError> errors,
                              java.util.Map<String, Object> extensions) {
        String requestId = HttpApi.requestId(ctx);
        ApiJson.Problem problem = new ApiJson.Problem(type.uri().toString(), type.title(), status, detail,
                ctx.path(), requestId, errors == null || errors.isEmpty() ? null : errors, extensions);
        ctx.header(RequestIds.HEADER, requestId);
        ctx.status(status).contentType(Json.PROBLEM_CONTENT_TYPE).result(Json.write(problem));
    }
}
