package dev.opsdesk.sandbox.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One state change to record: who ({@code actor}; a username, or a system component such as
 * {@code system:webhooks}), what ({@code action}, e.g. {@code failure.replayed}), to which entity, when, and the
 * details (for a change: {@code before} and {@code after}). {@code orderNumber} places the event on an order's
 * timeline; {@code warehouse} on a warehouse's.
 */
public record AuditEntry(Instant at, String actor, ActorType actorType, String action, String entityType,
                         String entityId, String orderNumber, String warehouse, String sku,
                         String correlationId, Map<String, Object> details) {

    public enum ActorType { USER, SYSTEM }

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        details = details == null ? Map.of() : details;
    }

    /** A change a person made. */
    public static AuditEntry byUser(Instant at, String username, String action, String entityType, String entityId) {
        return new AuditEntry(at, username, ActorType.USER, action, entityType, entityId, null, null, null, null,
                new LinkedHashMap<>());
    }

    /** A change a system component made ({@code component} without the {@code system:} prefix). */
    public static AuditEntry bySystem(Instant at, String component, String action, String entityType,
                                      String entityId) {
        return new AuditEntry(at, "system:" + component, ActorType.SYSTEM, action, entityType, entityId, null, null,
                null, null, new LinkedHashMap<>());
    }

    /** By {@code actor}: a username, or {@code system:<component>}. */
    public static AuditEntry by(Instant at, String actor, String action, String entityType, String entityId) {
        return actor.startsWith("system:")
                ? bySystem(at, actor.substring("system:".length()), action, entityType, entityId)
                : byUser(at, actor, action, entityType, entityId);
    }

    public AuditEntry order(String value) {
        return new AuditEntry(at, actor, actorType, action, entityType, entityId, value, warehouse, sku,
                correlationId, details);
    }

    public AuditEntry warehouse(String value) {
        return new AuditEntry(at, actor, actorType, action, entityType, entityId, orderNumber, value, sku,
                correlationId, details);
    }

    public AuditEntry sku(String value) {
        return new AuditEntry(at, actor, actorType, action, entityType, entityId, orderNumber, warehouse, value,
                correlationId, details);
    }

    public AuditEntry correlation(String value) {
        return new AuditEntry(at, actor, actorType, action, entityType, entityId, orderNumber, warehouse, sku, value,
                details);
    }

    /** Adds a detail (null values are kept: "was empty" is information). */
    public AuditEntry with(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put(key, value);
        return new AuditEntry(at, actor, actorType, action, entityType, entityId, orderNumber, warehouse, sku,
                correlationId, d);
    }

    /** A map of key/value pairs that may hold nulls, in the given order (for {@code before}/{@code after}). */
    public static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** Adds {@code before} and {@code after}. */
    public AuditEntry change(Map<String, ?> before, Map<String, ?> after) {
        return with("before", before).with("after", after);
    }
}
