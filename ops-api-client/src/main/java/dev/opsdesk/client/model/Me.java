package dev.opsdesk.client.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in user and what the server lets them do. Gate features by {@link #has(String)},
 * never by role names: the server is the authority and may change the table.
 */
public record Me(User user, List<String> roles, List<String> permissions, Map<String, Scope> scopes,
                 List<String> warehouseScope) {

    public Me {
        roles = roles == null ? List.of() : List.copyOf(roles);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        scopes = scopes == null ? Map.of() : Map.copyOf(scopes);
        warehouseScope = warehouseScope == null ? null : List.copyOf(warehouseScope);
    }

    public boolean has(String permission) {
        return permissions.contains(permission);
    }

    public boolean hasAny(String... wanted) {
        for (String permission : wanted) {
            if (has(permission)) {
                return true;
            }
        }
        return false;
    }

    /** The scope limiting {@code permission}, empty when it is held without limits (or not held). */
    public Optional<Scope> scopeOf(String permission) {
        return Optional.ofNullable(scopes.get(permission));
    }
}
