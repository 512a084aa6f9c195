package dev.opsdesk.sandbox.http;

import static dev.opsdesk.sandbox.http.Access.PUBLIC;
import static dev.opsdesk.sandbox.http.Access.SIGNED_IN;
import static dev.opsdesk.sandbox.http.Access.requires;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.auth.Roles;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.FieldError;
import dev.opsdesk.sandbox.service.SessionService;
import dev.opsdesk.sandbox.service.UserService;
import dev.opsdesk.sandbox.service.UserView;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The routes of ops-api.yaml: each parses its input, calls a service and writes the contract's JSON. */
final class ApiRoutes {

    private static final String USERS_CURSOR_KIND = "users";
    private static final Set<String> SIGN_IN_PROPERTIES = Set.of("username", "password");
    private static final ObjectReader JSON_READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final SessionService sessions;
    private final UserService users;
    private final Clock clock;
    private final String version;
    private final FailureRoutes failures;
    private final EventStream events;
    private final AuditRoutes audit;

    ApiRoutes(SessionService sessions, UserService users, Clock clock, String version, FailureRoutes failures,
              EventStream events, AuditRoutes audit) {
        this.audit = audit;
        this.sessions = sessions;
        this.users = users;
        this.clock = clock;
        this.version = version;
        this.failures = failures;
        this.events = events;
    }

    void register(Javalin app) {
        app.get("/v1/health", this::health, PUBLIC);
        app.post("/v1/sessions", this::signIn, PUBLIC);
        app.delete("/v1/sessions/current", this::signOut, SIGNED_IN);
        app.get("/v1/me", this::me, SIGNED_IN);
        app.get("/v1/users", this::listUsers, requires(Permission.USERS_READ));
        app.get("/v1/roles", this::listRoles, requires(Permission.USERS_READ));

        // Failure queues: the guard checks the permission; per-queue scopes are checked per record.
        app.get("/v1/failures", failures::list, requires(Permission.FAILURES_READ));
        app.get("/v1/failures/count", failures::count, requires(Permission.FAILURES_READ));
        app.get("/v1/failures/summary", failures::summary, requires(Permission.FAILURES_READ));
        app.post("/v1/failures/replay-preview", failures::preview, requires(Permission.FAILURES_READ));
        app.get("/v1/failures/{id}", failures::get, requires(Permission.FAILURES_READ));
        app.post("/v1/failures/{id}/replay", failures::replay, requires(Permission.FAILURES_REPLAY));
        app.post("/v1/failures/{id}/resolve", failures::resolve, requires(Permission.FAILURES_RESOLVE));
        app.post("/v1/failures/{id}/assign", failures::assign, requires(Permission.FAILURES_RESOLVE));
        app.post("/v1/failures/{id}/notes", failures::addNote, requires(Permission.FAILURES_READ));
        app.post("/v1/replay-jobs", failures::startJob, requires(Permission.FAILURES_REPLAY));
        app.get("/v1/replay-jobs/{jobId}", failures::job, requires(Permission.FAILURES_READ));
        app.get("/v1/replay-jobs/{jobId}/items", failures::jobItems, requires(Permission.FAILURES_READ));
        app.post("/v1/replay-jobs/{jobId}/cancel", failures::cancelJob, requires(Permission.FAILURES_REPLAY));
        app.post("/v1/replay-jobs/{jobId}/retry-failed", failures::retryFailed, requires(Permission.FAILURES_REPLAY));
        // Payment-queue readers or order auditors: decided per caller by the service.
        app.get("/v1/orders/{orderNumber}", failures::order, SIGNED_IN);
        app.get("/v1/events", events::stream, requires(Permission.FAILURES_READ));
        // Providers authenticate by signature, not by token (like health, no bearer token).
        app.post("/webhooks/payments/{provider}", failures::webhook, PUBLIC);

        app.get("/v1/audit/events", audit::events, requires(Permission.AUDIT_READ));
        app.get("/v1/audit/checkpoint", audit::checkpoint, requires(Permission.AUDIT_READ));
        app.get("/v1/audit/export", audit::export, requires(Permission.AUDIT_EXPORT));
    }

    private void health(Context ctx) {
        json(ctx, 200, new ApiJson.Health("UP", "ops-api", version, "SANDBOX", "Training sandbox",
                clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    }

    private void signIn(Context ctx) {
        JsonNode body = readObject(ctx);
        List<FieldError> errors = new ArrayList<>();
        String username = requiredString(body, "username", 64, errors);
        String password = requiredString(body, "password", 256, errors);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SIGN_IN_PROPERTIES.contains(name)) {
                errors.add(new FieldError(name, "Unknown property; a sign-in takes only username and password."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The sign-in request is not valid; see errors.", errors);
        }
        SessionService.SignedIn signedIn = sessions.signIn(username, password);
        json(ctx, 201, new ApiJson.Session(signedIn.token(), signedIn.expiresAt(),
                ApiJson.Me.of(signedIn.principal())));
    }

    private void signOut(Context ctx) {
        sessions.signOut(Access.principal(ctx));
        ctx.status(204);
    }

    private void me(Context ctx) {
        json(ctx, 200, ApiJson.Me.of(Access.principal(ctx)));
    }

    private void listUsers(Context ctx) {
        int limit = Paging.limit(ctx);
        String after = Paging.cursor(ctx, USERS_CURSOR_KIND);
        UserService.UserPage page = users.page(after, limit);
        List<UserView> items = page.items();
        String next = page.hasMore() ? Paging.nextCursor(USERS_CURSOR_KIND, items.get(items.size() - 1).username())
                : null;
        json(ctx, 200, new ApiJson.UserPage(items.stream().map(ApiJson.User::of).toList(), next));
    }

    private void listRoles(Context ctx) {
        List<ApiJson.Role> roles = new ArrayList<>();
        Roles.table().forEach((RoleName role, Map<Permission, Roles.Grant> grants) -> {
            Map<String, ApiJson.ScopeJson> scopes = new LinkedHashMap<>();
            grants.values().stream().filter(Roles.Grant::scoped).forEach(
                    g -> scopes.put(g.permission().wireName(), ApiJson.ScopeJson.of(g.publishedScope())));
            roles.add(new ApiJson.Role(role.wireName(),
                    grants.keySet().stream().map(Permission::wireName).toList(), scopes));
        });
        json(ctx, 200, new ApiJson.RoleList(roles));
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType(Json.CONTENT_TYPE).result(Json.write(body));
    }

    /** The request body as a JSON object, or a {@code 400 validation} saying what is wrong with it. */
    static JsonNode readObject(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiException.validation("body", "A JSON object is required as the request body.");
        }
        JsonNode node;
        try {
            node = JSON_READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Say where, not what: the message could quote the input, and the input may hold a password.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.validation("body", "The request body is not valid JSON" + where + ".");
        } catch (IOException e) {
            throw ApiException.validation("body", "The request body could not be read.");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.validation("body", "The request body must be a JSON object.");
        }
        return node;
    }

    /** A required, non-empty string field of at most {@code maxLength} characters; problems go to {@code errors}. */
    static String requiredString(JsonNode body, String field, int maxLength, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, "Required."));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "Must be a string."));
            return null;
        }
        String text = value.asText();
        if (text.isEmpty()) {
            errors.add(new FieldError(field, "Must not be empty."));
            return null;
        }
        if (text.length() > maxLength) {
            errors.add(new FieldError(field, "Must be at most " + maxLength + " characters."));
            return null;
        }
        return text;
    }
}
