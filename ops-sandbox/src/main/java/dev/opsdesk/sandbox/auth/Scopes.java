package dev.opsdesk.sandbox.auth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The one reading of the role table's scopes, for one user: may they do a permission on a record with these
 * attributes ({@link #may}), and which records of a list may they see ({@link #filter}, as a jOOQ condition or, for
 * stores that plan their own index reads, as its parts). Routes, stores and the event stream all ask here, so that a
 * scope means the same everywhere, including the ones no section uses yet (warehouses, recon kinds, not-own).
 */
public final class Scopes {

    private final String username;
    private final List<String> boundWarehouses;
    private final Map<Permission, Scope> permissions;

    private Scopes(String username, List<String> boundWarehouses, Map<Permission, Scope> permissions) {
        this.username = Objects.requireNonNull(username, "username");
        this.boundWarehouses = List.copyOf(boundWarehouses);
        this.permissions = Map.copyOf(permissions);
    }

    /** For a user with these effective permissions (see {@link Roles#effectivePermissions}). */
    public static Scopes of(String username, List<String> boundWarehouses, Map<Permission, Scope> permissions) {
        return new Scopes(username, boundWarehouses, permissions);
    }

    /** For a user holding {@code roles}, bound to {@code boundWarehouses}. */
    public static Scopes ofRoles(String username, Collection<RoleName> roles, List<String> boundWarehouses) {
        return new Scopes(username, boundWarehouses, Roles.effectivePermissions(roles, boundWarehouses));
    }

    public String username() {
        return username;
    }

    public boolean has(Permission permission) {
        return permissions.containsKey(permission);
    }

    /** Whether the user may do {@code permission} on the record {@code target}. */
    public boolean may(Permission permission, Target target) {
        return filter(permission).test(target);
    }

    /** The records the user may do {@code permission} on. */
    public Filter filter(Permission permission) {
        Scope scope = permissions.get(permission);
        if (scope == null) {
            return Filter.NOTHING;
        }
        String audit = scope.audit();
        return new Filter(false, set(scope.queues()), set(scope.warehouses()), set(scope.reconKinds()),
                Boolean.TRUE.equals(scope.notOwn()) ? username : null,
                Roles.AUDIT_ORDERS.equals(audit),
                Roles.AUDIT_OWN.equals(audit) ? username : null,
                Roles.AUDIT_OWN.equals(audit) ? Set.copyOf(boundWarehouses) : null);
    }

    /**
     * The queues {@code permission} covers, as enum constants: null for all, empty when not held. For stores that
     * pick an index by the queues a list may hold.
     */
    public <Q extends Enum<Q>> Set<Q> queues(Permission permission, Class<Q> type) {
        Filter f = filter(permission);
        if (f.nothing()) {
            return EnumSet.noneOf(type);
        }
        if (f.queues() == null) {
            return null;
        }
        Set<Q> result = EnumSet.noneOf(type);
        for (Q q : type.getEnumConstants()) {
            if (f.queues().contains(q.name())) {
                result.add(q);
            }
        }
        return result;
    }

    private static Set<String> set(List<String> values) {
        return values == null ? null : Set.copyOf(values);
    }

    /** The columns of a table that hold a record's {@link Target} attributes; null where the table has none. */
    public record Columns(Field<String> queue, Field<String> warehouse, Field<String> owner,
                          Field<String> orderNumber, Field<String> reconKind) {
    }

    /**
     * Which records: every non-null component narrows, all of them together (AND). {@code nothing}: the permission
     * is not held. {@code notOwner}: never the records this user owns. {@code ordersOnly}: records about an order.
     * {@code ownActor}/{@code ownWarehouses}: records this user owns <em>or</em> of one of these warehouses.
     */
    public record Filter(boolean nothing, Set<String> queues, Set<String> warehouses, Set<String> reconKinds,
                         String notOwner, boolean ordersOnly, String ownActor, Set<String> ownWarehouses) {

        public static final Filter NOTHING = new Filter(true, null, null, null, null, false, null, null);
        public static final Filter EVERYTHING = new Filter(false, null, null, null, null, false, null, null);

        /** This filter without its own-records-or-own-warehouses part (for stores that read that part as a union). */
        public Filter withoutOwn() {
            return new Filter(nothing, queues, warehouses, reconKinds, notOwner, ordersOnly, null, null);
        }

        /** Whether every record passes. */
        public boolean everything() {
            return equals(EVERYTHING);
        }

        public boolean test(Target t) {
            if (nothing) {
                return false;
            }
            return (queues == null || t.queue() != null && queues.contains(t.queue()))
                    && (warehouses == null || t.warehouse() != null && warehouses.contains(t.warehouse()))
                    && (reconKinds == null || t.reconKind() != null && reconKinds.contains(t.reconKind()))
                    && (notOwner == null || !notOwner.equals(t.owner()))
                    && (!ordersOnly || t.orderNumber() != null)
                    && (ownActor == null || ownActor.equals(t.owner())
                        || t.warehouse() != null && ownWarehouses.contains(t.warehouse()));
        }

        /**
         * The same test as a SQL condition over {@code columns}. A component that narrows on a column the table does
         * not have is a mistake in the caller (the records would all be let through), so it throws.
         */
        public Condition condition(Columns columns) {
            if (nothing) {
                return DSL.falseCondition();
            }
            Condition c = DSL.trueCondition();
            if (queues != null) {
                c = c.and(in(need(columns, Columns::queue, "queue"), queues));
            }
            if (warehouses != null) {
                c = c.and(in(need(columns, Columns::warehouse, "warehouse"), warehouses));
            }
            if (reconKinds != null) {
                c = c.and(in(need(columns, Columns::reconKind, "reconKind"), reconKinds));
            }
            if (notOwner != null) {
                Field<String> owner = need(columns, Columns::owner, "owner");
                c = c.and(owner.isNull().or(owner.ne(notOwner)));
            }
            if (ordersOnly) {
                c = c.and(need(columns, Columns::orderNumber, "orderNumber").isNotNull());
            }
            if (ownActor != null) {
                Condition own = need(columns, Columns::owner, "owner").eq(ownActor);
                if (!ownWarehouses.isEmpty()) {
                    own = own.or(in(need(columns, Columns::warehouse, "warehouse"), ownWarehouses));
                }
                c = c.and(own);
            }
            return c;
        }

        private static Condition in(Field<String> column, Set<String> values) {
            return values.size() == 1 ? column.eq(values.iterator().next()) : column.in(values);
        }

        private static Field<String> need(Columns columns, Function<Columns, Field<String>> column, String name) {
            Field<String> f = column.apply(columns);
            if (f == null) {
                throw new IllegalStateException("This scope narrows by " + name + ", which these records do not have");
            }
            return f;
        }
    }
}
