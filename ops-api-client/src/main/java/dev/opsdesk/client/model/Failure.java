package dev.opsdesk.client.model;

import java.time.Instant;

/** A failure in one of the queues, as listed (without payload, attempts and notes). */
public record Failure(String id, String queue, String status, String reason, String message, boolean replayable,
                      String provider, String eventId, String eventType, String orderNumber,
                      String paymentReference, String sku, String warehouse, Money amount,
                      Instant firstSeenAt, Instant lastAttemptAt, Instant updatedAt, int attemptCount,
                      String assignee, Resolution resolution, Instant slaDueAt) {

    /** As before SLA ageing existed (no due time). */
    public Failure(String id, String queue, String status, String reason, String message, boolean replayable,
                   String provider, String eventId, String eventType, String orderNumber,
                   String paymentReference, String sku, String warehouse, Money amount,
                   Instant firstSeenAt, Instant lastAttemptAt, Instant updatedAt, int attemptCount,
                   String assignee, Resolution resolution) {
        this(id, queue, status, reason, message, replayable, provider, eventId, eventType, orderNumber,
                paymentReference, sku, warehouse, amount, firstSeenAt, lastAttemptAt, updatedAt, attemptCount,
                assignee, resolution, null);
    }

    public static final String PAYMENT_CALLBACK = "PAYMENT_CALLBACK";
    public static final String INVENTORY_SYNC = "INVENTORY_SYNC";
    public static final String FULFILLMENT_EXPORT = "FULFILLMENT_EXPORT";

    /** OPEN or REPLAYING: still needs someone. */
    public boolean isOpen() {
        return "OPEN".equals(status) || "REPLAYING".equals(status);
    }

    /** Open and older than its queue's SLA target at {@code now} (the server says when it is due). */
    public boolean isPastSla(Instant now) {
        return isOpen() && slaDueAt != null && !now.isBefore(slaDueAt);
    }

    /** Quarantined: the signature never verified; visible, never replayable. */
    public boolean isQuarantined() {
        return "DEAD".equals(status);
    }
}
