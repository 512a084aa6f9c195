package dev.opsdesk.client.model;

import java.time.Instant;

/**
 * A bulk job running on the server: a replay of failures or ({@code kind} RESYNC) a resync of stock pairs.
 * {@code status}: QUEUED, RUNNING, COMPLETED, CANCELLED.
 */
public record ReplayJob(String id, String status, long total, long processed, long succeeded, long failed, long skipped,
                        int throttlePerSecond, String createdBy, Instant createdAt, Instant startedAt,
                        Instant finishedAt, String retryOf, String kind) {

    public boolean isFinished() {
        return "COMPLETED".equals(status) || "CANCELLED".equals(status);
    }

    /** 0..1, for a progress bar. */
    public double progress() {
        return total == 0 ? 1.0 : Math.min(1.0, (double) processed / total);
    }
}
