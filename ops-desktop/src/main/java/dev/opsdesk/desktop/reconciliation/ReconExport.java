package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.ExceptionItem;
import dev.opsdesk.client.model.Reconciliation.Match;
import dev.opsdesk.client.model.Reconciliation.Run;
import dev.opsdesk.client.model.Reconciliation.UnmatchedPayment;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.export.ReportPart;
import dev.opsdesk.desktop.export.RowSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reconciliation's tables as datasets, declared once for the section's tables and for the report: the run list,
 * a run's matches, exceptions and unmatched payments, and the report's summary sheet.
 */
public final class ReconExport {

    public static final String NAME = "reconciliation";

    private static final ExportDataset<Run> RUNS = new ExportDataset<>("reconciliation-runs", "Runs", List.of(
            Column.text("id", "Run", Run::id),
            Column.text("provider", "Provider / warehouse", ReconTexts::what),
            Column.text("period", "Period", ReconTexts::period),
            Column.enumerated("state", "State", Run::state, ReconTexts::state),
            Column.text("preparer", "Preparer", Run::preparer),
            Column.text("approver", "Approver", Run::approver),
            Column.text("open", "Open exceptions", ReconTexts::openExceptions),
            Column.integer("lines", "Lines", Run::lineCount),
            Column.text("net", "Net / variance value", ReconTexts::netTotals),
            Column.dateTime("createdAt", "Created", Run::createdAt),
            Column.dateTime("approvedAt", "Approved", Run::approvedAt)));

    private static final ExportDataset<Match> MATCHES = new ExportDataset<>("reconciliation-matches", "Matched", List.of(
            Column.integer("line", "Line", Match::lineNumber),
            Column.enumerated("kind", "Kind", Match::kind, ReconTexts::kind),
            Column.text("providerReference", "Provider reference", Match::providerReference),
            Column.text("orderNumber", "Order", Match::orderNumber),
            Column.text("paymentReference", "Payment", Match::paymentReference),
            Column.money("gross", "Gross", m -> money(m.lineGross(), m.currency())),
            Column.money("fee", "Fee", m -> money(m.lineFee(), m.currency())),
            Column.money("net", "Net", m -> money(m.lineNet(), m.currency())),
            Column.money("payment", "Payment amount", m -> money(m.paymentAmount(), m.currency())),
            Column.enumerated("rule", "Rule", Match::rule, ReconTexts::rule),
            Column.text("why", "Why", Match::why),
            Column.dateTime("bookedAt", "Booked", Match::bookedAt),
            Column.dateTime("capturedAt", "Captured", Match::capturedAt),
            Column.text("matchedBy", "Matched by", Match::matchedBy),
            Column.text("note", "Note", Match::note)));

    private static final ExportDataset<ExceptionItem> EXCEPTIONS = new ExportDataset<>("reconciliation-exceptions",
            "Exceptions", List.of(
            Column.text("id", "Exception", ExceptionItem::id),
            Column.enumerated("category", "Category", ExceptionItem::category, ReconTexts::category),
            Column.enumerated("status", "Status", ExceptionItem::status, s -> s == null ? "" : switch (
                    (Reconciliation.ExceptionStatus) s) {
                case OPEN -> "Open";
                case RESOLVED -> "Resolved";
                case SUPERSEDED -> "Superseded";
            }),
            Column.text("summary", "What", ExceptionItem::summary),
            Column.text("lines", "Lines", e -> String.join(", ", e.lineNumbers().stream().map(String::valueOf)
                    .toList())),
            Column.text("orderNumber", "Order", ExceptionItem::orderNumber),
            Column.text("paymentReference", "Payment", ExceptionItem::paymentReference),
            Column.text("providerReference", "Provider reference", ExceptionItem::providerReference),
            Column.money("expected", "Expected", e -> money(e.expected(), e.currency())),
            Column.money("actual", "Reported", e -> money(e.actual(), e.currency())),
            Column.money("difference", "Difference", e -> money(e.difference(), e.currency())),
            Column.enumerated("resolution", "Resolution", e -> e.resolution() == null ? null : e.resolution().code(),
                    ReconTexts::resolution),
            Column.text("note", "Resolution note", e -> e.resolution() == null ? null : e.resolution().note()),
            Column.text("resolvedBy", "Resolved by", e -> e.resolution() == null ? null : e.resolution().by()),
            Column.dateTime("resolvedAt", "Resolved", e -> e.resolution() == null ? null : e.resolution().at())));

