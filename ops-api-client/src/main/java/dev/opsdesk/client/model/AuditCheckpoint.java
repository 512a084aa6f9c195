package dev.opsdesk.client.model;

import java.time.Instant;

/** The latest event's sequence and hash (sequence 0 before the first event). */
public record AuditCheckpoint(long sequence, String hash, Instant at) {
}
