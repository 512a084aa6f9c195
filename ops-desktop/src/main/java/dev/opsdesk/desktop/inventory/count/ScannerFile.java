package dev.opsdesk.desktop.inventory.count;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.opsdesk.desktop.export.read.CountingInputStream;
import dev.opsdesk.desktop.export.read.DelimitedText;
import dev.opsdesk.desktop.ui.BackgroundTask;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * A handheld scanner's export, CSV or XLSX: per row a code (an EAN or a SKU) and a counted quantity. The columns
 * are found by their header (ean, barcode, sku, code, article… and qty, quantity, count, menge…, in any case and
 * spacing); without a header the first column is the code and the second the quantity. CSV is UTF-8 (a BOM is
 * dropped), separated by {@code ,} {@code ;} or tab; XLSX is read from its first sheet, streaming (numeric cells as
 * their exact value, so an EAN stored as a number stays whole).
 *
 * <p>All or nothing: the first row that is not a code and a whole number stops the read with its line and column,
 * and nothing is returned. Several rows for one code stay separate rows (the server adds them up and keeps each as
 * evidence). Blocking: call it on a worker thread.
 */
public final class ScannerFile {

    /** The most entries one request carries (the contract's limit). */
    public static final int MAX_ROWS = 20_000;
    /** The largest quantity of one entry (the contract's limit). */
    public static final int MAX_QUANTITY = 1_000_000;

    private static final Set<String> CODE_NAMES = Set.of("ean", "ean13", "ean8", "gtin", "barcode", "barcodes",
            "sku", "code", "codes", "article", "articleno", "articlenumber", "artikel", "artikelnummer", "artnr",
            "item", "itemcode", "itemno", "product", "productcode", "upc", "scan", "scancode");
    private static final Set<String> QUANTITY_NAMES = Set.of("qty", "quantity", "quantities", "count", "counted",
            "menge", "anzahl", "amount", "pcs", "pieces", "stk", "stuck", "stück", "qte", "quantite", "quantité",
            "cantidad", "units", "number", "onhand");

    /** One row of the file: the line it is on (the spreadsheet's row number for XLSX), its code and quantity. */
    public record Row(int line, String code, int quantity) {
    }

    /**
     * What was read.
     *
     * @param codeColumn     the code column's header as written ({@code column 1} without a header)
     * @param quantityColumn the quantity column's header as written ({@code column 2} without a header)
     */
    public record Result(String fileName, String codeColumn, String quantityColumn, List<Row> rows) {

        public Result {
            rows = List.copyOf(rows);
        }

        /** "line 12, column "ean"" for the code (or the quantity) of the row at {@code index}. */
        public String where(int index, boolean code) {
            return ScannerFile.where(rows.get(index).line(), code ? codeColumn : quantityColumn);
        }

        /** Distinct codes, for "3 SKUs". */
        public long distinctCodes() {
            return rows.stream().map(Row::code).distinct().count();
        }
    }

    private ScannerFile() {
    }

    /** Reads the whole file, or says where it is wrong. */
    public static Result read(Path file) throws IOException, ScannerFileException {
        return read(file, null);
    }

    /**
     * @param progress reports bytes (CSV) or rows (XLSX) and is asked whether to stop; may be null
     * @throws CancellationException when the progress says it was cancelled
     */
    public static Result read(Path file, BackgroundTask.Progress progress) throws IOException, ScannerFileException {
        String name = file.getFileName().toString();
        Collector collector = new Collector(name, progress);
        if (isXlsx(file)) {
            readXlsx(file, collector);
        } else {
            readCsv(file, collector);
        }
        return collector.result();
    }

    /** An XLSX workbook is a ZIP file, whatever its name says. */
    static boolean isXlsx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    static String where(int line, String column) {
        return "line " + line + ", " + (column.startsWith("column ") ? column : "column \"" + column + "\"");
    }

    // --- CSV ---

