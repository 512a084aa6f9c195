package dev.opsdesk.desktop.export;

import java.util.concurrent.CancellationException;

/** The export was cancelled (by the user or an interrupt); no file was written and an existing one was left as it was. */
public class ExportCancelledException extends CancellationException {

    private final long rowsWritten;

    public ExportCancelledException(long rowsWritten) {
        super("The export was cancelled after " + rowsWritten + " rows; no file was written");
        this.rowsWritten = rowsWritten;
    }

    public long rowsWritten() {
        return rowsWritten;
    }
}
