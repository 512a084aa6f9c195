package dev.opsdesk.sandbox.auth;

import java.util.Arrays;
import java.util.Optional;

/** Every permission of the ops API; {@link #wireName()} is the name in the contract's {@code Permission} enum. */
public enum Permission {
    FAILURES_READ("failures.read"),
    FAILURES_REPLAY("failures.replay"),
    FAILURES_RESOLVE("failures.resolve"),
    INVENTORY_READ("inventory.read"),
    INVENTORY_RESYNC("inventory.resync"),
    INVENTORY_ADJUST("inventory.adjust"),
    STOCKCOUNT_SUBMIT("stockcount.submit"),
    AUDIT_READ("audit.read"),
    AUDIT_EXPORT("audit.export"),
    RECON_READ("recon.read"),
    RECON_PREPARE("recon.prepare"),
    RECON_APPROVE("recon.approve"),
    EXPORT("export"),
    USERS_READ("users.read"),
    /** Unlocking accounts and revoking sessions (administrators). */
    USERS_MANAGE("users.manage");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Permission> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
