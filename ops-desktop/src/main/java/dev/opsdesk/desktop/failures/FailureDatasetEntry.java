package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.desktop.export.ExportDatasetEntry;
import dev.opsdesk.desktop.export.FilterFlag;
import dev.opsdesk.desktop.export.FilterFlags;
import dev.opsdesk.desktop.export.InvalidFilterException;

import java.time.Instant;
import java.util.List;

/** The failures list as an exportable dataset: {@code ops-desktop export failures …}. */
public final class FailureDatasetEntry {

    private static final List<FilterFlag> FLAGS = List.of(
            new FilterFlag("--queue", "Q", "PAYMENT_CALLBACK, INVENTORY_SYNC or FULFILLMENT_EXPORT"),
            new FilterFlag("--status", "S", "OPEN, REPLAYING, RESOLVED, DISMISSED, DEAD (several with commas)"),
            new FilterFlag("--reason", "R", "e.g. ORDER_NOT_FOUND"),
            new FilterFlag("--provider", "P", "e.g. stripe"),
            new FilterFlag("--assignee", "NAME", "a user name, \"me\", or \"none\" (unassigned)"),
            new FilterFlag("--since", "ISO", "first seen at or after"),
            new FilterFlag("--until", "ISO", "first seen before"),
            new FilterFlag("--q", "TEXT", "order number, payment reference, event or failure id (prefix)"));

    private FailureDatasetEntry() {
    }

    public static ExportDatasetEntry<Failure, FailureFilter> entry() {
        return new ExportDatasetEntry<>(FailureExport.dataset(), Permissions.FAILURES_READ, "read failures",
                "every failure matching the filters, newest first", FLAGS, FailureDatasetEntry::filter,
                (client, filter) -> FailureExport.matching(client.failures(), filter));
    }

    static FailureFilter filter(FilterFlags flags) throws InvalidFilterException {
        Instant[] firstSeen = flags.range("--since", "--until");
        return FailureFilter.none()
                .withQueue(flags.code("--queue"))
                .withStatus(flags.code("--status"))
                .withReason(flags.code("--reason"))
                .withProvider(flags.text("--provider"))
                .withAssignee(flags.text("--assignee"))
                .withSince(firstSeen[0])
                .withUntil(firstSeen[1])
                .withText(flags.text("--q"));
    }
}
