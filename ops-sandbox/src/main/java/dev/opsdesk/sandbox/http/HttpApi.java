package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.audit.AuditContext;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.ProblemType;
import dev.opsdesk.sandbox.service.SessionService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.security.RouteRole;
import io.javalin.http.HandlerType;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.EnumSet;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import dev.opsdesk.sandbox.service.FieldError;
import org.eclipse.jetty.servlet.FilterHolder;
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
    /** How long a request waits for the demo data before it is told to try again (a small seed takes seconds). */
    private static final Duration DEMO_DATA_WAIT = Duration.ofMinutes(2);

    /** Extra routes (tests register internal ones this way). */
    @FunctionalInterface
    public interface RouteExtension {
        void register(Javalin app, HttpApi api);
    }

    private final SessionService sessions;
    private final Idempotency idempotency;
    private final SourceLimiter anonymous;
    private final Map<String, Set<String>> queryParameters = new HashMap<>();
    private final List<RouteModule.RawBody> rawBodies = new ArrayList<>();
    private final Javalin app;
    private volatile CompletableFuture<?> demoData = CompletableFuture.completedFuture(null);
    private volatile Runnable seedNow = () -> { };

    /**
     * @param modules            the features' routes
     * @param extensions         extra routes that need the API itself (tests)
     * @param anonymousBurst     writes without sign-in a source may send at once
     * @param anonymousPerSecond and at which rate after that
     */
    public HttpApi(SessionService sessions, Idempotency idempotency, List<RouteModule> modules,
                   List<RouteExtension> extensions, int anonymousBurst, double anonymousPerSecond) {
        this.sessions = sessions;
        this.idempotency = idempotency;
        this.anonymous = new SourceLimiter(anonymousBurst, anonymousPerSecond);
        for (RouteModule module : modules) {
            rawBodies.addAll(module.rawBodies());
        }
        long largest = rawBodies.stream().mapToLong(RouteModule.RawBody::maxBytes).max().orElse(0);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = Math.max(MAX_REQUEST_BYTES, largest);
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemErrorHandler()));
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            // Before routing, for every request: the body limit however the body is framed, HEAD, headers.
            config.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                    new FilterHolder(new RequestGate(MAX_REQUEST_BYTES, List.copyOf(rawBodies))), "/*", EnumSet.of(DispatcherType.REQUEST)));
        });
        app.before(this::assignRequestId);
        app.after(ctx -> AuditContext.end());
        app.beforeMatched(this::guard);
        app.exception(ApiException.class, (e, ctx) -> Problems.write(ctx, e));
        app.exception(HttpResponseException.class, this::javalinProblem);
        app.exception(Exception.class, this::unexpected);
        for (RouteModule module : modules) {
            module.register(app);
            queryParameters.putAll(module.queryParameters());
        }
        for (RouteExtension extension : extensions) {
            extension.register(app, this);
        }
    }

    /**
     * Holds back the requests that need the demo data ({@link DemoData}) until {@code seeded} completes, running
     * {@code seedNow} (which begins the seed if it has not begun; it must return at once) before each wait; when it
     * completes exceptionally they fail with a server error that says so.
     */
    public void awaitDemoData(CompletableFuture<?> seeded, Runnable seedNow) {
        this.seedNow = seedNow;
        this.demoData = seeded;
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
    }

    /** Enforces the {@link Access} the matched route declares; a route that declares none is refused. */
    private void guard(Context ctx) {
        Access access = null;
        boolean needsDemoData = true;
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Access a) {
                access = a;
            } else if (role == DemoData.NOT_NEEDED) {
                needsDemoData = false;
            }
        }
        if (access == null) {
            throw new IllegalStateException("Route " + ctx.method() + " " + ctx.endpointHandlerPath()
                    + " declares no Access");
        }
        if (!access.signedIn()) {
            // Anyone may call these: what they write (sign-in attempts, callbacks) is limited per source.
            if (ctx.method() != HandlerType.GET) {
                anonymous.acquire(ctx.ip());
            }
            requireJsonBody(ctx);
            checkQueryParameters(ctx);
            if (needsDemoData) {
                awaitDemoData();
            }
            return;
        }
        // The order is part of the contract: 401, 403, 415, 400 (query); then the route's own checks.
        var principal = sessions.authenticate(ctx.header("Authorization"));
        Access.setPrincipal(ctx, principal);
        if (access.permission() != null && !principal.has(access.permission())) {
            throw new ApiException(ProblemType.FORBIDDEN,
                    "This needs the permission '" + access.permission().wireName() + "', which your role does not have.");
        }
        requireJsonBody(ctx);
        checkQueryParameters(ctx);
        if (needsDemoData) {
            awaitDemoData();
        }
    }

    /** Waits (on the request's thread) until the demo data is seeded; see {@link DemoData}. */
    private void awaitDemoData() {
        CompletableFuture<?> seeded = demoData;
        if (seeded.isDone() && !seeded.isCompletedExceptionally()) {
            return;
        }
        seedNow.run();
        try {
            seeded.get(DEMO_DATA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(ProblemType.SERVER_ERROR,
                    "The training sandbox is still loading its demo data; try again in a moment.");
        } catch (ExecutionException | CancellationException e) {
            throw new ApiException(ProblemType.SERVER_ERROR,
                    "The training sandbox could not load its demo data; restart it (its log says why).");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ProblemType.SERVER_ERROR, "The server is stopping.");
        }
    }

    /** Unknown and blank query parameters are refused where the route declares what it takes. */
    private void checkQueryParameters(Context ctx) {
        Set<String> allowed = ctx.method() == HandlerType.GET ? queryParameters.get(ctx.endpointHandlerPath()) : null;
        if (allowed == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!allowed.contains(name)) {
                errors.add(new FieldError(name, allowed.isEmpty() ? "Unknown parameter; this request takes none."
                        : "Unknown parameter; this request takes " + String.join(", ", new TreeSet<>(allowed)) + "."));
            } else if (values.stream().anyMatch(String::isBlank)) {
                errors.add(new FieldError(name, "Must not be blank; leave the parameter out instead."));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.validation("The query string is not valid; see errors.", errors);
        }
    }

    /**
     * A body must be declared JSON ({@code application/json} or {@code application/*+json}, UTF-8 if a charset is
     * given): a browser may send {@code text/plain} or a form to any server without asking first, so accepting them
     * would let any web page post to sign-in and webhook intake. An empty body needs no type.
     */
    private void requireJsonBody(Context ctx) {
        if (ctx.bodyAsBytes().length == 0) {
            return;
        }
        String type = ctx.header("Content-Type");
        for (RouteModule.RawBody raw : rawBodies) {
            if (raw.method().equalsIgnoreCase(ctx.method().name()) && raw.path().equals(ctx.endpointHandlerPath())) {
                String media = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (!media.equals(raw.mediaType())) {
                    throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The request body must be sent with"
                            + " 'Content-Type: " + raw.mediaType() + "'" + (type == null ? "; none was given." : "."));
                }
                return;
            }
        }
        if (!isJson(type)) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The request body must be JSON, sent with"
                    + " 'Content-Type: application/json'" + (type == null ? "; none was given." : "."));
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        String media = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!(media.equals("application/json") || media.startsWith("application/") && media.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset") && (param.length < 2
                    || !param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    /** The methods a path answers to, for {@code Allow} (RFC 9110: every 405 carries it). */
    private String allowed(String path) {
        var router = app.unsafeConfig().pvt.internalRouter;
        List<String> methods = new ArrayList<>();
        for (HandlerType type : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
                HandlerType.DELETE)) {
            if (router.findHttpHandlerEntries(type, path).findAny().isPresent()) {
                methods.add(type.name());
                if (type == HandlerType.GET) {
                    methods.add("HEAD");
                }
            }
        }
        return String.join(", ", methods);
    }

    /** The method as the client sent it (HEAD is routed as GET). */
    static String method(Context ctx) {
        return ctx.attribute(RequestGate.HEAD) != null ? "HEAD" : ctx.method().name();
    }

    private void javalinProblem(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String what = method(ctx) + " " + ctx.path();
        switch (status) {
            case 404 -> Problems.write(ctx, ProblemType.NOT_FOUND, "There is no " + what + " in this API.", null);
            case 405 -> {
                String allow = allowed(ctx.path());
                ctx.header("Allow", allow);
                Problems.write(ctx, ProblemType.METHOD_NOT_ALLOWED,
                        ctx.path() + " does not support " + method(ctx) + "; it answers " + allow + ".", null);
            }
            case 413 -> Problems.write(ctx, ProblemType.VALIDATION, 413,
                    RequestGate.detailTooLarge(MAX_REQUEST_BYTES), null);
            default -> {
                ProblemType type = status >= 500 ? ProblemType.SERVER_ERROR : ProblemType.VALIDATION;
                Problems.write(ctx, type, status, e.getMessage(), null);
            }
        }
    }

    private void unexpected(Exception e, Context ctx) {
        String requestId = requestId(ctx);
        LOG.error("Request {} {} failed (request id {})", method(ctx), ctx.path(), requestId, e);
        Problems.write(ctx, ProblemType.SERVER_ERROR,
                "Something went wrong on the server. If it happens again, quote request id " + requestId
                        + " to support.", null);
    }
}