    private static void readCsv(Path file, Collector collector) throws IOException, ScannerFileException {
        long size = Files.size(file);
        char separator = DelimitedText.separator(file);
        try (CountingInputStream counting = new CountingInputStream(Files.newInputStream(file));
             BufferedReader reader = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8),
                     1 << 16)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(separator).skipEmptyLines(true)
                    .allowExtraFields(true).allowMissingFields(true).ofCsvRecord(reader);
            int n = 0;
            for (CsvRecord record : csv) {
                collector.row((int) record.getStartingLineNumber(), record.getFields());
                if ((++n & 1023) == 0) {
                    collector.progress(counting.count(), size);
                }
            }
        } catch (CsvParseException e) {
            throw new ScannerFileException("The file is not readable as CSV: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    // --- XLSX, streaming: the first sheet's cells through SAX, never the whole workbook in memory ---

    private static void readXlsx(Path file, Collector collector) throws IOException, ScannerFileException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader xssf = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) xssf.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ScannerFileException("The workbook has no sheet.");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                SheetHandler handler = new SheetHandler(strings, collector);
                parser.setContentHandler(handler);
                parser.parse(new InputSource(sheet));
            }
        } catch (WrappedScannerFileException e) {
            throw e.problem;
        } catch (OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException | RuntimeException e) {
            if (e instanceof CancellationException c) {
                throw c;
            }
            throw new ScannerFileException("The file is not a readable XLSX workbook (" + e.getMessage() + ").");
        }
    }

    /** Carries a problem out of the SAX callbacks. */
    private static final class WrappedScannerFileException extends RuntimeException {
        final ScannerFileException problem;

        WrappedScannerFileException(ScannerFileException problem) {
            super(problem.getMessage(), null, false, false);
            this.problem = problem;
        }
    }

    private static final class SheetHandler extends DefaultHandler {
        private final ReadOnlySharedStringsTable strings;
        private final Collector collector;
        private final List<String> cells = new ArrayList<>();
        private final StringBuilder value = new StringBuilder();
        private int rowNumber;
        private int column;
        private String type;
        private boolean inValue;

        SheetHandler(ReadOnlySharedStringsTable strings, Collector collector) {
            this.strings = strings;
            this.collector = collector;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    cells.clear();
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? cells.size() : columnOf(ref);
                    type = attributes.getValue("t");
                    value.setLength(0);
                }
                case "v", "t" -> inValue = true;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue) {
                value.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> inValue = false;
                case "c" -> {
                    while (cells.size() < column) {
                        cells.add("");
                    }
                    cells.add(text());
                }
                case "row" -> {
                    try {
                        collector.row(rowNumber, cells);
                    } catch (ScannerFileException e) {
                        throw new WrappedScannerFileException(e);
                    }
                    if ((rowNumber & 1023) == 0) {
                        collector.progress(-1, -1);
                    }
                }
                default -> {
                }
            }
        }

        private String text() {
            String raw = value.toString();
            if ("s".equals(type)) {
                return raw.isBlank() ? "" : strings.getItemAt(Integer.parseInt(raw.trim())).getString();
            }
            if (type == null || "n".equals(type)) {
                try {
                    return raw.isBlank() ? "" : new BigDecimal(raw.trim()).stripTrailingZeros().toPlainString();
                } catch (NumberFormatException e) {
                    return raw;
                }
            }
            return raw; // inlineStr, str (a formula's text), b, e
        }

        private static int columnOf(String ref) {
            int col = 0;
            for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
                col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            }
            return col - 1;
        }
    }

    // --- what both formats feed ---

    /** Finds the columns on the first non-blank row, then turns every row into a {@link Row}. */
    private static final class Collector {
        private final String fileName;
        private final BackgroundTask.Progress progress;
        private final List<Row> rows = new ArrayList<>();
        private int codeIndex = -1;
        private int quantityIndex = -1;
        private String codeColumn;
        private String quantityColumn;

        Collector(String fileName, BackgroundTask.Progress progress) {
            this.fileName = fileName;
            this.progress = progress;
        }

        void progress(long done, long total) {
            if (progress == null) {
                return;
            }
            if (progress.isCancelled()) {
                throw new CancellationException("import cancelled");
            }
            if (total > 0) {
                progress.progress(done, total);
            } else {
                progress.message(rows.size() + " rows read");
            }
        }

        void row(int line, List<String> fields) throws ScannerFileException {
            if (blank(fields)) {
                return;
            }
            if (codeIndex < 0) {
                if (header(fields)) {
                    return;
                }
                codeIndex = 0;
                quantityIndex = 1;
                codeColumn = "column 1";
                quantityColumn = "column 2";
            }
            String code = field(fields, codeIndex);
            String quantity = field(fields, quantityIndex);
            if (code.isEmpty()) {
                throw new ScannerFileException(where(line, codeColumn) + ": expected a code (an EAN or a SKU), found"
                        + " nothing");
            }
            if (code.length() > 32) {
                throw new ScannerFileException(where(line, codeColumn) + ": a code has at most 32 characters, found \""
                        + code.substring(0, 32) + "…\"");
            }
            rows.add(new Row(line, code, quantity(quantity, line)));
            if (rows.size() > MAX_ROWS) {
                throw new ScannerFileException("The file has more than " + MAX_ROWS + " rows: split it and import"
                        + " each part.");
            }
        }

        private int quantity(String text, int line) throws ScannerFileException {
            String t = text.replace(" ", "").replace("\u00a0", "");
            try {
                BigDecimal d = new BigDecimal(t.replace(',', '.'));
                int q = d.intValueExact();
                if (q < 0 || q > MAX_QUANTITY) {
                    throw new ScannerFileException(where(line, quantityColumn) + ": expected a whole number from 0 to "
                            + MAX_QUANTITY + ", found \"" + text + "\"");
                }
                return q;
            } catch (NumberFormatException | ArithmeticException e) {
                throw new ScannerFileException(where(line, quantityColumn) + ": expected a whole number, found \""
                        + text + "\"");
            }
        }

        /** Whether the first row names the columns (both must be found); a row that is data is not a header. */
        private boolean header(List<String> fields) throws ScannerFileException {
            int code = -1;
            int quantity = -1;
            for (int i = 0; i < fields.size(); i++) {
                String name = normalise(field(fields, i));
                if (code < 0 && CODE_NAMES.contains(name)) {
                    code = i;
                } else if (quantity < 0 && QUANTITY_NAMES.contains(name)) {
                    quantity = i;
                }
            }
            if (code >= 0 && quantity >= 0) {
                codeIndex = code;
                quantityIndex = quantity;
                codeColumn = field(fields, code);
                quantityColumn = field(fields, quantity);
                return true;
            }
            if (code >= 0 || quantity >= 0) {
                throw new ScannerFileException("The first line names no " + (code < 0 ? "code" : "quantity")
                        + " column: call it ean, barcode, sku or code, and the quantity qty, quantity or count — or"
                        + " leave the header out (then the first column is the code and the second the quantity).");
            }
            // No cell names a column: the first line is already data.
            return false;
        }

        Result result() {
            return new Result(fileName, codeColumn == null ? "column 1" : codeColumn,
                    quantityColumn == null ? "column 2" : quantityColumn, rows);
        }
    }

    private static String field(List<String> fields, int i) {
        if (i < 0 || i >= fields.size() || fields.get(i) == null) {
            return "";
        }
        return fields.get(i).replace("\uFEFF", "").strip();
    }

    private static boolean blank(List<String> fields) {
        for (String f : fields) {
            if (f != null && !f.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** "Article No." → "articleno"; "EAN-13" → "ean13". */
    static String normalise(String header) {
        StringBuilder sb = new StringBuilder(header.length());
        for (char c : header.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
