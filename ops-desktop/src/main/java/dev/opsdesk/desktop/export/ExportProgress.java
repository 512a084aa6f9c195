package dev.opsdesk.desktop.export;

/** Told how far an export has got, on the exporting thread, every few hundred rows and once at the end. */
@FunctionalInterface
public interface ExportProgress {

    ExportProgress NONE = (rowsWritten, totalRows) -> { };

    /**
     * @param rowsWritten data rows written so far (header rows not counted)
     * @param totalRows   the expected total, or -1 when the source does not know it
     */
    void rowsWritten(long rowsWritten, long totalRows);
}
