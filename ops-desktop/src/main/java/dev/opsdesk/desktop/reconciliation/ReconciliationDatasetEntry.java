package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.Run;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.export.ExportDatasetEntry;
import dev.opsdesk.desktop.export.FilterFlag;
import dev.opsdesk.desktop.export.FilterFlags;
import dev.opsdesk.desktop.export.InvalidFilterException;
import dev.opsdesk.desktop.export.RowSource;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reconciliation on the command line: {@code export reconciliation --run R-000042} writes the run's report (Summary,
 * Matched, Exceptions, Unmatched payments — one workbook, or one CSV file per table); without {@code --run}, the run
 * list. The server applies the user's scope to both.
 */
public final class ReconciliationDatasetEntry {

    /** The filter: one run's report, or the runs in a state / of a provider. */
    public record Query(String runId, Reconciliation.RunFilter runs) {
    }

    private static final List<FilterFlag> FLAGS = List.of(
            new FilterFlag("--run", "ID", "a run's id, e.g. R-000042: its report instead of the run list"),
            new FilterFlag("--state", "S", "DRAFT, IN_REVIEW, SUBMITTED, APPROVED or DECERTIFIED (run list)"),
            new FilterFlag("--provider", "P", "STRIPE, ADYEN, PAYPAL or OTHER (run list)"));

    private static final ExportDataset<Run> DATASET = new ExportDataset<>(ReconExport.NAME, "Runs",
            ReconExport.runs().columns());

    private ReconciliationDatasetEntry() {
    }

    public static ExportDatasetEntry<Run, Query> entry() {
        return new ExportDatasetEntry<>(DATASET, Permissions.RECON_READ, "see reconciliations",
                "a run's report with --run (Summary, Matched, Exceptions, Unmatched payments), else the run list",
                FLAGS, ReconciliationDatasetEntry::filter,
                (client, q) -> RowSource.paged(PageRequest.MAX_LIMIT, page -> client.reconciliation().runs(q.runs(),
                        page), OptionalLong.empty()),
                (client, q) -> q.runId() == null ? null : ReconExport.report(client, q.runId()));
    }

    static Query filter(FilterFlags flags) throws InvalidFilterException {
        String run = flags.text("--run");
        if (run != null && !run.matches("R-\\d{6,}")) {
            throw new InvalidFilterException("--run " + run + " is not a run id; it looks like R-000042");
        }
        String state = flags.text("--state");
        Reconciliation.State parsedState = null;
        if (state != null) {
            parsedState = Arrays.stream(Reconciliation.State.values())
                    .filter(s -> s.name().equals(state.toUpperCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new InvalidFilterException("--state " + state + " is not a run state; use"
                            + " DRAFT, IN_REVIEW, SUBMITTED, APPROVED or DECERTIFIED"));
        }
        String provider = flags.text("--provider");
        Settlement.Provider parsedProvider = null;
        if (provider != null) {
            parsedProvider = Arrays.stream(Settlement.Provider.values())
                    .filter(p -> p.name().equals(provider.toUpperCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new InvalidFilterException("--provider " + provider + " is not a provider; use"
                            + " STRIPE, ADYEN, PAYPAL or OTHER"));
        }
        return new Query(run, new Reconciliation.RunFilter(null, parsedState == null ? List.of()
                : List.of(parsedState), parsedProvider, null));
    }
}
