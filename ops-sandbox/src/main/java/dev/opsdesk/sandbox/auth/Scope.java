package dev.opsdesk.sandbox.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What limits a permission, as in the contract's {@code Scope}: each non-null component narrows it, a null one
 * means "all". {@code notOwn} is true when the permission never applies to the holder's own records.
 */
public record Scope(List<String> queues, List<String> warehouses, String audit, List<String> reconKinds,
                    Boolean notOwn) {

    public Scope {
        queues = queues == null ? null : List.copyOf(queues);
        warehouses = warehouses == null ? null : List.copyOf(warehouses);
        reconKinds = reconKinds == null ? null : List.copyOf(reconKinds);
        if (Boolean.FALSE.equals(notOwn)) {
            notOwn = null;
        }
    }

    public static final Scope UNLIMITED = new Scope(null, null, null, null, null);

    public boolean isUnlimited() {
        return equals(UNLIMITED);
    }

    /**
     * The scope of holding a permission through two roles: the less restrictive of each component. Not every
     * combination can be expressed by the contract's {@code Scope} (audit ORDERS plus OWN); then the first wins,
     * which errs on the side of granting less.
     */
    public Scope union(Scope other) {
        if (isUnlimited() || other.isUnlimited()) {
            return UNLIMITED;
        }
        String mergedAudit = audit == null || other.audit == null ? null : audit;
        Boolean mergedNotOwn = Boolean.TRUE.equals(notOwn) && Boolean.TRUE.equals(other.notOwn) ? Boolean.TRUE : null;
        return new Scope(unionOf(queues, other.queues), unionOf(warehouses, other.warehouses), mergedAudit,
                unionOf(reconKinds, other.reconKinds), mergedNotOwn);
    }

    private static List<String> unionOf(List<String> a, List<String> b) {
        if (a == null || b == null) {
            return null;
        }
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
