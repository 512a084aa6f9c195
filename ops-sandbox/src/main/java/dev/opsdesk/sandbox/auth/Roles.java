package dev.opsdesk.sandbox.auth;

import static dev.opsdesk.sandbox.auth.Permission.AUDIT_EXPORT;
import static dev.opsdesk.sandbox.auth.Permission.AUDIT_READ;
import static dev.opsdesk.sandbox.auth.Permission.EXPORT;
import static dev.opsdesk.sandbox.auth.Permission.FAILURES_READ;
import static dev.opsdesk.sandbox.auth.Permission.FAILURES_REPLAY;
import static dev.opsdesk.sandbox.auth.Permission.FAILURES_RESOLVE;
import static dev.opsdesk.sandbox.auth.Permission.INVENTORY_ADJUST;
import static dev.opsdesk.sandbox.auth.Permission.INVENTORY_READ;
import static dev.opsdesk.sandbox.auth.Permission.INVENTORY_RESYNC;
import static dev.opsdesk.sandbox.auth.Permission.RECON_APPROVE;
import static dev.opsdesk.sandbox.auth.Permission.RECON_PREPARE;
import static dev.opsdesk.sandbox.auth.Permission.RECON_READ;
import static dev.opsdesk.sandbox.auth.Permission.STOCKCOUNT_SUBMIT;
import static dev.opsdesk.sandbox.auth.Permission.USERS_MANAGE;
import static dev.opsdesk.sandbox.auth.Permission.USERS_READ;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The role and permission table: the one place that says which role may do what, and how far. Every route guard,
 * {@code GET /v1/me} and {@code GET /v1/roles} read it from here (see src-docs/architecture.md for the same table
 * in prose).
 */
public final class Roles {

    public static final String PAYMENT_CALLBACK = "PAYMENT_CALLBACK";
    public static final String INVENTORY_SYNC = "INVENTORY_SYNC";
    public static final String FULFILLMENT_EXPORT = "FULFILLMENT_EXPORT";
    public static final String AUDIT_ORDERS = "ORDERS";
    public static final String AUDIT_OWN = "OWN";
    public static final String STOCK_COUNT = "STOCK_COUNT";

    /**
     * What {@code GET /v1/roles} publishes in {@code warehouses} for "the holder's own warehouses": a role has no
     * warehouses of its own, only its members do ({@code GET /v1/me} shows the actual codes).
     */
    public static final String OWN_WAREHOUSES_MARKER = "OWN";

    private static final Map<RoleName, Map<Permission, Grant>> TABLE = new EnumMap<>(RoleName.class);

    static {
        role(RoleName.WAREHOUSE,
                grant(INVENTORY_READ).inOwnWarehouses(),
                grant(INVENTORY_ADJUST).inOwnWarehouses(),
                grant(STOCKCOUNT_SUBMIT).inOwnWarehouses(),
                grant(AUDIT_READ).audit(AUDIT_OWN),
                grant(RECON_READ).reconKinds(STOCK_COUNT).inOwnWarehouses(),
                grant(RECON_PREPARE).reconKinds(STOCK_COUNT).inOwnWarehouses(),
                grant(EXPORT));
        role(RoleName.OPS,
                grant(FAILURES_READ),
                grant(FAILURES_REPLAY).queues(INVENTORY_SYNC, FULFILLMENT_EXPORT),
                grant(FAILURES_RESOLVE),
                grant(INVENTORY_READ),
                grant(INVENTORY_RESYNC),
                grant(AUDIT_READ),
                grant(EXPORT));
        role(RoleName.SUPPORT,
                grant(FAILURES_READ).queues(PAYMENT_CALLBACK),
                grant(FAILURES_REPLAY).queues(PAYMENT_CALLBACK),
                grant(FAILURES_RESOLVE).queues(PAYMENT_CALLBACK),
                grant(AUDIT_READ).audit(AUDIT_ORDERS),
                grant(EXPORT));
        role(RoleName.FINANCE,
                grant(FAILURES_READ).queues(PAYMENT_CALLBACK),
                grant(AUDIT_READ),
                grant(AUDIT_EXPORT),
                grant(RECON_READ),
                grant(RECON_PREPARE),
                grant(EXPORT));
        role(RoleName.APPROVER,
                grant(FAILURES_READ).queues(PAYMENT_CALLBACK),
                grant(AUDIT_READ),
                grant(AUDIT_EXPORT),
                grant(RECON_READ),
                grant(RECON_APPROVE).exceptOwnRecords(),
                grant(EXPORT));
        role(RoleName.AUDITOR,
                grant(FAILURES_READ),
                grant(INVENTORY_READ),
                grant(AUDIT_READ),
                grant(AUDIT_EXPORT),
                grant(RECON_READ),
                grant(EXPORT));
        role(RoleName.ADMIN,
                grant(FAILURES_READ),
                grant(FAILURES_REPLAY),
                grant(FAILURES_RESOLVE),
                grant(INVENTORY_READ),
                grant(INVENTORY_RESYNC),
                grant(INVENTORY_ADJUST),
                grant(STOCKCOUNT_SUBMIT),
                grant(AUDIT_READ),
                grant(AUDIT_EXPORT),
                grant(RECON_READ),
                grant(RECON_PREPARE),
                grant(RECON_APPROVE).exceptOwnRecords(),
                grant(EXPORT),
                grant(USERS_READ),
                grant(USERS_MANAGE));
    }

