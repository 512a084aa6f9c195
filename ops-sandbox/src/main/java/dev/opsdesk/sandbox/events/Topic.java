package dev.opsdesk.sandbox.events;

import dev.opsdesk.sandbox.auth.Permission;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a live event is about, and the permission that lets one subscribe to it ({@code GET /v1/events?topics=}).
 * Inventory and reconciliation have no events yet; they are here so that clients may already ask for them.
 */
public enum Topic {
    FAILURES(Permission.FAILURES_READ),
    JOBS(Permission.FAILURES_READ),
    AUDIT(Permission.AUDIT_READ),
    INVENTORY(Permission.INVENTORY_READ),
    RECONCILIATION(Permission.RECON_READ);

    private final Permission permission;

    Topic(Permission permission) {
        this.permission = permission;
    }

    /** Without it, a reader gets none of the topic's events. */
    public Permission permission() {
        return permission;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Topic> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
