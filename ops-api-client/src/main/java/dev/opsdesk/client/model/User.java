package dev.opsdesk.client.model;

import java.util.List;

/** A person who can sign in. {@code warehouses} is empty unless the user is bound to warehouses. */
public record User(String id, String username, String displayName, List<String> roles, List<String> warehouses) {

    public User {
        roles = roles == null ? List.of() : List.copyOf(roles);
        warehouses = warehouses == null ? List.of() : List.copyOf(warehouses);
    }
}
