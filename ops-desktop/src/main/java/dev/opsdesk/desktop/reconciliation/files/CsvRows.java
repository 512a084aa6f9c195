package dev.opsdesk.desktop.reconciliation.files;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.opsdesk.desktop.export.read.CountingInputStream;
import dev.opsdesk.desktop.export.read.DelimitedText;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The records of a CSV file through FastCSV, each with the physical line it starts on and its text as in the file.
 * UTF-8 (a BOM is dropped); the separator ({@code ,} {@code ;} or tab) is taken from the first non-blank line.
 */
final class CsvRows implements RowSource {

    private final CountingInputStream counting;
    private final LineCapturingReader lines;
    private final CsvReader<CsvRecord> reader;
    private final CloseableIterator<CsvRecord> records;
    private final boolean decimalComma;
    private final Row row = new Row(0, java.util.List.of(), "");

    CsvRows(Path file) throws IOException {
        char separator = DelimitedText.separator(file);
        this.decimalComma = separator == ';';
        this.counting = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        this.lines = new LineCapturingReader(new InputStreamReader(counting, StandardCharsets.UTF_8));
        this.reader = CsvReader.builder()
                .fieldSeparator(separator)
                .skipEmptyLines(true)
                .allowExtraFields(true)     // PayPal's records differ in length; footers are short
                .allowMissingFields(true)
                .ofCsvRecord(lines);
        this.records = reader.iterator();
    }

    @Override
    public Row next() throws SettlementFormatException {
        try {
            while (records.hasNext()) {
                CsvRecord record = records.next();
                row.lineNumber = (int) record.getStartingLineNumber();
                row.fields = record.getFields();
                row.raw = lines.record(record.getStartingLineNumber());
                if (!row.isBlank()) {
                    return row;
                }
            }
            return null;
        } catch (CsvParseException e) {
            throw new SettlementFormatException((int) Math.max(1, lines.linesRead()), null,
                    "the file is not readable as CSV (" + rootMessage(e) + ")");
        } catch (UncheckedIOException e) {
            throw new SettlementFormatException(0, null, "the file could not be read: " + e.getCause().getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? e.getMessage() : t.getMessage();
    }

    @Override
    public long bytesRead() {
        return counting.count();
    }

    @Override
    public int linesRead() {
        return (int) lines.linesRead();
    }

    @Override
    public boolean decimalComma() {
        return decimalComma;
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