    /** A stock count run's exceptions: quantities in units, the variance valued at the unit cost. */
    private static final ExportDataset<ExceptionItem> VARIANCES = new ExportDataset<>("reconciliation-variances",
            "Variances", List.of(
            Column.text("sku", "SKU", ExceptionItem::sku),
            Column.enumerated("category", "Category", ExceptionItem::category, ReconTexts::category),
            Column.text("summary", "What", ExceptionItem::summary),
            Column.integer("expected", "On hand at start", ExceptionItem::expected),
            Column.integer("counted", "Counted", ExceptionItem::actual),
            Column.integer("variance", "Variance", ExceptionItem::difference),
            Column.money("value", "Value", e -> money(e.value(), e.currency())),
            Column.integer("now", "On hand now", ExceptionItem::quantityNow),
            Column.text("movements", "Moved since the start", e -> e.movements().isEmpty() ? null
                    : String.join("; ", e.movements().stream().map(m -> (m.delta() > 0 ? "+" : "") + m.delta() + " "
                    + m.cause()).toList())),
            Column.enumerated("status", "Status", ExceptionItem::status, s -> s == null ? "" : switch (
                    (Reconciliation.ExceptionStatus) s) {
                case OPEN -> "Open";
                case RESOLVED -> "Resolved";
                case SUPERSEDED -> "Superseded";
            }),
            Column.enumerated("resolution", "Resolution", e -> e.resolution() == null ? null : e.resolution().code(),
                    ReconTexts::resolution),
            Column.text("note", "Resolution note", e -> e.resolution() == null ? null : e.resolution().note()),
            Column.text("resolvedBy", "Resolved by", e -> e.resolution() == null ? null : e.resolution().by()),
            Column.text("applied", "Applied", e -> e.applied() == null ? null : "APPLIED".equals(e.applied().status())
                    ? "applied " + e.applied().quantityBefore() + " → " + e.applied().quantityAfter()
                    : "moved again: back in review"),
            Column.text("warehouse", "Warehouse", ExceptionItem::warehouse),
            Column.text("id", "Exception", ExceptionItem::id)));

    private static final ExportDataset<UnmatchedPayment> UNMATCHED = new ExportDataset<>(
            "reconciliation-unmatched-payments", "Unmatched payments", List.of(
            Column.text("reference", "Payment", UnmatchedPayment::reference),
            Column.text("orderNumber", "Order", UnmatchedPayment::orderNumber),
            Column.money("amount", "Amount", p -> new Money(p.amount(), p.currency())),
            Column.text("state", "State", UnmatchedPayment::state),
            Column.dateTime("capturedAt", "Captured", UnmatchedPayment::capturedAt),
            Column.dateTime("dueBy", "Due by", UnmatchedPayment::dueBy),
            Column.text("overdue", "Overdue", p -> p.overdue() ? "yes" : "not yet"),
            Column.text("exception", "Exception", UnmatchedPayment::exceptionId)));

    /** A row of the report's summary sheet: what, and its value as text, money or time. */
    public record SummaryRow(String item, String text, Money amount, Instant time) {
    }

    private static final ExportDataset<SummaryRow> SUMMARY = new ExportDataset<>("reconciliation-summary", "Summary",
            List.of(Column.text("item", "Item", SummaryRow::item),
                    Column.text("value", "Value", SummaryRow::text),
                    Column.money("amount", "Amount", SummaryRow::amount),
                    Column.dateTime("time", "Time", SummaryRow::time)));

    private ReconExport() {
    }

    public static ExportDataset<Run> runs() {
        return RUNS;
    }

    public static ExportDataset<Match> matches() {
        return MATCHES;
    }

    public static ExportDataset<ExceptionItem> exceptions() {
        return EXCEPTIONS;
    }

    public static ExportDataset<ExceptionItem> variances() {
        return VARIANCES;
    }

    public static ExportDataset<UnmatchedPayment> unmatched() {
        return UNMATCHED;
    }

    public static ExportDataset<SummaryRow> summary() {
        return SUMMARY;
    }

    static Money money(Long minor, String currency) {
        return minor == null || currency == null ? null : new Money(minor, currency);
    }

