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

    /**
     * @param open             OPEN and REPLAYING
     * @param slaTargetMinutes how old an open failure of this queue may get
     * @param pastSla          open failures older than that now
     */
    public record QueueCounts(String queue, long open, long newLastHour, Map<String, Long> byStatus,
                              long slaTargetMinutes, long pastSla) {
        public QueueCounts {
            byStatus = byStatus == null ? Map.of() : Map.copyOf(byStatus);
        }

        public QueueCounts(String queue, long open, long newLastHour, Map<String, Long> byStatus) {
            this(queue, open, newLastHour, byStatus, 0, 0);
        }
    }

    /** @param counts per queue */
    public record HourBucket(Instant hour, Map<String, Long> counts) {
        public HourBucket {
            counts = counts == null ? Map.of() : Map.copyOf(counts);
        }
    }
}
