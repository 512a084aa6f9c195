package dev.opsdesk.client.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which audit events; null properties don't filter.
 *
 * @param entity        {@code type:id}; {@code order:ORD-…} is the order's whole timeline
 * @param action        an action, or a prefix ending in {@code *} ({@code failure.*})
 * @param q             exact match on order number, entity id, SKU or correlation id
 * @param fromSequence  lowest sequence, inclusive
 * @param toSequence    highest sequence, inclusive
 */
public record AuditFilter(String entity, String actor, String action, Instant since, Instant until,
                          String correlationId, String q, Long fromSequence, Long toSequence) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null, null, null, null);
    }

    public static AuditFilter entity(String type, String id) {
        return none().withEntity(type + ":" + id);
    }

    public AuditFilter withEntity(String v) { return new AuditFilter(v, actor, action, since, until, correlationId, q, fromSequence, toSequence); }
    public AuditFilter withActor(String v) { return new AuditFilter(entity, v, action, since, until, correlationId, q, fromSequence, toSequence); }
    public AuditFilter withAction(String v) { return new AuditFilter(entity, actor, v, since, until, correlationId, q, fromSequence, toSequence); }
    public AuditFilter withSince(Instant v) { return new AuditFilter(entity, actor, action, v, until, correlationId, q, fromSequence, toSequence); }
    public AuditFilter withUntil(Instant v) { return new AuditFilter(entity, actor, action, since, v, correlationId, q, fromSequence, toSequence); }
    public AuditFilter withCorrelationId(String v) { return new AuditFilter(entity, actor, action, since, until, v, q, fromSequence, toSequence); }
    public AuditFilter withText(String v) { return new AuditFilter(entity, actor, action, since, until, correlationId, v, fromSequence, toSequence); }
    public AuditFilter withSequences(Long from, Long to) { return new AuditFilter(entity, actor, action, since, until, correlationId, q, from, to); }

    /** As query parameters, skipping blanks. */
    public Map<String, Object> toQuery() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "entity", entity);
        put(m, "actor", actor);
        put(m, "action", action);
        put(m, "since", since);
        put(m, "until", until);
        put(m, "correlationId", correlationId);
        put(m, "q", q);
        put(m, "fromSequence", fromSequence);
        put(m, "toSequence", toSequence);
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null && !(v instanceof String s && s.isBlank())) {
            m.put(k, v instanceof String s ? s.trim() : v);
        }
    }
}
