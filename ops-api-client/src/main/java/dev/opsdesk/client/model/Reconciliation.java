package dev.opsdesk.client.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The read and write models of reconciliation (the contract's schemas of similar names). */
public final class Reconciliation {

    private Reconciliation() {
    }

    public enum Kind { PAYMENT_SETTLEMENT, STOCK_COUNT }

    /** {@code DRAFT → IN_REVIEW → SUBMITTED → APPROVED}; {@code DECERTIFIED} when facts under an approved run changed. */
    public enum State { DRAFT, IN_REVIEW, SUBMITTED, APPROVED, DECERTIFIED }

    /** What the caller may be allowed to do with a run. */
    public enum Action { MATCH, RESOLVE, SUBMIT, APPROVE, REJECT, REOPEN }

    /** The four-eyes transitions a person asks for. */
    public enum Transition { SUBMIT, APPROVE, REJECT, REOPEN }

    public enum LineStatus { MATCHED, EXCEPTION, INFO, PENDING }

    public enum MatchRule { PROVIDER_REFERENCE, MERCHANT_REFERENCE, MANY_TO_ONE, REVERSAL, MANUAL }

    public enum Category {
        MISSING_IN_PLATFORM, MISSING_IN_SETTLEMENT, AMOUNT_MISMATCH, CURRENCY_MISMATCH, DUPLICATE_REFERENCE,
        FEE_VARIANCE, PAYOUT_TOTAL_MISMATCH, COUNT_SHORT, COUNT_OVER, UNKNOWN_SKU, MOVED_SINCE_COUNT
    }

    public enum ExceptionStatus { OPEN, RESOLVED, SUPERSEDED }

    public enum ResolutionCode {
        TIMING_DIFFERENCE, WRITE_OFF, REFUND_PENDING, CLAIMED_WITH_PROVIDER, MANUAL_MATCH, DUPLICATE_CONFIRMED,
        FEE_ACCEPTED, NOT_AN_ERROR,
        /** Stock counts: counted again, the count stands. */
        RECOUNT, DAMAGED, THEFT_OR_LOSS, BOOKING_ERROR,
        /** Stock counts: the stock moved while it was counted. */
        MOVEMENT_EXPLAINED;

        /** Whether the code resolves a settlement exception (else a stock count's). */
        public boolean forSettlements() {
            return ordinal() <= NOT_AN_ERROR.ordinal();
        }
    }

    /** What a new settlement run declares before its lines and file follow. */
    public record NewRun(Settlement.Provider provider, LocalDate periodFrom, LocalDate periodTo, String layout,
                         String fileName, String fileSha256, long fileSize, int lineCount,
                         boolean allowDuplicateFile, Integer amountToleranceMinor, Integer dateWindowDays) {
    }

    public record PayoutCheck(String batchReference, String currency, long amount, long linesNet, long difference) {
    }

    public record MoneyAmount(String currency, long amount) {
    }

    public record Summary(int matchedLines, List<MoneyAmount> matchedAmounts, Map<Category, Integer> exceptionsByCategory,
                          int openExceptions, int resolvedExceptions, List<Settlement.Totals> totals,
                          List<PayoutCheck> payouts, int unmatchedPayments, int overdueUnmatchedPayments,
                          Variance variance) {

        public Summary {
            matchedAmounts = matchedAmounts == null ? List.of() : List.copyOf(matchedAmounts);
            exceptionsByCategory = exceptionsByCategory == null ? Map.of() : Map.copyOf(exceptionsByCategory);
            totals = totals == null ? List.of() : List.copyOf(totals);
            payouts = payouts == null ? List.of() : List.copyOf(payouts);
        }
    }

    /** A stock count run's variances: units short and over, their value, and what approval applied. */
    public record Variance(int lines, int shortUnits, int overUnits, List<MoneyAmount> value, int applied,
                           int notApplied) {

        public Variance {
            value = value == null ? List.of() : List.copyOf(value);
        }
    }

    public record RunFile(String name, long size, String sha256, long received, String layout) {
    }

    public record RunTransition(Instant at, String actor, String action, State fromState, State toState,
                                String comment) {
    }

    /** Whether the caller may take an action now, and if not, why, in words for the person. */
    public record ActionPermit(Action action, boolean allowed, String reason) {
    }

    public record Run(String id, Kind kind, Settlement.Provider provider, String warehouse, String countId,
                      LocalDate periodFrom,
                      LocalDate periodTo, State state, String preparer, String approver, Instant createdAt,
                      Instant updatedAt, Instant submittedAt, Instant approvedAt, Instant matchedAt, RunFile file,
                      int lineCount, int uploadedLines, Integer amountToleranceMinor, Integer dateWindowDays,
                      Summary summary, boolean locked, Instant decertifiedAt, String decertifiedReason,
                      List<RunTransition> transitions, List<ActionPermit> actions, long version) {

        public Run {
            transitions = transitions == null ? List.of() : List.copyOf(transitions);
            actions = actions == null ? List.of() : List.copyOf(actions);
        }

        /** The server's word on an action; an action it did not mention is not allowed. */
        public ActionPermit permit(Action action) {
            return actions.stream().filter(a -> a.action() == action).findFirst()
                    .orElse(new ActionPermit(action, false, "The server does not offer this action."));
        }
    }

    public record UploadProgress(int lineCount, int uploadedLines, long fileSize, long fileReceived, boolean complete) {
    }

    public record RunLine(int index, Settlement.Line line, LineStatus status, String matchId,
                          List<String> exceptionIds) {
    }

    public record Match(String id, MatchRule rule, String why, int lineNumber, Settlement.LineKind kind,
                        String providerReference, String merchantReference, String paymentReference,
                        String orderNumber, String currency, long lineGross, Long lineFee, Long lineNet,
                        Long paymentAmount, Instant bookedAt, Instant capturedAt, Integer groupSize,
                        Instant matchedAt, String matchedBy, String note) {
    }

    /** What approval did with a stock count's variance. */
    public record Applied(String status, String adjustmentId, Integer quantityBefore, Integer quantityAfter,
                          Instant at) {
    }

    public record Resolution(ResolutionCode code, String note, String by, Instant at, String paymentReference) {
    }

    public record ExceptionItem(String id, String runId, Category category, ExceptionStatus status, String summary,
                            List<Integer> lineNumbers, String providerReference, String paymentReference,
                            String orderNumber, String currency, Long expected, Long actual, Long difference,
                            Instant bookedAt, String sku, String warehouse, Integer quantityNow,
                            List<StockCount.Movement> movements, Long value, Applied applied, Resolution resolution,
                            Instant createdAt, long version) {

        public ExceptionItem {
            lineNumbers = lineNumbers == null ? List.of() : List.copyOf(lineNumbers);
            movements = movements == null ? List.of() : List.copyOf(movements);
        }
    }

    public record CandidatePayment(String reference, String orderNumber, String provider, long amount, String currency,
                                   String state, Instant capturedAt, Instant refundedAt, List<String> reasons,
                                   boolean alreadyMatched) {

        public CandidatePayment {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    public record HistoryEntry(Instant at, String actor, String action, ResolutionCode code, String note) {
    }

    public record ExceptionDetail(ExceptionItem exception, List<Settlement.Line> lines, CandidatePayment payment,
                                  List<CandidatePayment> candidates, List<HistoryEntry> history) {

        public ExceptionDetail {
            lines = lines == null ? List.of() : List.copyOf(lines);
            candidates = candidates == null ? List.of() : List.copyOf(candidates);
            history = history == null ? List.of() : List.copyOf(history);
        }
    }

    public record Skipped(String exceptionId, String reason) {
    }

    public record BulkResolveResult(List<String> resolved, List<Skipped> skipped) {

        public BulkResolveResult {
            resolved = resolved == null ? List.of() : List.copyOf(resolved);
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
        }
    }

    public record UnmatchedPayment(String reference, String orderNumber, String provider, long amount, String currency,
                                   String state, Instant capturedAt, Instant dueBy, boolean overdue,
                                   String exceptionId) {
    }

    public record FeeSchedule(String provider, String currency, int percentBps, long fixedMinor, long toleranceMinor,
                              int settlementDelayDays, String timeZone) {
    }

    /** Filters of the run list. */
    public record RunFilter(Kind kind, List<State> states, Settlement.Provider provider, String preparer) {

        public static RunFilter all() {
            return new RunFilter(null, List.of(), null, null);
        }
    }
}
