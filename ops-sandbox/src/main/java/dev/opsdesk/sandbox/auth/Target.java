package dev.opsdesk.sandbox.auth;

/**
 * What a scope looks at on one record: its failure queue, warehouse, owner (the actor of an audit event, the preparer
 * of a reconciliation, the starter of a job), order number (audit {@code ORDERS}) and reconciliation kind. A null
 * component is "the record has none": a scope that limits that component then excludes the record.
 */
public record Target(String queue, String warehouse, String owner, String orderNumber, String reconKind) {

    public static final Target NONE = new Target(null, null, null, null, null);

    /** A failure (or anything else that lives in a queue). */
    public static Target inQueue(String queue) {
        return new Target(queue, null, null, null, null);
    }

    /** An audit event: who did it, and the warehouse and order it is about. */
    public static Target auditEvent(String actor, String warehouse, String orderNumber) {
        return new Target(null, warehouse, actor, orderNumber, null);
    }

    /** Something in a warehouse (stock, an adjustment, a count). */
    public static Target inWarehouse(String warehouse) {
        return new Target(null, warehouse, null, null, null);
    }

    /** A reconciliation of {@code kind}, prepared by {@code preparer}, for {@code warehouse} (null when not one). */
    public static Target reconciliation(String kind, String warehouse, String preparer) {
        return new Target(null, warehouse, preparer, null, kind);
    }

    public Target withOwner(String newOwner) {
        return new Target(queue, warehouse, newOwner, orderNumber, reconKind);
    }
}
