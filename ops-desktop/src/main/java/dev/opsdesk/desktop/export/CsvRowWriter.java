package dev.opsdesk.desktop.export;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.opsdesk.client.model.Money;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * CSV through FastCSV (RFC 4180: CRLF, quotes only where needed, a quote doubled). A MONEY column
 * becomes two fields, the amount (a plain number with the profile's decimal mark) and its currency,
 * so the amount stays a number a spreadsheet can sum.
 */
final class CsvRowWriter<R> implements RowWriter<R> {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Column<R>[] columns;
    private final ColumnType[] types;
    private final CsvProfile profile;
    private final CsvProfile.Dialect dialect;
    private final Values values;
    private final CellText text;
    private final List<String> headers;
    private final CsvWriter csv;

    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of the columns: the per-cell loop is the hot path
    CsvRowWriter(ExportRequest<R> request, OutputStream out, CellText text) throws IOException {
        this.columns = request.columns().toArray(new Column[0]);
        this.types = new ColumnType[columns.length];
        for (int i = 0; i < columns.length; i++) {
            types[i] = columns[i].type();
        }
        this.profile = request.csvProfile();
        this.dialect = profile.dialect(request.locale());
        this.values = new Values(request.zone());
        this.text = text;
        this.headers = headers(request);
        if (dialect.byteOrderMark()) {
            out.write(UTF8_BOM);
        }
        this.csv = CsvWriter.builder()
                .fieldSeparator(dialect.fieldSeparator())
                .lineDelimiter(LineDelimiter.CRLF)
                .build(new NonClosing(out), StandardCharsets.UTF_8);
    }

    /** The header fields: one per column, two for a MONEY column (amount, currency). */
    static <R> List<String> headers(ExportRequest<R> request) {
        List<String> h = new java.util.ArrayList<>();
        for (Column<R> c : request.columns()) {
            h.add(c.headerIn(request.zone()));
            if (c.type() == ColumnType.MONEY) {
                h.add(c.header() + " currency");
            }
        }
        return h;
    }

    @Override
    public void writeHeader() {
        CsvWriter.CsvWriterRecord record = csv.writeRecord();
        for (String h : headers) {
            record.writeField(text.safe(h));
        }
        record.endRecord();
    }

    @Override
    public void writeRow(R row) {
        CsvWriter.CsvWriterRecord record = csv.writeRecord();
        for (int i = 0; i < columns.length; i++) {
            Object v = columns[i].valueOf(row);
            if (v == null) {
                record.writeField("");
                if (types[i] == ColumnType.MONEY) {
                    record.writeField("");
                }
                continue;
            }
            switch (types[i]) {
                case TEXT -> record.writeField(text.safe(v instanceof String s ? s : v.toString()));
                case ENUM -> record.writeField(text.safe(columns[i].label(v)));
                case INTEGER -> record.writeField(Values.integerText(v));
                case MONEY -> writeMoney(record, (Money) v);
                case DATE_TIME -> record.writeField(dateTime((Instant) v));
            }
        }
        record.endRecord();
    }

    private void writeMoney(CsvWriter.CsvWriterRecord record, Money m) {
        record.writeField(amount(m)).writeField(text.safe(m.currency()));
    }

    private String amount(Money m) {
        return Values.decimalText(m.amountMinor(), values.fractionDigits(m.currency()), dialect.decimalMark());
    }

    private String dateTime(Instant instant) {
        LocalDateTime local = values.local(instant);
        return profile == CsvProfile.EXCEL ? Values.sortableDateTime(local)
                : Values.isoOffsetDateTime(local, values.offset(instant));
    }

    @Override
    public void finish(OutputStream out) throws IOException {
        csv.flush();
    }

    @Override
    public int sheets() {
        return 1;
    }

    @Override
    public void close() {
        try {
            csv.close(); // closes only the NonClosing wrapper; the exporter owns the stream
        } catch (IOException | UncheckedIOException ignored) {
            // the exporter reports the write failure that caused this
        }
    }

    /** Lets FastCSV flush into the exporter's stream without closing it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
