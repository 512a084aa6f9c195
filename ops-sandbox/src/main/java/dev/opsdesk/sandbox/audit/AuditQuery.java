package dev.opsdesk.sandbox.audit;

import java.time.Instant;
import java.util.List;

/**
 * Which audit events: each non-null component narrows. {@code timelineOrder} is an order's correlated timeline
 * (every event carrying that order number); {@code text} matches an order number, entity id, SKU or correlation id
 * exactly; {@code actionPrefix} matches actions starting with it ({@code failure.} for every failure action).
 * {@code fromSequence}/{@code toSequence} bound the sequence, both inclusive.
 */
public record AuditQuery(String entityType, String entityId, String timelineOrder, String actor, String action,
                         String actionPrefix, Instant since, Instant until, String correlationId, String text,
                         Long fromSequence, Long toSequence, AuditScope scope) {

    /** What a reader may see: everything, order-related events only, or their own actions and warehouses. */
    public record AuditScope(boolean ordersOnly, String ownActor, List<String> ownWarehouses) {

        public static final AuditScope ALL = new AuditScope(false, null, null);

        public boolean unlimited() {
            return !ordersOnly && ownActor == null;
        }
    }
}
