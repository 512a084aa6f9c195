package dev.opsdesk.sandbox.http;

import static dev.opsdesk.sandbox.http.Access.requires;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
import dev.opsdesk.sandbox.service.SessionService;
import dev.opsdesk.sandbox.service.UserService;
import dev.opsdesk.sandbox.service.UserView;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The administration of accounts: every user with their sign-in state ({@code users.read}); unlocking an account and
 * revoking its sessions ({@code users.manage}), both audited.
 */
public final class AccountRoutes implements RouteModule {

    private static final String CURSOR_KIND = "accounts";

    private final SessionService sessions;
    private final UserService users;
    private final Idempotency idempotency;

    public AccountRoutes(SessionService sessions, UserService users, Idempotency idempotency) {
        this.sessions = sessions;
        this.users = users;
        this.idempotency = idempotency;
    }

    /** {@code Account}. */
    record Account(String username, String displayName, List<String> roles, List<String> warehouses,
                   @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastSignInAt, boolean locked,
                   Instant lockedUntil, int failedSignIns, int openSessions) {
    }

    record AccountPage(List<Account> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    @Override
    public void register(Javalin app) {
        app.get("/v1/accounts", this::list, requires(Permission.USERS_READ));
        app.post("/v1/accounts/{username}/unlock", this::unlock, requires(Permission.USERS_MANAGE));
        app.post("/v1/accounts/{username}/revoke-sessions", this::revokeSessions, requires(Permission.USERS_MANAGE));
    }

    @Override
    public Map<String, Set<String>> queryParameters() {
        return Map.of("/v1/accounts", Set.of("limit", "cursor"));
    }

    private Account account(UserView user) {
        SessionService.AccountState state = sessions.accountState(user);
        return new Account(user.username(), user.displayName(), ApiJson.User.of(user).roles(), user.warehouses(),
                state.lastSignInAt(), state.locked(), state.lockedUntil(), state.failedSignIns(),
                state.openSessions());
    }

    private UserView user(Context ctx) {
        String username = ctx.pathParam("username");
        return users.findByUsername(username).orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
                "There is no user '" + username + "'."));
    }

    void list(Context ctx) {
        int limit = Paging.limit(ctx);
        String after = Paging.cursor(ctx, CURSOR_KIND);
        UserService.UserPage page = users.page(after, limit);
        List<UserView> items = page.items();
        String next = page.hasMore() ? Paging.nextCursor(CURSOR_KIND, items.get(items.size() - 1).username()) : null;
        Json.respond(ctx, 200, new AccountPage(items.stream().map(this::account).toList(), next));
    }

    void unlock(Context ctx) {
        Principal principal = Access.principal(ctx);
        UserView user = user(ctx);
        idempotency.run(ctx, principal.userId(), () -> {
            sessions.unlock(user, principal.user().username());
            return Idempotency.Response.json(200, account(user));
        });
    }

    void revokeSessions(Context ctx) {
        Principal principal = Access.principal(ctx);
        UserView user = user(ctx);
        idempotency.run(ctx, principal.userId(), () -> {
            sessions.revokeSessions(user, principal.user().username());
            return Idempotency.Response.json(200, account(user));
        });
    }
}
