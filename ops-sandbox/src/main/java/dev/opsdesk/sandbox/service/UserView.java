package dev.opsdesk.sandbox.service;

import dev.opsdesk.sandbox.auth.RoleName;
import java.util.List;

/** A user as the API shows it: roles in role order, bound warehouses sorted (empty when not bound). */
public record UserView(String id, String username, String displayName, List<RoleName> roles,
                       List<String> warehouses) {

    public UserView {
        roles = List.copyOf(roles);
        warehouses = List.copyOf(warehouses);
    }
}
