package dev.opsdesk.sandbox.service;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.auth.Roles;
import dev.opsdesk.sandbox.auth.Scope;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.auth.Target;
import java.util.List;
import java.util.Map;

/**
 * The signed-in caller of a request: who they are, through which session, and what they may do.
 *
 * @param sessionTokenHash the SHA-256 of the bearer token the request came with
 * @param permissions      every permission held, with its scope ({@link Scope#UNLIMITED} when unscoped)
 */
public record Principal(UserView user, String sessionTokenHash, Map<Permission, Scope> permissions) {

    public static Principal of(UserView user, String sessionTokenHash) {
        return new Principal(user, sessionTokenHash, Roles.effectivePermissions(user.roles(), user.warehouses()));
    }

    public String userId() {
        return user.id();
    }

    public List<RoleName> roles() {
        return user.roles();
    }

    public boolean has(Permission permission) {
        return permissions.containsKey(permission);
    }

    /** The caller's scopes: what they may do on which record, and which records a list may show them. */
    public Scopes scopes() {
        return Scopes.of(user.username(), user.warehouses(), permissions);
    }

    /** Whether the caller may do {@code permission} on the record {@code target}. */
    public boolean may(Permission permission, Target target) {
        return scopes().may(permission, target);
    }
}
