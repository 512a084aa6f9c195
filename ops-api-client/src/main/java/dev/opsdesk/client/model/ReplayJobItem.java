package dev.opsdesk.client.model;

import java.time.Instant;

/** The result of one failure in a bulk replay. */
public record ReplayJobItem(String failureId, String outcome, String effect, String error, Instant at, String orderNumber) {
}
