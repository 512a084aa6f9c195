package dev.opsdesk.sandbox.failures;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import java.time.Instant;

/** Audit entries about a failure: on its order's timeline, and its warehouse's and SKU's when it has them. */
final class FailureAudit {

    private FailureAudit() {
    }

    static AuditEntry entry(Instant at, String actor, String action, FailureRecord f) {
        return entry(at, actor, action, f.getId(), f.getOrderNumber(), f.getWarehouse(), f.getSku());
    }

    static AuditEntry entry(Instant at, String actor, String action, String failureId, String orderNumber,
                            String warehouse, String sku) {
        return AuditEntry.by(at, actor, action, "failure", failureId).order(orderNumber).warehouse(warehouse)
                .sku(sku);
    }
}
