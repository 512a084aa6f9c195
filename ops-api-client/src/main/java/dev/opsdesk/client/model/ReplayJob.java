package dev.opsdesk.client.model;

import java.time.Instant;

/** A bulk replay running on the server. {@code status}: QUEUED, RUNNING, COMPLETED, CANCELLED. */
public record ReplayJob(String id, String status, long total, long processed, long succeeded, long failed, long skipped,
                        int throttlePerSecond, String createdBy, Instant createdAt, Instant startedAt,
                        Instant finishedAt, String retryOf) {

    public boolean isFinished() {
        return "COMPLETED".equals(status) || "CANCELLED".equals(status);
    }

    /** 0..1, for a progress bar. */
    public double progress() {
        return total == 0 ? 1.0 : Math.min(1.0, (double) processed / total);
    }
}
