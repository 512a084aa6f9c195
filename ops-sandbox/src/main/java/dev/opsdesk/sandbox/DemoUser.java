package dev.opsdesk.sandbox;

import java.util.List;

/**
 * A seeded user to sign in with, one per role.
 *
 * @param warehouses the warehouse codes the user is bound to; empty when not bound (sees all)
 */
public record DemoUser(String username, String role, String displayName, String password, List<String> warehouses) {

    public DemoUser {
        warehouses = List.copyOf(warehouses);
    }

    @Override
    public String toString() {
        return "DemoUser[username=" + username + ", role=" + role + ", displayName=" + displayName
                + ", password=***, warehouses=" + warehouses + "]";
    }
}
