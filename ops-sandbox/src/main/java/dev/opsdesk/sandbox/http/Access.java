package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.service.Principal;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Objects;

/**
 * Who may call a route, declared where the route is registered: {@code app.get(path, handler, requires(USERS_READ))}.
 * The guard in {@link HttpApi} enforces it before the handler runs; a route that declares nothing is refused.
 *
 * @param signedIn   whether a valid bearer token is needed
 * @param permission the permission needed besides, or null
 */
public record Access(boolean signedIn, Permission permission) implements RouteRole {

    /** No authentication (health, sign-in). */
    public static final Access PUBLIC = new Access(false, null);

    /** Any signed-in user. */
    public static final Access SIGNED_IN = new Access(true, null);

    private static final String PRINCIPAL = "opsdesk.principal";

    public Access {
        if (permission != null && !signedIn) {
            throw new IllegalArgumentException("A permission needs a signed-in caller");
        }
    }

    /** A signed-in user holding {@code permission} (in any scope; per-record scope checks are the handler's). */
    public static Access requires(Permission permission) {
        return new Access(true, Objects.requireNonNull(permission, "permission"));
    }

    /** The caller of a route that needs a signed-in user. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("No principal: route " + ctx.endpointHandlerPath() + " is public");
        }
        return principal;
    }

    static void setPrincipal(Context ctx, Principal principal) {
        ctx.attribute(PRINCIPAL, principal);
    }
}
