package dev.opsdesk.client.model;

import java.time.Instant;

/**
 * A bulk job running on the server: a replay of failures or ({@code kind} RESYNC) a resync of stock pairs.
 * {@code status}: QUEUED, RUNNING, COMPLETED, CANCELLED.
 */
public record ReplayJob(String id, String status, long total, long processed, long succeeded, long failed, long skipped,
                        int throttlePerSecond, String createdBy, Instant createdAt, Instant startedAt,
                        Instant finishedAt, String retryOf, String kind, java.util.List<Money> captured,
                        java.util.List<Money> refunded) {

    public ReplayJob {
        captured = captured == null ? java.util.List.of() : java.util.List.copyOf(captured);
        refunded = refunded == null ? java.util.List.of() : java.util.List.copyOf(refunded);
    }

    /** Without money totals (as a job is returned when started or cancelled). */
    public ReplayJob(String id, String status, long total, long processed, long succeeded, long failed, long skipped,
                     int throttlePerSecond, String createdBy, Instant createdAt, Instant startedAt,
                     Instant finishedAt, String retryOf, String kind) {
        this(id, status, total, processed, succeeded, failed, skipped, throttlePerSecond, createdBy, createdAt,
                startedAt, finishedAt, retryOf, kind, null, null);
    }

    public boolean isFinished() {
        return "COMPLETED".equals(status) || "CANCELLED".equals(status);
    }

    /** 0..1, for a progress bar. */
    public double progress() {
        return total == 0 ? 1.0 : Math.min(1.0, (double) processed / total);
    }
}
