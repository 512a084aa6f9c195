package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.desktop.export.ExportDatasetEntry;
import dev.opsdesk.desktop.export.FilterFlag;
import dev.opsdesk.desktop.export.FilterFlags;
import dev.opsdesk.desktop.export.InvalidFilterException;

import java.time.Instant;
import java.util.List;

/**
 * The audit trail as an exportable dataset: {@code ops-desktop export audit …}. Its rows come from
 * the server's export endpoint, as the Audit section's Export does, so every export is itself
 * recorded in the trail; it needs {@code audit.export}.
 */
public final class AuditDatasetEntry {

    private static final List<FilterFlag> FLAGS = List.of(
            new FilterFlag("--actor", "NAME", "who did it: a user name, or system:<component>"),
            new FilterFlag("--action", "A", "e.g. failure.replayed, or a prefix ending in * (failure.*)"),
            new FilterFlag("--entity", "TYPE:ID", "one record's timeline, e.g. order:ORD-100123 or failure:F-0000042"),
            new FilterFlag("--since", "ISO", "at or after"),
            new FilterFlag("--until", "ISO", "before"));

    private AuditDatasetEntry() {
    }

    public static ExportDatasetEntry<AuditEvent, AuditFilter> entry() {
        return new ExportDatasetEntry<>(AuditExport.dataset(), Permissions.AUDIT_EXPORT, "export the audit trail",
                "every audit event matching the filters, newest first; the export is recorded in the trail",
                FLAGS, AuditDatasetEntry::filter, (client, filter) -> AuditExport.matching(client.audit(), filter));
    }

    static AuditFilter filter(FilterFlags flags) throws InvalidFilterException {
        String entity = flags.text("--entity");
        if (entity != null) {
            int colon = entity.indexOf(':');
            if (colon <= 0 || colon == entity.length() - 1) {
                throw new InvalidFilterException("--entity " + entity + " is not TYPE:ID; use e.g. order:ORD-100123"
                        + " or failure:F-0000042");
            }
        }
        Instant[] at = flags.range("--since", "--until");
        return AuditFilter.none()
                .withActor(flags.text("--actor"))
                .withAction(flags.text("--action"))
                .withEntity(entity)
                .withSince(at[0])
                .withUntil(at[1]);
    }
}
