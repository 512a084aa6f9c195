package dev.opsdesk.sandbox.http;

import static dev.opsdesk.sandbox.http.Access.PUBLIC;
import static dev.opsdesk.sandbox.http.Access.SIGNED_IN;
import static dev.opsdesk.sandbox.http.Access.requires;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.auth.Roles;
import dev.opsdesk.sandbox.service.SessionService;
import dev.opsdesk.sandbox.service.UserService;
import dev.opsdesk.sandbox.service.UserView;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Health, sign-in and sign-out, the caller ({@code /v1/me}), users and the role table. */
public final class SessionRoutes implements RouteModule {

    private static final String USERS_CURSOR_KIND = "users";

    private final SessionService sessions;
    private final UserService users;
    private final Clock clock;
    private final String version;

    public SessionRoutes(SessionService sessions, UserService users, Clock clock, String version) {
        this.sessions = sessions;
        this.users = users;
        this.clock = clock;
        this.version = version;
    }

    @Override
    public void register(Javalin app) {
        // Served while a new sandbox still seeds its demo data (see DemoData): a person signs in meanwhile.
        app.get("/v1/health", this::health, PUBLIC, DemoData.NOT_NEEDED);
        app.post("/v1/sessions", this::signIn, PUBLIC, DemoData.NOT_NEEDED);
        app.delete("/v1/sessions/current", this::signOut, SIGNED_IN, DemoData.NOT_NEEDED);
        app.get("/v1/me", this::me, SIGNED_IN, DemoData.NOT_NEEDED);
        app.get("/v1/users", this::listUsers, requires(Permission.USERS_READ));
        app.get("/v1/roles", this::listRoles, requires(Permission.USERS_READ));
    }

    @Override
    public Map<String, Set<String>> queryParameters() {
        return Map.of("/v1/health", Set.of(), "/v1/me", Set.of(), "/v1/users", Set.of("limit", "cursor"),
                "/v1/roles", Set.of());
    }

    private void health(Context ctx) {
        Json.respond(ctx, 200, new ApiJson.Health("UP", "ops-api", version, "SANDBOX", "Training sandbox",
                clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    }

    private void signIn(Context ctx) {
        Body body = Body.of(ctx, "sign-in request", "username", "password");
        String username = body.requiredString("username", 64);
        String password = body.requiredString("password", 256);
        body.validate();
        SessionService.SignedIn signedIn = sessions.signIn(username, password, ctx.ip());
        Json.respond(ctx, 201, new ApiJson.Session(signedIn.token(), signedIn.expiresAt(),
                ApiJson.Me.of(signedIn.principal())));
    }

    private void signOut(Context ctx) {
        sessions.signOut(Access.principal(ctx));
        ctx.status(204);
    }

    private void me(Context ctx) {
        Json.respond(ctx, 200, ApiJson.Me.of(Access.principal(ctx)));
    }

    private void listUsers(Context ctx) {
        int limit = Paging.limit(ctx);
        String after = Paging.cursor(ctx, USERS_CURSOR_KIND);
        UserService.UserPage page = users.page(after, limit);
        List<UserView> items = page.items();
        String next = page.hasMore() ? Paging.nextCursor(USERS_CURSOR_KIND, items.get(items.size() - 1).username())
                : null;
        Json.respond(ctx, 200, new ApiJson.UserPage(items.stream().map(ApiJson.User::of).toList(), next));
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
        Json.respond(ctx, 200, new ApiJson.RoleList(roles));
    }
}
