package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.audit.AuditContext;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.ProblemType;
import dev.opsdesk.sandbox.service.SessionService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.security.RouteRole;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the HTTP layer: request ids, the access guard, problem documents for every error, and the features'
 * {@link RouteModule}s. It knows no feature itself.
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String REQUEST_ID = "opsdesk.requestId";
    private static final long MAX_REQUEST_BYTES = 1_000_000L;

    /** Extra routes (tests register internal ones this way). */
    @FunctionalInterface
    public interface RouteExtension {
        void register(Javalin app, HttpApi api);
    }

    private final SessionService sessions;
    private final Idempotency idempotency;
    private final Javalin app;

    /**
     * @param modules    the features' routes
     * @param extensions extra routes that need the API itself (tests)
     */
    public HttpApi(SessionService sessions, Idempotency idempotency, List<RouteModule> modules,
                   List<RouteExtension> extensions) {
        this.sessions = sessions;
        this.idempotency = idempotency;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemErrorHandler()));
        });
        app.before(this::assignRequestId);
        app.after(ctx -> AuditContext.end());
        app.beforeMatched(this::guard);
        app.exception(ApiException.class, (e, ctx) -> Problems.write(ctx, e));
        app.exception(HttpResponseException.class, this::javalinProblem);
        app.exception(Exception.class, this::unexpected);
        for (RouteModule module : modules) {
            module.register(app);
        }
        for (RouteExtension extension : extensions) {
            extension.register(app, this);
        }
    }

    /** Starts serving on {@code host}:{@code port} (0: a free port). */
    public void start(String host, int port) {
        app.start(host, port);
    }

    /** The port served on, once started. */
    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    public Idempotency idempotency() {
        return idempotency;
    }

    /** The request id of a request: the client's, if well-formed, else one generated for it. */
    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        if (id == null) {
            id = RequestIds.accept(ctx.header(RequestIds.HEADER));
            ctx.attribute(REQUEST_ID, id);
        }
        return id;
    }

    private void assignRequestId(Context ctx) {
        ctx.header(RequestIds.HEADER, requestId(ctx));
        // Audit events appended while serving this request carry its id.
        AuditContext.begin(requestId(ctx));
        // Responses carry tokens and personal data: no caching anywhere.
        ctx.header("Cache-Control", "no-store");
    }

    /** Enforces the {@link Access} the matched route declares; a route that declares none is refused. */
    private void guard(Context ctx) {
        Access access = null;
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Access a) {
                access = a;
            }
        }
        if (access == null) {
            throw new IllegalStateException("Route " + ctx.method() + " " + ctx.endpointHandlerPath()
                    + " declares no Access");
        }
        if (!access.signedIn()) {
            return;
        }
        var principal = sessions.authenticate(ctx.header("Authorization"));
        Access.setPrincipal(ctx, principal);
        if (access.permission() != null && !principal.has(access.permission())) {
            throw new ApiException(ProblemType.FORBIDDEN,
                    "This needs the permission '" + access.permission().wireName() + "', which your role does not have.");
        }
    }

    private void javalinProblem(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String what = ctx.method() + " " + ctx.path();
        switch (status) {
            case 404 -> Problems.write(ctx, ProblemType.NOT_FOUND, "There is no " + what + " in this API.", null);
            case 405 -> Problems.write(ctx, ProblemType.METHOD_NOT_ALLOWED,
                    ctx.path() + " does not support " + ctx.method() + ".", null);
            case 413 -> Problems.write(ctx, ProblemType.VALIDATION, 413,
                    "The request body is too large (at most " + MAX_REQUEST_BYTES + " bytes).", null);
            default -> {
                ProblemType type = status >= 500 ? ProblemType.SERVER_ERROR : ProblemType.VALIDATION;
                Problems.write(ctx, type, status, e.getMessage(), null);
            }
        }
    }

    private void unexpected(Exception e, Context ctx) {
        String requestId = requestId(ctx);
        LOG.error("Request {} {} failed (request id {})", ctx.method(), ctx.path(), requestId, e);
        Problems.write(ctx, ProblemType.SERVER_ERROR,
                "Something went wrong on the server. If it happens again, quote request id " + requestId
                        + " to support.", null);
    }
}
