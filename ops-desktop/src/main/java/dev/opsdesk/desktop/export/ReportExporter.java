package dev.opsdesk.desktop.export;

import dev.opsdesk.desktop.ui.AtomicFile;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Writes a report of several tables (a reconciliation's summary, matches, exceptions, unmatched payments) with the
 * same cell rules as {@link Exporter}: to XLSX as one workbook with a sheet per part, to CSV as one file per part
 * named {@code <target's stem>-<part>.csv} beside the target. Every file appears only when all of them are complete;
 * a cancelled or failed report leaves nothing behind and replaces nothing. Free of JavaFX; call it off the UI thread.
 */
public final class ReportExporter {

    /**
     * @param target    the XLSX file, or for CSV the name the parts' files are derived from
     * @param progress  told the rows written so far over all parts (the total is unknown: -1)
     * @param cancelled polled between rows
     * @return what was written: {@code file} is the XLSX file or the first CSV file; {@code sheets} the parts
     */
    public ExportResult export(List<ReportPart<?>> parts, ExportFormat format, Path target, CsvProfile csvProfile,
                               Locale locale, ZoneId zone, ExportProgress progress, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("A report needs at least one part");
        }
        Path absolute = target.toAbsolutePath();
        CellText text = new CellText(ExportLimits.EXCEL.maxCellChars(), true);
        Map<Path, Path> temps = new LinkedHashMap<>();
        long[] rows = {0};
        boolean committed = false;
        try {
            if (format == ExportFormat.XLSX) {
                Path temp = AtomicFile.createTemp(absolute);
                temps.put(temp, absolute);
                try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, ExportLimits.EXCEL.xlsxRowWindow(), true, false);
                     OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                    for (ReportPart<?> part : parts) {
                        writeXlsxPart(part, workbook, text, locale, zone, absolute, rows, progress, cancelled);
                    }
                    workbook.write(out);
                }
            } else {
                for (ReportPart<?> part : parts) {
                    Path file = csvFile(absolute, part);
                    Path temp = AtomicFile.createTemp(file);
                    temps.put(temp, file);
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                        writeCsvPart(part, out, text, csvProfile, locale, zone, file, rows, progress, cancelled);
                    }
                }
            }
            if (cancelled.getAsBoolean()) {
                throw new ExportCancelledException(rows[0]);
            }
            for (Map.Entry<Path, Path> e : temps.entrySet()) {
                AtomicFile.commit(e.getKey(), e.getValue());
            }
            committed = true;
        } catch (IOException | UncheckedIOException e) {
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new ExportException(ExportException.Stage.WRITING_FILE,
                    "Writing " + absolute + " failed after " + rows[0] + " rows: " + Exporter.describe(io), io);
        } finally {
            if (!committed) {
                temps.keySet().forEach(AtomicFile::deleteQuietly);
            }
        }
        progress.rowsWritten(rows[0], rows[0]);
        List<String> warnings = new ArrayList<>();
        if (format == ExportFormat.CSV) {
            warnings.add("CSV holds one table per file: the report is in " + parts.size() + " files beside "
                    + temps.values().iterator().next().getFileName() + ".");
        }
        if (text.truncated() > 0) {
            warnings.add(String.format("%,d texts longer than a cell holds were cut.", text.truncated()));
        }
        if (text.neutralised() > 0) {
            warnings.add(String.format("%,d texts starting with =, +, -, @ were prefixed with ' so that no spreadsheet"
                    + " runs them as formulas.", text.neutralised()));
        }
        return new ExportResult(temps.values().iterator().next(), format, rows[0], parts.size(), text.truncated(),
                text.neutralised(), warnings, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The CSV file of a part: {@code report.csv} → {@code report-exceptions.csv}. */
    public static Path csvFile(Path target, ReportPart<?> part) {
        String name = target.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return target.resolveSibling(stem + "-" + part.fileSuffix() + ".csv");
    }

    private static <R> void writeXlsxPart(ReportPart<R> part, SXSSFWorkbook workbook, CellText text, Locale locale,
                                          ZoneId zone, Path target, long[] rows, ExportProgress progress,
                                          BooleanSupplier cancelled) throws IOException {
        ExportRequest<R> request = ExportRequest.builder(part.columns(), part.rows(), ExportFormat.XLSX, target)
                .locale(locale).zone(zone).sheetName(part.name()).build();
        XlsxRowWriter<R> writer = new XlsxRowWriter<>(request, text, workbook);
        writer.writeHeader();
        writeRows(writer, part, rows, progress, cancelled);
        writer.finishPart();
    }

    private static <R> void writeCsvPart(ReportPart<R> part, OutputStream out, CellText text, CsvProfile profile,
                                         Locale locale, ZoneId zone, Path file, long[] rows, ExportProgress progress,
                                         BooleanSupplier cancelled) throws IOException {
        ExportRequest<R> request = ExportRequest.builder(part.columns(), part.rows(), ExportFormat.CSV, file)
                .csvProfile(profile).locale(locale).zone(zone).sheetName(part.name()).build();
        try (CsvRowWriter<R> writer = new CsvRowWriter<>(request, out, text)) {
            writer.writeHeader();
            writeRows(writer, part, rows, progress, cancelled);
            writer.finish(out);
        }
    }

    private static <R> void writeRows(RowWriter<R> writer, ReportPart<R> part, long[] rows, ExportProgress progress,
                                      BooleanSupplier cancelled) throws IOException {
        try {
            for (R row : part.rows()) {
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    throw new ExportCancelledException(rows[0]);
                }
                writer.writeRow(row);
                if (++rows[0] % Exporter.PROGRESS_EVERY_ROWS == 0) {
                    progress.rowsWritten(rows[0], -1);
                }
            }
        } catch (ExportCancelledException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            if (cancelled.getAsBoolean()) {
                throw new ExportCancelledException(rows[0]);
            }
            throw new ExportException(ExportException.Stage.READING_ROWS, "Getting the rows of \"" + part.name()
                    + "\" failed after " + rows[0] + " rows: " + e.getMessage(), e);
        }
    }
}
