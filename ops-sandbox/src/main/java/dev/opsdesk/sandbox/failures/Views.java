package dev.opsdesk.sandbox.failures;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The read models of the failure queues, shaped exactly like the contract's schemas (property names, nesting), so
 * that the HTTP layer writes them as they are. Null properties are left out on the wire.
 */
public final class Views {

    private Views() {
    }

    /** {@code Money}: integer minor units plus an ISO 4217 code. */
    public record Money(long amountMinor, String currency) {

        public static Money of(Long amountMinor, String currency) {
            return amountMinor == null || currency == null ? null : new Money(amountMinor, currency);
        }

        /** "42.50 EUR": for messages to people (two decimals; all three currencies here have two). */
        @Override
        public String toString() {
            long abs = Math.abs(amountMinor);
            return (amountMinor < 0 ? "-" : "") + abs / 100 + "." + String.format("%02d", abs % 100) + " " + currency;
        }
    }

    public record Resolution(String by, Instant at, ResolutionCode code,
                             @JsonInclude(JsonInclude.Include.ALWAYS) String note) {
    }

    /** {@code Failure}. */
    public record Failure(String id, Queue queue, FailureStatus status, Reason reason, String message,
                          boolean replayable, String provider, String eventId, String eventType, String orderNumber,
                          String paymentReference, String sku, String warehouse, Money amount, Instant firstSeenAt,
                          Instant lastAttemptAt, Instant updatedAt, int attemptCount, String assignee,
                          Resolution resolution, Instant slaDueAt) {
    }

    /** {@code Attempt}. */
    public record Attempt(int number, Instant at, Trigger trigger, String actor, Outcome outcome, Effect effect,
                          Integer statusCode, String error, long durationMs, String jobId) {
    }

    /** {@code Note}. */
    public record Note(String id, Instant at, String author, String text) {
    }

    /** One payment of an {@code Order}. */
    public record Payment(String reference, String provider, Money amount, String state, Instant capturedAt) {
    }

    /** {@code Order}, with its payments. */
    public record Order(String orderNumber, String status, Money total, String customerEmail, Instant createdAt,
                        List<Payment> payments) {
    }

    /** {@code FailureDetail}: the failure's own properties beside the detail ones (the contract's allOf). */
    public record FailureDetail(@JsonUnwrapped Failure failure, String payload, Map<String, String> headers,
                                List<Attempt> attempts, List<Note> notes, Order order) {
    }

    /** {@code FailurePage}. */
    public record FailurePage(List<Failure> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    /** One queue of {@code FailureSummary}: {@code pastSla} counts the open failures older than the target. */
    public record QueueSummary(Queue queue, long open, long newLastHour, Map<String, Long> byStatus,
                               long slaTargetMinutes, long pastSla) {
    }

    /** One of {@code Assignees}: a user who may act on a failure (replay it, or resolve and assign it). */
    public record Assignee(String username, String displayName, boolean mayReplay, boolean mayResolve) {
    }

    /** {@code Assignees}. */
    public record Assignees(List<Assignee> items) {
    }

    /** One hour of {@code FailureSummary}: failures first seen in it, per queue. */
    public record HourBucket(Instant hour, Map<String, Long> counts) {
    }

    /** {@code FailureSummary}. */
    public record Summary(Instant generatedAt, List<QueueSummary> queues, List<HourBucket> hourly) {
    }

    /** {@code ReplayResult}. */
    public record ReplayResult(String failureId, Outcome outcome, Effect effect, String message, Failure failure) {
    }

    /** One item of {@code ReplayPreview}. */
    public record PreviewItem(String failureId, Effect effect, String explanation, String orderNumber,
                              Money amount) {
    }

    /**
     * {@code ReplayPreview}: {@code captureTotals} and {@code refundTotals} sum, per currency, the money the replay
     * would capture or record as refunded (over every item, not only the listed ones).
     */
    public record Preview(long total, Map<String, Long> byEffect, List<Money> captureTotals, List<Money> refundTotals,
                          List<PreviewItem> items, boolean truncated) {
    }

    /**
     * {@code ReplayJob}: {@code captured} and {@code refunded} sum, per currency, the money its succeeded replays
     * captured or recorded as refunded (given when one job is read; left out elsewhere).
     */
    public record ReplayJob(String id, String kind, String status, long total, long processed, long succeeded,
                            long failed, long skipped, int throttlePerSecond, String createdBy, Instant createdAt,
                            Instant startedAt, Instant finishedAt, String retryOf, List<Money> captured,
                            List<Money> refunded) {

        ReplayJob withMoney(List<Money> capturedTotals, List<Money> refundedTotals) {
            return new ReplayJob(id, kind, status, total, processed, succeeded, failed, skipped, throttlePerSecond,
                    createdBy, createdAt, startedAt, finishedAt, retryOf, capturedTotals, refundedTotals);
        }
    }

    /** {@code ReplayJobItem}. */
    public record ReplayJobItem(String failureId, Outcome outcome, Effect effect, String error, Instant at,
                                String orderNumber) {
    }

    /** {@code ReplayJobItemPage}. */
    public record ReplayJobItemPage(List<ReplayJobItem> items,
                                    @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    /** {@code WebhookAck}. */
    public record WebhookAck(boolean received, Boolean duplicate, String failureId) {
    }
}
