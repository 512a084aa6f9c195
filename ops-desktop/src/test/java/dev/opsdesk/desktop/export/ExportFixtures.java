package dev.opsdesk.desktop.export;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.opsdesk.client.model.Money;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rows with every awkward value, their columns, and independent readers for what the engine wrote. */
final class ExportFixtures {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** One test row. {@code expectedText} is what a reader must find for {@code text}, written out by hand. */
    record Sample(String text, String expectedText, String status, Long count, Money amount, Instant seenAt) {
    }

    static final Map<String, String> STATUS_LABELS = Map.of("OPEN", "Open", "REPLAYING", "Replaying");

    static List<Column<Sample>> columns() {
        return List.of(
                Column.text("text", "Text", Sample::text),
                Column.enumerated("status", "Status", Sample::status, EnumLabels.of(STATUS_LABELS)),
                Column.integer("count", "Count", Sample::count),
                Column.money("amount", "Amount", Sample::amount),
                Column.dateTime("seenAt", "Seen", Sample::seenAt));
    }

    /** Quotes, separators, line breaks, non-ASCII, emoji, empties, and every formula trigger. */
    static List<Sample> awkwardRows() {
        List<Sample> rows = new ArrayList<>();
        Instant winter = Instant.parse("2026-01-15T08:30:00Z");
        Instant summer = Instant.parse("2026-07-01T22:15:30.250Z");
        String[][] texts = {
                {"plain", "plain"},
                {"He said \"hello\"", "He said \"hello\""},
                {"a,b;c", "a,b;c"},
                {"line1\r\nline2", "line1\r\nline2"},
                {"line1\nline2", "line1\nline2"},
                {"Grüße aus Köln – Ærøskøbing, 東京", "Grüße aus Köln – Ærøskøbing, 東京"},
                {"📦 shipped 🚚", "📦 shipped 🚚"},
                {"", ""},
                {"=SUM(A1:A2)", "'=SUM(A1:A2)"},
                {"=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"},
                {"+41 79 000 00 00", "'+41 79 000 00 00"},
                {"-2+3", "'-2+3"},
                {"@SUM(1)", "'@SUM(1)"},
                {"\tcmd", "'\tcmd"},
                {"\rcmd", "'\rcmd"},
                {"\ncmd", "'\ncmd"},
                {"\0cmd", "'\0cmd"},
                {"a=b", "a=b"},
                {" =not first", " =not first"},
                {"_x0041_ literal", "_x0041_ literal"},
                {"bell\u0007inside", "bell\u0007inside"},
                {"#hash first", "#hash first"},
        };
        for (int i = 0; i < texts.length; i++) {
            rows.add(new Sample(texts[i][0], texts[i][1], i % 2 == 0 ? "OPEN" : "REPLAYING", (long) i - 3,
                    new Money(i % 3 == 0 ? -1999 - i : 123_456 + i, i % 4 == 3 ? "JPY" : "EUR"),
                    (i % 2 == 0 ? winter : summer).plusSeconds(i * 3600L)));
        }
        rows.add(new Sample(null, "", null, null, null, null));
        rows.add(new Sample("negative money", "negative money", "OPEN", 0L, new Money(-5, "USD"), winter));
        return rows;
    }

    static ExportRequest.Builder<Sample> request(List<Sample> rows, ExportFormat format, Path target) {
        return ExportRequest.builder(columns(), RowSource.of(rows), format, target).zone(BERLIN).sheetName("Samples");
    }

    /** Every record of a CSV file, read by FastCSV with the given separator; the BOM is left for the caller to check. */
    static List<List<String>> readCsv(Path file, char separator) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int skip = startsWithBom(bytes) ? 3 : 0;
        String content = new String(bytes, skip, bytes.length - skip, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(separator).ofCsvRecord(content)) {
            for (CsvRecord r : reader) {
                records.add(r.getFields());
            }
        }
        return records;
    }

    static boolean startsWithBom(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }

    static XSSFWorkbook readXlsx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    /** A cell's text as stored ("" for a missing cell); fails if the cell is not a string cell. */
    static String stringAt(Sheet sheet, int row, int col) {
        Row r = sheet.getRow(row);
        Cell c = r == null ? null : r.getCell(col);
        return c == null ? "" : c.getStringCellValue();
    }

    private ExportFixtures() {
    }
}
