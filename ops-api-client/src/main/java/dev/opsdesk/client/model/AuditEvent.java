package dev.opsdesk.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;

/**
 * One audit event: who ({@code actor}) did what ({@code action}) to which entity, when, with the details the action
 * recorded (for a change: {@code before} and {@code after}); chained to the previous event by {@code prevHash}.
 */
public record AuditEvent(long sequence, Instant at, String actor, String actorType, String action, String entityType,
                         String entityId, String orderNumber, String warehouse, String sku, String requestId,
                         String correlationId, JsonNode details, String prevHash, String hash) {

    public AuditEvent {
        details = details == null ? NullNode.getInstance() : details;
    }

    /** {@code type:id}, e.g. {@code failure:F-0000042}. */
    public String entity() {
        return entityType + ":" + entityId;
    }

    public boolean bySystem() {
        return "SYSTEM".equals(actorType);
    }
}