    /** The summary sheet of a run: who, when, totals per currency, payouts against their lines, exceptions. */
    public static List<SummaryRow> summaryRows(Run run) {
        List<SummaryRow> rows = new ArrayList<>();
        rows.add(new SummaryRow("Run", run.id(), null, null));
        rows.add(new SummaryRow("Kind", run.kind() == Reconciliation.Kind.PAYMENT_SETTLEMENT ? "Payment settlement"
                : "Stock count", null, null));
        if (run.provider() != null) {
            rows.add(new SummaryRow("Provider", ReconTexts.provider(run.provider()), null, null));
        }
        if (run.kind() == Reconciliation.Kind.STOCK_COUNT) {
            rows.add(new SummaryRow("Warehouse", run.warehouse(), null, null));
            rows.add(new SummaryRow("Count", run.countId(), null, null));
        } else {
            rows.add(new SummaryRow("Period", ReconTexts.period(run), null, null));
        }
        rows.add(new SummaryRow("State", ReconTexts.state(run.state()), null, null));
        rows.add(new SummaryRow("Preparer", run.preparer(), null, run.createdAt()));
        rows.add(new SummaryRow("Submitted", null, null, run.submittedAt()));
        rows.add(new SummaryRow("Approver", run.approver(), null, run.approvedAt()));
        if (run.decertifiedAt() != null) {
            rows.add(new SummaryRow("Decertified", run.decertifiedReason(), null, run.decertifiedAt()));
        }
        if (run.file() != null) {
            rows.add(new SummaryRow("File", run.file().name() + " (" + run.file().layout() + ")", null, null));
            rows.add(new SummaryRow("File SHA-256", run.file().sha256(), null, null));
        }
        rows.add(new SummaryRow("Lines", Integer.toString(run.lineCount()), null, null));
        Reconciliation.Summary s = run.summary();
        if (s != null && s.variance() != null) {
            Reconciliation.Variance v = s.variance();
            rows.add(new SummaryRow("Lines counted", Integer.toString(v.lines()), null, null));
            rows.add(new SummaryRow("Units short", Integer.toString(v.shortUnits()), null, null));
            rows.add(new SummaryRow("Units over", Integer.toString(v.overUnits()), null, null));
            for (Reconciliation.MoneyAmount m : v.value()) {
                rows.add(new SummaryRow("Variance value " + m.currency(), null, new Money(m.amount(), m.currency()),
                        null));
            }
            rows.add(new SummaryRow("Variances applied", Integer.toString(v.applied()), null, null));
            rows.add(new SummaryRow("Not applied (moved again)", Integer.toString(v.notApplied()), null, null));
        }
        if (s != null) {
            for (Settlement.Totals t : s.totals()) {
                rows.add(new SummaryRow("Gross " + t.currency(), null, new Money(t.gross(), t.currency()), null));
                rows.add(new SummaryRow("Fees " + t.currency(), null, new Money(t.fees(), t.currency()), null));
                rows.add(new SummaryRow("Net " + t.currency(), null, new Money(t.net(), t.currency()), null));
            }
            for (Reconciliation.PayoutCheck p : s.payouts()) {
                String batch = p.batchReference() == null ? p.currency() : p.batchReference();
                rows.add(new SummaryRow("Payout " + batch, null, new Money(p.amount(), p.currency()), null));
                rows.add(new SummaryRow("Lines' net " + batch, p.difference() == 0 ? "equal to the payout"
                        : "differs from the payout", new Money(p.linesNet(), p.currency()), null));
            }
            if (s.variance() == null) {
                rows.add(new SummaryRow("Matched lines", Integer.toString(s.matchedLines()), null, null));
            }
            for (Reconciliation.MoneyAmount m : s.matchedAmounts()) {
                rows.add(new SummaryRow("Matched " + m.currency(), null, new Money(m.amount(), m.currency()), null));
            }
            for (Map.Entry<Reconciliation.Category, Integer> e : s.exceptionsByCategory().entrySet()) {
                rows.add(new SummaryRow("Exceptions: " + ReconTexts.category(e.getKey()), e.getValue().toString(),
                        null, null));
            }
            rows.add(new SummaryRow("Open exceptions", Integer.toString(s.openExceptions()), null, null));
            rows.add(new SummaryRow("Resolved exceptions", Integer.toString(s.resolvedExceptions()), null, null));
            if (s.variance() == null) {
                rows.add(new SummaryRow("Unmatched payments", s.unmatchedPayments() + " ("
                        + s.overdueUnmatchedPayments() + " overdue)", null, null));
            }
        }
        return rows;
    }

    /**
     * The run's report: Summary, Matched, Exceptions (with resolutions), Unmatched payments — read from the server
     * page by page while the file is written. Asks for the run now, so call it off the UI thread.
     */
    public static List<ReportPart<?>> report(OpsClient client, String runId) {
        Run run = client.reconciliation().run(runId);
        var recon = client.reconciliation();
        if (run.kind() == Reconciliation.Kind.STOCK_COUNT) {
            return List.of(
                    new ReportPart<>("Summary", SUMMARY.columns(), RowSource.of(summaryRows(run))),
                    new ReportPart<>("Variances", VARIANCES.columns(), RowSource.paged(PageRequest.MAX_LIMIT,
                            page -> recon.exceptions(runId, null, null, null, page), OptionalLong.empty())));
        }
        return List.of(
                new ReportPart<>("Summary", SUMMARY.columns(), RowSource.of(summaryRows(run))),
                new ReportPart<>("Matched", MATCHES.columns(), RowSource.paged(PageRequest.MAX_LIMIT,
                        page -> recon.matches(runId, null, null, page), OptionalLong.empty())),
                new ReportPart<>("Exceptions", EXCEPTIONS.columns(), RowSource.paged(PageRequest.MAX_LIMIT,
                        page -> recon.exceptions(runId, null, null, null, page), OptionalLong.empty())),
                new ReportPart<>("Unmatched payments", UNMATCHED.columns(), RowSource.paged(PageRequest.MAX_LIMIT,
                        page -> recon.unmatchedPayments(runId, null, page), OptionalLong.empty())));
    }
}
