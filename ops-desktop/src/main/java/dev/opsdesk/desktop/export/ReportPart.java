package dev.opsdesk.desktop.export;

import java.util.List;
import java.util.Objects;

/**
 * One part of a report of several tables: a sheet of the XLSX workbook, or a CSV file of its own.
 *
 * @param name    the sheet's name, and (lower-cased, spaces as dashes) the suffix of its CSV file
 * @param columns the part's columns, in order
 * @param rows    the part's rows, streamed
 */
public record ReportPart<R>(String name, List<Column<R>> columns, RowSource<R> rows) {

    public ReportPart {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        Objects.requireNonNull(rows, "rows");
    }

    /** The part's file name suffix: "Unmatched payments" → "unmatched-payments". */
    public String fileSuffix() {
        return name.toLowerCase(java.util.Locale.ROOT).trim().replaceAll("[^a-z0-9]+", "-");
    }
}
