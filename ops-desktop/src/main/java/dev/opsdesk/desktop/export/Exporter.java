package dev.opsdesk.desktop.export;

import dev.opsdesk.desktop.ui.AtomicFile;
import dev.opsdesk.client.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The export engine: streams the rows of an {@link ExportRequest} into a CSV or XLSX file. Free of
 * JavaFX; call it off the UI thread. Stateless and thread-safe: one instance serves any number of
 * exports, each on its own thread.
 *
 * <p>The file appears under its final name only when complete (temp file + atomic move). A
 * cancelled or failed export deletes its temp file and leaves an existing file of the same name
 * untouched.
 */
public final class Exporter {

    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);
    static final int PROGRESS_EVERY_ROWS = 1000;
    private static final int CANCEL_CHECK_EVERY_ROWS = 64;

    /**
     * Runs the export on the calling thread.
     *
     * @param progress  told the rows written every {@value #PROGRESS_EVERY_ROWS} rows and at the end
     * @param cancelled polled between rows; true (or an interrupt of the calling thread) stops the export
     * @return what was written, with warnings for the user
     * @throws ExportCancelledException cancelled; no file written
     * @throws ExportException          the rows could not be read or the file not written; no file written
     */
    public <R> ExportResult export(ExportRequest<R> request, ExportProgress progress, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        Path target = request.target().toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new ExportException(ExportException.Stage.OPENING_FILE, target + " is a folder; choose a file name", null);
        }
        Path temp;
        try {
            temp = AtomicFile.createTemp(target);
        } catch (IOException e) {
            throw new ExportException(ExportException.Stage.OPENING_FILE,
                    "Cannot create a file in " + target.getParent() + ": " + describe(e), e);
        }
        boolean cutTexts = request.format() == ExportFormat.XLSX || request.csvProfile() == CsvProfile.EXCEL;
        CellText text = new CellText(request.limits().maxCellChars(), cutTexts);
        long total = -1;
        long rows = 0;
        int sheets;
        boolean committed = false;
        RowWriter<R> writer = null;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writer = request.format() == ExportFormat.CSV
                        ? new CsvRowWriter<>(request, out, text)
                        : new XlsxRowWriter<>(request, text);
                writer.writeHeader();
                total = knownSize(request, cancelled);
                progress.rowsWritten(0, total);
                Iterator<R> it = openRows(request, cancelled);
                // Countdowns rather than rows % n: two divisions per row show in a million-row profile.
                int untilCancelCheck = 0;
                int untilProgress = PROGRESS_EVERY_ROWS;
                while (true) {
                    if (--untilCancelCheck < 0) {
                        if (isCancelled(cancelled)) {
                            throw new ExportCancelledException(rows);
                        }
                        untilCancelCheck = CANCEL_CHECK_EVERY_ROWS - 1;
                    }
                    R row = nextRow(it, rows, cancelled);
                    if (row == null) {
                        break;
                    }
                    writeRow(writer, row, rows);
                    rows++;
                    if (--untilProgress == 0) {
                        progress.rowsWritten(rows, total);
                        untilProgress = PROGRESS_EVERY_ROWS;
                    }
                }
                writer.finish(out);
                sheets = writer.sheets();
            }
            if (isCancelled(cancelled)) {
                throw new ExportCancelledException(rows);
            }
            AtomicFile.commit(temp, target);
            committed = true;
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new ExportException(ExportException.Stage.WRITING_FILE,
                    "Writing " + target + " failed after " + rows + " rows: " + describe(io), io);
        } finally {
            if (writer != null) {
                writer.close();
            }
            if (!committed) {
                AtomicFile.deleteQuietly(temp);
            }
        }
        progress.rowsWritten(rows, total);
        List<String> warnings = warnings(request, rows, sheets, text);
        ExportResult result = new ExportResult(target, request.format(), rows, sheets, text.truncated(),
                text.neutralised(), warnings, Duration.ofNanos(System.nanoTime() - started));
        LOG.info("{} ({} truncated, {} neutralised, {} ms)", result.summary(), text.truncated(), text.neutralised(),
                result.elapsed().toMillis());
        return result;
    }

    private static long knownSize(ExportRequest<?> request, BooleanSupplier cancelled) {
        try {
            return request.rows().knownSize().orElse(-1);
        } catch (RuntimeException e) {
            throw readFailure(e, 0, cancelled);
        }
    }

    private static <R> Iterator<R> openRows(ExportRequest<R> request, BooleanSupplier cancelled) {
        try {
            return request.rows().iterator();
        } catch (RuntimeException e) {
            throw readFailure(e, 0, cancelled);
        }
    }

    /** The next row, or null at the end. */
    private static <R> R nextRow(Iterator<R> it, long rowsSoFar, BooleanSupplier cancelled) {
        try {
            if (!it.hasNext()) {
                return null;
            }
            R row = it.next();
            if (row == null) {
                throw new IllegalStateException("The row source returned a null row");
            }
            return row;
        } catch (RuntimeException e) {
            throw readFailure(e, rowsSoFar, cancelled);
        }
    }

    private static <R> void writeRow(RowWriter<R> writer, R row, long index) throws IOException {
        try {
            writer.writeRow(row);
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw io; // SXSSF wraps failures of its temp file
            }
            throw new ExportException(ExportException.Stage.READING_ROWS,
                    "Row " + (index + 1) + " could not be exported: " + e, e);
        }
    }

    private static RuntimeException readFailure(RuntimeException e, long rowsSoFar, BooleanSupplier cancelled) {
        if (e instanceof ExportCancelledException || isCancelled(cancelled)
                || e instanceof TransportException t && t.kind() == TransportException.Kind.INTERRUPTED) {
            return new ExportCancelledException(rowsSoFar);
        }
        return new ExportException(ExportException.Stage.READING_ROWS,
                "Getting the rows failed after " + rowsSoFar + " rows: " + e.getMessage(), e);
    }

    private static boolean isCancelled(BooleanSupplier cancelled) {
        return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    private static List<String> warnings(ExportRequest<?> request, long rows, int sheets, CellText text) {
        List<String> w = new ArrayList<>();
        int perSheet = request.limits().maxRowsPerSheet() - 1;
        if (rows == 0) {
            w.add("No rows matched; the file has only the header row.");
        }
        if (sheets > 1) {
            w.add(String.format("The %,d rows did not fit on one sheet (at most %,d rows per sheet below the header);"
                    + " they continue on %d further sheet%s, each with the header repeated.", rows, perSheet, sheets - 1,
                    sheets == 2 ? "" : "s"));
        }
        if (request.format() == ExportFormat.CSV && request.csvProfile() == CsvProfile.EXCEL && rows > perSheet) {
            w.add(String.format("The file has %,d rows but Excel opens at most %,d of them (below the header);"
                    + " export to XLSX to get every row, spread over several sheets.", rows, perSheet));
        }
        if (text.truncated() > 0) {
            w.add(String.format("%,d text%s longer than %,d characters (a spreadsheet cell's limit) %s cut and end%s in \"%s\".",
                    text.truncated(), text.truncated() == 1 ? "" : "s", request.limits().maxCellChars(),
                    text.truncated() == 1 ? "was" : "were", text.truncated() == 1 ? "s" : "", ExportLimits.TRUNCATION_MARKER));
        }
        if (text.neutralised() > 0) {
            w.add(String.format("%,d text%s starting with =, +, -, @ or a control character %s prefixed with ' so that"
                            + " no spreadsheet runs %s as a formula.", text.neutralised(), text.neutralised() == 1 ? "" : "s",
                    text.neutralised() == 1 ? "was" : "were", text.neutralised() == 1 ? "it" : "them"));
        }
        return w;
    }

    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "the folder does not exist (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + " (" + fs.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
