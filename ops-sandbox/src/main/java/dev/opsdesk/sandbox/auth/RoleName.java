package dev.opsdesk.sandbox.auth;

import java.util.Arrays;
import java.util.Optional;

/** The roles of the ops API, in the order the contract lists them; {@link #wireName()} is the contract's name. */
public enum RoleName {
    WAREHOUSE("warehouse"),
    OPS("ops"),
    SUPPORT("support"),
    FINANCE("finance"),
    APPROVER("approver"),
    AUDITOR("auditor"),
    ADMIN("admin");

    private final String wireName;

    RoleName(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RoleName> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(wireName)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
