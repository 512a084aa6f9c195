package dev.opsdesk.sandbox.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The wire shapes of the contract's reconciliation schemas, as records with its property names. */
public final class ReconViews {

    private ReconViews() {
    }

    public record MoneyAmount(String currency, long amount) {
    }

    public record CurrencyTotals(String currency, long gross, long fees, long net) {
    }

    public record PayoutCheck(String batchReference, String currency, long amount, long linesNet, long difference) {
    }

    public record Summary(long matchedLines, List<MoneyAmount> matchedAmounts, Map<String, Integer> exceptionsByCategory,
                          int openExceptions, int resolvedExceptions, List<CurrencyTotals> totals,
                          List<PayoutCheck> payouts, int unmatchedPayments, int overdueUnmatchedPayments,
                          Variance variance) {

        /** A settlement run's summary (no variance). */
        public Summary(long matchedLines, List<MoneyAmount> matchedAmounts, Map<String, Integer> exceptionsByCategory,
                       int openExceptions, int resolvedExceptions, List<CurrencyTotals> totals,
                       List<PayoutCheck> payouts, int unmatchedPayments, int overdueUnmatchedPayments) {
            this(matchedLines, matchedAmounts, exceptionsByCategory, openExceptions, resolvedExceptions, totals,
                    payouts, unmatchedPayments, overdueUnmatchedPayments, null);
        }

        public Summary withExceptions(Map<String, Integer> byCategory, int open, int resolved) {
            return new Summary(matchedLines, matchedAmounts, byCategory, open, resolved, totals, payouts,
                    unmatchedPayments, overdueUnmatchedPayments, variance);
        }

        public Summary withMatchedLines(long lines, List<MoneyAmount> amounts) {
            return new Summary(lines, amounts, exceptionsByCategory, openExceptions, resolvedExceptions, totals,
                    payouts, unmatchedPayments, overdueUnmatchedPayments, variance);
        }

        public Summary withVariance(Variance v) {
            return new Summary(matchedLines, matchedAmounts, exceptionsByCategory, openExceptions, resolvedExceptions,
                    totals, payouts, unmatchedPayments, overdueUnmatchedPayments, v);
        }
    }

    /** A stock count's variances: lines on the sheet, units short and over, net value, what approval wrote. */
    public record Variance(int lines, long shortUnits, long overUnits, List<MoneyAmount> value, int applied,
                           int notApplied) {
    }

    public record ReconFile(String name, long size, String sha256, long received, String layout) {
    }

    public record RunTransition(Instant at, String actor, String action, String fromState, String toState,
                                String comment) {
    }

    public record ActionPermit(String action, boolean allowed, String reason) {
    }

    public record Run(String id, String kind, String provider, String warehouse, String countId, LocalDate periodFrom,
                      LocalDate periodTo, String state, String preparer, String approver, Instant createdAt,
                      Instant updatedAt, Instant submittedAt, Instant approvedAt, Instant matchedAt, ReconFile file,
                      int lineCount, int uploadedLines, long amountToleranceMinor, int dateWindowDays,
                      Summary summary, boolean locked, Instant decertifiedAt, String decertifiedReason,
                      List<RunTransition> transitions, List<ActionPermit> actions, int version) {
    }

    public record RunPage(List<Run> items, @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    public record SettlementLine(int lineNumber, String kind, String providerReference, String merchantReference,
                                 String batchReference, String currency, long gross, long fee, long net,
                                 Instant bookedAt, String description, String raw) {
    }

    public record UploadProgress(int lineCount, int uploadedLines, long fileSize, long fileReceived,
                                 boolean complete) {
    }

    public record ReconLine(int index, SettlementLine line, String status, String matchId, List<String> exceptionIds) {
    }

    public record ReconMatch(String id, String rule, String why, int lineNumber, String kind, String providerReference,
                             String merchantReference, String paymentReference, String orderNumber, String currency,
                             long lineGross, long lineFee, long lineNet, Long paymentAmount, Instant bookedAt,
                             Instant capturedAt, int groupSize, Instant matchedAt, String matchedBy, String note) {
    }

    public record Resolution(String code, String note, String by, Instant at, String paymentReference) {
    }

    public record ReconException(String id, String runId, String category, String status, String summary,
                                 List<Integer> lineNumbers, String providerReference, String paymentReference,
                                 String orderNumber, String currency, Long expected, Long actual, Long difference,
                                 Instant bookedAt, String sku, String warehouse, Long quantityNow,
                                 List<StockMovement> movements, Long value,
                                 VarianceApplied applied, Resolution resolution, Instant createdAt, int version) {
    }

    /** One change of a pair's on-hand: when, by how much, and what did it (in words). */
    public record StockMovement(Instant at, int delta, String cause) {
    }

    /** What approval did with a stock count's variance. */
    public record VarianceApplied(String status, String adjustmentId, Long quantityBefore, Long quantityAfter,
                                  Instant at) {
    }

    public record CandidatePayment(String reference, String orderNumber, String provider, long amount,
                                   String currency, String state, Instant capturedAt, Instant refundedAt,
                                   List<String> reasons, boolean alreadyMatched) {
    }

    public record HistoryEntry(Instant at, String actor, String action, String code, String note) {
    }

    public record ExceptionDetail(ReconException exception, List<SettlementLine> lines, CandidatePayment payment,
                                  List<CandidatePayment> candidates, List<HistoryEntry> history) {
    }

    public record Skipped(String exceptionId, String reason) {
    }

    public record BulkResult(List<String> resolved, List<Skipped> skipped) {
    }

    public record UnmatchedPayment(String reference, String orderNumber, String provider, long amount,
                                   String currency, String state, Instant capturedAt, Instant dueBy, boolean overdue,
                                   String exceptionId) {
    }

    public record Mapping(String name, Map<String, String> columns, Map<String, String> kinds, String dateFormat,
                          String timeZone, boolean decimalComma, boolean minorUnits, String updatedBy,
                          Instant updatedAt) {
    }

    public record FeeSchedule(String provider, String currency, int percentBps, long fixedMinor, long toleranceMinor,
                              int settlementDelayDays, String timeZone) {
    }

    /** A page of any of the run's lists. */
    public record Page<T>(List<T> items, @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    public record Items<T>(List<T> items) {
    }
}
