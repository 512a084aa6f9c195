package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.AuditService;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.export.RowSource;

import java.util.List;
import java.util.OptionalLong;

/**
 * The audit list as an export: its columns (those of the table, plus the ones an auditor needs to
 * check a copy: details, request and correlation ids, hashes), and its rows from the server's
 * export endpoint — never from rows already on screen, so that every export is itself recorded in
 * the trail ({@code audit.exported}, with the filter).
 */
public final class AuditExport {

    /** The dataset's name (the suggested file name starts with it). */
    public static final String NAME = "audit";

    private static final ExportDataset<AuditEvent> DATASET = new ExportDataset<>(NAME, "Audit trail", List.of(
            Column.integer("sequence", "Sequence", AuditEvent::sequence),
            Column.dateTime("at", "Time", AuditEvent::at),
            Column.text("actor", "Actor", AuditEvent::actor),
            Column.enumerated("actorType", "Actor type", AuditEvent::actorType),
            Column.text("action", "Action", AuditEvent::action),
            Column.text("entity", "Entity", AuditEvent::entity),
            Column.text("orderNumber", "Order", AuditEvent::orderNumber),
            Column.text("summary", "Summary", AuditTexts::summary),
            Column.text("warehouse", "Warehouse", AuditEvent::warehouse),
            Column.text("sku", "SKU", AuditEvent::sku),
            Column.text("requestId", "Request id", AuditEvent::requestId),
            Column.text("correlationId", "Correlation id", AuditEvent::correlationId),
            Column.text("details", "Details (JSON)", e -> e.details().isNull() ? null : e.details().toString()),
            Column.text("prevHash", "Previous hash", AuditEvent::prevHash),
            Column.text("hash", "Hash", AuditEvent::hash)),
            List.of("sequence", "entity"));

    private AuditExport() {
    }

    public static ExportDataset<AuditEvent> dataset() {
        return DATASET;
    }

    /**
     * Every event matching {@code filter}, newest first like the list, fetched page by page through
     * {@code GET /v1/audit/export} while the file is written (needs {@code audit.export}; the server
     * records the export when the first page is fetched). The count is not known in advance.
     */
    public static RowSource<AuditEvent> matching(AuditService audit, AuditFilter filter) {
        return RowSource.of(audit.exportAll(filter, AuditService.Direction.NEWEST_FIRST), OptionalLong.empty());
    }
}
