package dev.opsdesk.desktop.export;

import dev.opsdesk.client.OpsClient;

import java.util.List;
import java.util.Objects;

/**
 * A dataset that can be exported from the command line (and whose rows the desktop's Export reads
 * the same way): its columns, the permission the server requires, its filter options and how it
 * reads them, and how its rows are fetched. Each feature package provides its entries; the
 * composition root collects them into {@link ExportDatasets}.
 *
 * @param dataset    name (as the command line says it), sheet name and every column
 * @param permission the permission a user needs, e.g. {@code audit.export}; checked before anything
 *                   is fetched (the server still decides, row by row)
 * @param allowedTo  what the permission allows, to complete "user X may not …", e.g. "export the audit trail"
 * @param summary    one line for the usage text: which rows are written
 * @param flags      the filter options, in the order the usage text lists them
 * @param filter     reads the filter options into the dataset's filter
 * @param rows       fetches the rows matching a filter from the server, page by page while the file is written
 * @param <R>        the row type
 * @param <F>        the filter type
 */
public record ExportDatasetEntry<R, F>(ExportDataset<R> dataset, String permission, String allowedTo, String summary,
                                       List<FilterFlag> flags, FilterReader<F> filter, RowFetcher<R, F> rows,
                                       ReportFetcher<F> report) {

    /** A dataset without a report: its rows are the file. */
    public ExportDatasetEntry(ExportDataset<R> dataset, String permission, String allowedTo, String summary,
                              List<FilterFlag> flags, FilterReader<F> filter, RowFetcher<R, F> rows) {
        this(dataset, permission, allowedTo, summary, flags, filter, rows, null);
    }

    /**
     * For a filter that names one record with several tables (a reconciliation run), the report of that record:
     * its parts, each a sheet of the workbook (or a CSV file of its own). Null when the filter is a plain list.
     */
    @FunctionalInterface
    public interface ReportFetcher<F> {
        List<ReportPart<?>> parts(OpsClient client, F filter);
    }

    /** Reads the filter options into a filter, naming the option that is wrong. */
    @FunctionalInterface
    public interface FilterReader<F> {
        F read(FilterFlags flags) throws InvalidFilterException;
    }

    /** The rows matching {@code filter}, as the signed-in {@code client} may see them. */
    @FunctionalInterface
    public interface RowFetcher<R, F> {
        RowSource<R> rows(OpsClient client, F filter);
    }

    public ExportDatasetEntry {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(allowedTo, "allowedTo");
        Objects.requireNonNull(summary, "summary");
        flags = List.copyOf(flags);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(rows, "rows");
        if (flags.stream().map(FilterFlag::name).distinct().count() != flags.size()) {
            throw new IllegalArgumentException(dataset.name() + " has a filter option twice");
        }
    }

    public String name() {
        return dataset.name();
    }

    /** Whether {@code option} (with dashes) is one of this dataset's filter options. */
    public boolean hasFlag(String option) {
        return flags.stream().anyMatch(f -> f.name().equals(option));
    }

    public List<String> flagNames() {
        return flags.stream().map(FilterFlag::name).toList();
    }

    /** Reads the filter options: what to export, ready to fetch once signed in. */
    public Query<R> query(FilterFlags given) throws InvalidFilterException {
        F parsed = filter.read(given);
        return new Query<>(this, parsed);
    }

    /**
     * One dataset with its filter read: what the command line exports.
     *
     * @param filter the dataset's own filter (e.g. a {@code FailureFilter})
     */
    public record Query<R>(ExportDatasetEntry<R, ?> entry, Object filter) {

        /** The report's parts when the filter names a report (e.g. {@code --run}); null for a plain list. */
        public List<ReportPart<?>> report(OpsClient client) {
            return reportOf(entry, client, filter);
        }

        @SuppressWarnings("unchecked")
        private static <R, F> List<ReportPart<?>> reportOf(ExportDatasetEntry<R, F> entry, OpsClient client,
                                                          Object filter) {
            return entry.report() == null ? null : entry.report().parts(client, (F) filter);
        }

        public ExportDataset<R> dataset() {
            return entry.dataset();
        }

        /** The matching rows; asks the server (e.g. for the count), so call it off the UI thread. */
        public RowSource<R> rows(OpsClient client) {
            return fetch(entry, client, filter);
        }

        @SuppressWarnings("unchecked")
        private static <R, F> RowSource<R> fetch(ExportDatasetEntry<R, F> entry, OpsClient client, Object filter) {
            return entry.rows().rows(client, (F) filter);
        }
    }
}
