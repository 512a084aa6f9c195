package dev.opsdesk.desktop.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an export produced, and what the user should be told about it.
 *
 * @param file             the complete file, under its final name
 * @param format           CSV or XLSX
 * @param rows             data rows written (headers not counted)
 * @param sheets           XLSX sheets used (more than one when the rows did not fit on one); 1 for CSV
 * @param truncatedCells   texts cut at the cell limit
 * @param neutralisedCells texts prefixed with {@code '} so that no spreadsheet runs them as a formula
 * @param warnings         sentences to show the user (empty when there is nothing to say)
 * @param elapsed          how long the export took
 */
public record ExportResult(Path file, ExportFormat format, long rows, int sheets, long truncatedCells,
                           long neutralisedCells, List<String> warnings, Duration elapsed) {

    public ExportResult {
        warnings = List.copyOf(warnings);
    }

    /**
     * One line for a status bar or a log: "Exported 1,234 rows to failures.xlsx (1 sheet, no warnings)";
     * a CSV file has no sheets, so it says none: "Exported 12 rows to failures.csv (no warnings)".
     */
    public String summary() {
        String warned = warnings.isEmpty() ? "no warnings"
                : warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s");
        String sheetPart = format == ExportFormat.XLSX ? sheets + " sheet" + (sheets == 1 ? "" : "s") + ", " : "";
        return String.format("Exported %,d row%s to %s (%s%s)", rows, rows == 1 ? "" : "s", file, sheetPart, warned);
    }
}
