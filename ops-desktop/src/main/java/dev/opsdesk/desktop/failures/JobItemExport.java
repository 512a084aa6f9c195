package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.ReplayJobItem;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.ExportDataset;
import java.util.List;

/** The items of a bulk replay, as written when its failed items are exported: what failed, on which order, why. */
final class JobItemExport {

    private static final ExportDataset<ReplayJobItem> DATASET = new ExportDataset<>("bulk-replay-failed",
            "Failed items", List.of(
            Column.text("failureId", "Failure ID", ReplayJobItem::failureId),
            Column.text("orderNumber", "Order number", ReplayJobItem::orderNumber),
            Column.enumerated("outcome", "Outcome", ReplayJobItem::outcome, c -> FailureTexts.outcome(c.toString())),
            Column.enumerated("effect", "Effect", ReplayJobItem::effect, c -> FailureTexts.effect(c.toString())),
            Column.text("error", "Error", ReplayJobItem::error),
            Column.dateTime("at", "At", ReplayJobItem::at)),
            List.of("failureId", "orderNumber"));

    private JobItemExport() {
    }

    static ExportDataset<ReplayJobItem> dataset() {
        return DATASET;
    }
}
