package dev.opsdesk.client.model;

import java.time.Instant;
import java.util.List;

/**
 * A user with their sign-in state, as the administration sees it.
 *
 * @param lastSignInAt  null when never signed in
 * @param locked        locked after failed sign-ins (from at least one source)
 * @param lockedUntil   when the lock ends by itself; null when not locked
 * @param failedSignIns failed sign-ins within the last 15 minutes
 * @param openSessions  sessions neither signed out, revoked nor expired
 */
public record Account(String username, String displayName, List<String> roles, List<String> warehouses,
                      Instant lastSignInAt, boolean locked, Instant lockedUntil, int failedSignIns,
                      int openSessions) {

    public Account {
        roles = roles == null ? List.of() : List.copyOf(roles);
        warehouses = warehouses == null ? List.of() : List.copyOf(warehouses);
    }
}