    private Roles() {
    }

    /** The permissions a role grants, in {@link Permission} order. */
    public static Map<Permission, Grant> grants(RoleName role) {
        return TABLE.get(role);
    }

    /**
     * What a user holding {@code roles} and bound to {@code boundWarehouses} may do: each permission with its
     * scope ({@link Scope#UNLIMITED} when unscoped), in {@link Permission} order.
     */
    public static Map<Permission, Scope> effectivePermissions(Collection<RoleName> roles, List<String> boundWarehouses) {
        Map<Permission, Scope> result = new EnumMap<>(Permission.class);
        for (RoleName role : roles) {
            for (Grant grant : TABLE.get(role).values()) {
                Scope scope = grant.scopeFor(boundWarehouses);
                result.merge(grant.permission(), scope, Scope::union);
            }
        }
        return Collections.unmodifiableMap(result);
    }

    private static void role(RoleName role, Grant... grants) {
        Map<Permission, Grant> byPermission = new EnumMap<>(Permission.class);
        for (Grant g : grants) {
            if (byPermission.put(g.permission(), g) != null) {
                throw new IllegalStateException(role + " grants " + g.permission() + " twice");
            }
        }
        TABLE.put(role, Collections.unmodifiableMap(byPermission));
    }

    private static Grant grant(Permission permission) {
        return new Grant(permission, null, false, null, null, false);
    }

    /**
     * How a role holds one permission. {@code ownWarehouses}: only for the warehouses the holder is bound to.
     */
    public record Grant(Permission permission, List<String> queues, boolean ownWarehouses, String audit,
                        List<String> reconKinds, boolean notOwn) {

        public Grant {
            Objects.requireNonNull(permission, "permission");
        }

        Grant queues(String... names) {
            return new Grant(permission, List.of(names), ownWarehouses, audit, reconKinds, notOwn);
        }

        Grant inOwnWarehouses() {
            return new Grant(permission, queues, true, audit, reconKinds, notOwn);
        }

        Grant audit(String kind) {
            return new Grant(permission, queues, ownWarehouses, kind, reconKinds, notOwn);
        }

        Grant reconKinds(String... kinds) {
            return new Grant(permission, queues, ownWarehouses, audit, List.of(kinds), notOwn);
        }

        Grant exceptOwnRecords() {
            return new Grant(permission, queues, ownWarehouses, audit, reconKinds, true);
        }

        public boolean scoped() {
            return queues != null || ownWarehouses || audit != null || reconKinds != null || notOwn;
        }

        /** The scope for a user bound to {@code boundWarehouses}. */
        public Scope scopeFor(List<String> boundWarehouses) {
            return new Scope(queues, ownWarehouses ? boundWarehouses : null, audit, reconKinds, notOwn ? true : null);
        }

        /** The scope as {@code GET /v1/roles} publishes it, with {@link #OWN_WAREHOUSES_MARKER} for own warehouses. */
        public Scope publishedScope() {
            return scopeFor(List.of(OWN_WAREHOUSES_MARKER));
        }
    }

    /** The role table as ordered maps, for publishing. */
    public static Map<RoleName, Map<Permission, Grant>> table() {
        Map<RoleName, Map<Permission, Grant>> copy = new LinkedHashMap<>();
        for (RoleName r : RoleName.values()) {
            copy.put(r, TABLE.get(r));
        }
        return Collections.unmodifiableMap(copy);
    }
}
