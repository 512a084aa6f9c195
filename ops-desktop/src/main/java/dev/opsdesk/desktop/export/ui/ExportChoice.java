package dev.opsdesk.desktop.export.ui;

import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportFormat;

/**
 * One entry of a table's Export menu: which rows, in which format.
 *
 * @param scope      all rows matching the table's filter, or only the selected ones
 * @param format     CSV or XLSX
 * @param csvProfile for CSV: EXCEL or STANDARD
 */
public record ExportChoice(Scope scope, ExportFormat format, CsvProfile csvProfile) {

    public enum Scope {
        /** Every row matching the table's current filter, fetched from the server page by page. */
        ALL_MATCHING,
        /** Only the rows selected in the table. */
        SELECTION
    }

    /** The menu text, e.g. "All matching rows as Excel workbook (.xlsx)…". */
    public String label() {
        String rows = scope == Scope.ALL_MATCHING ? "All matching rows" : "Selected rows";
        String what = format == ExportFormat.XLSX ? "Excel workbook (.xlsx)"
                : csvProfile == CsvProfile.EXCEL ? "CSV for Excel (.csv)" : "CSV, standard (.csv)";
        return rows + " as " + what + "…";
    }

    /** The menu entries in their order: each format for all matching rows, then for the selection. */
    public static java.util.List<ExportChoice> menu() {
        java.util.List<ExportChoice> all = new java.util.ArrayList<>();
        for (Scope scope : Scope.values()) {
            all.add(new ExportChoice(scope, ExportFormat.XLSX, CsvProfile.EXCEL));
            all.add(new ExportChoice(scope, ExportFormat.CSV, CsvProfile.EXCEL));
            all.add(new ExportChoice(scope, ExportFormat.CSV, CsvProfile.STANDARD));
        }
        return all;
    }
}
