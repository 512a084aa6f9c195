package dev.opsdesk.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Counts per queue and status, and failures first seen per hour over the last 24 hours. */
public record FailureSummary(Instant generatedAt, List<QueueCounts> queues, List<HourBucket> hourly) {

    public FailureSummary {
        queues = queues == null ? List.of() : List.copyOf(queues);
        hourly = hourly == null ? List.of() : List.copyOf(hourly);
    }

    /** @param open OPEN and REPLAYING */
    public record QueueCounts(String queue, long open, long newLastHour, Map<String, Long> byStatus) {
        public QueueCounts {
            byStatus = byStatus == null ? Map.of() : Map.copyOf(byStatus);
        }
    }

    /** @param counts per queue */
    public record HourBucket(Instant hour, Map<String, Long> counts) {
        public HourBucket {
            counts = counts == null ? Map.of() : Map.copyOf(counts);
        }
    }
}
