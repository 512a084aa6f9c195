package dev.opsdesk.client.model;

import java.time.Instant;

/** A failure in one of the queues, as listed (without payload, attempts and notes). */
public record Failure(String id, String queue, String status, String reason, String message, boolean replayable,
                      String provider, String eventId, String eventType, String orderNumber,
                      String paymentReference, String sku, String warehouse, Money amount,
                      Instant firstSeenAt, Instant lastAttemptAt, Instant updatedAt, int attemptCount,
                      String assignee, Resolution resolution) {

    public static final String PAYMENT_CALLBACK = "PAYMENT_CALLBACK";
    public static final String INVENTORY_SYNC = "INVENTORY_SYNC";
    public static final String FULFILLMENT_EXPORT = "FULFILLMENT_EXPORT";

    /** OPEN or REPLAYING: still needs someone. */
    public boolean isOpen() {
        return "OPEN".equals(status) || "REPLAYING".equals(status);
    }

    /** Quarantined: the signature never verified; visible, never replayable. */
    public boolean isQuarantined() {
        return "DEAD".equals(status);
    }
}
