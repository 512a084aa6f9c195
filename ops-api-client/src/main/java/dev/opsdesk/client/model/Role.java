package dev.opsdesk.client.model;

import java.util.List;
import java.util.Map;

/** One row of the role and permission table the server enforces. */
public record Role(String name, List<String> permissions, Map<String, Scope> scopes) {

    public Role {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        scopes = scopes == null ? Map.of() : Map.copyOf(scopes);
    }
}
