package dev.opsdesk.sandbox.audit;

import dev.opsdesk.sandbox.auth.Scopes;
import java.time.Instant;

/**
 * Which audit events: each non-null component narrows. {@code timelineOrder} is an order's correlated timeline
 * (every event carrying that order number); {@code text} matches an order number, entity id, SKU or correlation id
 * exactly; {@code actionPrefix} matches actions starting with it ({@code failure.} for every failure action).
 * {@code fromSequence}/{@code toSequence} bound the sequence, both inclusive. {@code scope} is what the reader may see
 * ({@link AuditQueries#SCOPE_COLUMNS} says where the event keeps what it looks at).
 */
public record AuditQuery(String entityType, String entityId, String timelineOrder, String actor, String action,
                         String actionPrefix, Instant since, Instant until, String correlationId, String text,
                         Long fromSequence, Long toSequence, Scopes.Filter scope) {
}
