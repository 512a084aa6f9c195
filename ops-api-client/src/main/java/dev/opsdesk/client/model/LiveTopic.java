package dev.opsdesk.client.model;

import java.util.Locale;

/**
 * What a live event is about, to subscribe to ({@code GET /v1/events?topics=}). Each needs a permission:
 * {@code failures.read} for FAILURES and JOBS, {@code audit.read} for AUDIT, {@code inventory.read} for INVENTORY,
 * {@code recon.read} for RECONCILIATION.
 */
public enum LiveTopic {
    FAILURES, JOBS, AUDIT, INVENTORY, RECONCILIATION;

    /** The name on the wire, e.g. {@code failures}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
