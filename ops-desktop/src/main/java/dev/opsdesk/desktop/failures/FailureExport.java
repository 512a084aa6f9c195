package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.FailureService;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.FailureSort;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.export.RowSource;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/** The failures table as an export: its columns, and its rows straight from the server. */
public final class FailureExport {

    /** The dataset's name on the command line ({@code export failures ...}). */
    public static final String NAME = "failures";

    /** The permission the server requires to list failures (the server still decides, per queue). */
    public static final String READ_PERMISSION = "failures.read";

    /** Spreadsheet cells use the same words as the Failures section (one place: FailureTexts). */
    private static Function<Object, String> label(Function<String, String> words) {
        return code -> code == null ? "" : words.apply(code.toString());
    }

    /**
     * Every column of a failure, once: the Failures table shows these (by id, with these headers)
     * and the export writes them, so the two say the same. A failure is traceable from any export
     * row: its id, and its order, payment reference, SKU and warehouse where they apply.
     */
    private static final ExportDataset<Failure> DATASET = new ExportDataset<>(NAME, "Failures", List.of(
            Column.text("id", "ID", Failure::id),
            Column.enumerated("queue", "Queue", Failure::queue, label(FailureTexts::queue)),
            Column.enumerated("status", "Status", Failure::status, label(FailureTexts::status)),
            Column.enumerated("reason", "Reason", Failure::reason, label(FailureTexts::reason)),
            Column.enumerated("provider", "Provider", Failure::provider, label(FailureTexts::provider)),
            Column.text("subject", "Order / item", FailureTexts::subject),
            Column.text("orderNumber", "Order number", Failure::orderNumber),
            Column.text("paymentReference", "Payment reference", Failure::paymentReference),
            Column.text("sku", "SKU", Failure::sku),
            Column.text("warehouse", "Warehouse", Failure::warehouse),
            Column.money("amount", "Amount", Failure::amount),
            Column.dateTime("firstSeenAt", "First seen", Failure::firstSeenAt),
            Column.dateTime("lastAttemptAt", "Last attempt", Failure::lastAttemptAt),
            Column.integer("attempts", "Attempts", Failure::attemptCount),
            Column.text("assignee", "Assignee", Failure::assignee),
            Column.text("message", "Message", Failure::message),
            // When an open failure passes its queue's target (empty once closed): the table marks those past it.
            Column.dateTime("slaDueAt", "SLA due", Failure::slaDueAt)),
            List.of("id", "orderNumber", "paymentReference", "sku", "warehouse"));

    private FailureExport() {
    }

    /** Every column of the failures table, in the table's default order. */
    public static ExportDataset<Failure> dataset() {
        return DATASET;
    }

    /**
     * Every failure matching {@code filter}, fetched page by page (the largest page the API allows)
     * while the export runs, not only what a table has loaded. Asks the server for the count
     * first, for the progress bar; the rows then written are whatever the pages return, which may
     * differ slightly if failures arrive meanwhile.
     */
    public static RowSource<Failure> matching(FailureService failures, FailureFilter filter) {
        return matching(failures, filter, FailureSort.NEWEST);
    }

    /** As {@link #matching(FailureService, FailureFilter)}, in {@code sort} order (as a table sorted by the server shows them). */
    public static RowSource<Failure> matching(FailureService failures, FailureFilter filter, FailureSort sort) {
        long count = failures.count(filter);
        return RowSource.paged(PageRequest.MAX_LIMIT, page -> failures.list(filter, sort, page), OptionalLong.of(count));
    }

    /** Only these failures (a table's selection), in this order. */
    public static RowSource<Failure> selection(Collection<Failure> selected) {
        return RowSource.of(selected);
    }
}
