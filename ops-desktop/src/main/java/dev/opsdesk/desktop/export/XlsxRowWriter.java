package dev.opsdesk.desktop.export;

import dev.opsdesk.client.model.Money;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * XLSX through POI's streaming SXSSF: only a window of rows is in memory, the rest goes to
 * compressed temp files that {@link #close()} always deletes (the exporter closes the writer
 * whether the export succeeded, failed or was cancelled). Texts are written as string cells
 * (inline strings, so no shared-strings table grows in memory), which Excel never evaluates; the
 * {@link CellText} rules still apply, so both formats show the same text and a cell stays inert
 * even after a user edits it. Amounts are numeric cells with a per-currency format, times real
 * date cells, whole numbers numeric.
 */
final class XlsxRowWriter<R> implements RowWriter<R> {

    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final int MAX_WIDTH_CHARS = 60;

    private final Column<R>[] columns;
    private final ColumnType[] types;
    private final String[] headers;
    private final ExportLimits limits;
    private final Values values;
    private final CellText text;
    private final SXSSFWorkbook workbook;
    private final DataFormat dataFormat;
    private final CellStyle headerStyle;
    private final CellStyle dateStyle;
    private final Map<String, CellStyle> moneyStyles = new HashMap<>();
    private final String baseSheetName;
    /** False when the writer is one part of a report: the report writes and closes the shared workbook. */
    private final boolean ownsWorkbook;

    /** Widths come from the first sampled rows only: autosizing would read every row back. */
    private final int[] widthChars;
    private boolean widthsFixed;
    private long sampledRows;

    private SXSSFSheet sheet;
    private int sheetCount;
    private int nextRow;

    XlsxRowWriter(ExportRequest<R> request, CellText text) {
        this(request, text, new SXSSFWorkbook(null, request.limits().xlsxRowWindow(), true, false), true);
    }

    /** A writer of one part of a report: its sheets go into {@code workbook}, which the caller writes and closes. */
    XlsxRowWriter(ExportRequest<R> request, CellText text, SXSSFWorkbook workbook) {
        this(request, text, workbook, false);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private XlsxRowWriter(ExportRequest<R> request, CellText text, SXSSFWorkbook workbook, boolean ownsWorkbook) {
        this.ownsWorkbook = ownsWorkbook;
        this.columns = request.columns().toArray(new Column[0]);
        this.types = new ColumnType[columns.length];
        this.headers = new String[columns.length];
        this.widthChars = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            types[i] = columns[i].type();
            headers[i] = columns[i].headerIn(request.zone());
            // Room for the header and the filter arrow.
            widthChars[i] = Math.min(MAX_WIDTH_CHARS, headers[i].length() + 3);
        }
        this.limits = request.limits();
        this.values = new Values(request.zone());
        this.text = text;
        // No shared strings table: inline strings keep memory flat however many distinct texts there are.
        this.workbook = workbook;
        this.dataFormat = workbook.createDataFormat();
        Font bold = workbook.createFont();
        bold.setBold(true);
        this.headerStyle = workbook.createCellStyle();
        headerStyle.setFont(bold);
        this.dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(dataFormat.getFormat(DATE_TIME_FORMAT));
        this.baseSheetName = request.sheetName();
    }

    /** The number format of a currency: thousands grouping, its decimals, the code as a suffix, negatives in red. */
    static String moneyFormat(String currency, int fractionDigits) {
        String code = currency.replaceAll("[^A-Za-z0-9]", "");
        String number = fractionDigits > 0 ? "#,##0." + "0".repeat(fractionDigits) : "#,##0";
        String suffix = code.isEmpty() ? "" : " \"" + code + "\"";
        return number + suffix + ";[Red]-" + number + suffix;
    }

    @Override
    public void writeHeader() {
        startSheet();
    }

    private void startSheet() {
        if (sheet != null) {
            endSheet();
        }
        sheetCount++;
        String name = sheetCount == 1 ? baseSheetName : baseSheetName + " (" + sheetCount + ")";
        sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(name));
        sheet.createFreezePane(0, 1);
        Row row = sheet.createRow(0);
        for (int i = 0; i < headers.length; i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(ooxmlEscaped(text.safe(headers[i])));
            cell.setCellStyle(headerStyle);
        }
        nextRow = 1;
    }

    private void endSheet() {
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, nextRow - 1), 0, columns.length - 1));
        widthsFixed = true;
        // Set only now: once a sheet has column definitions, SXSSF looks up the column's default
        // style (through XMLBeans) for every cell without a style, which halves the write speed.
        for (int i = 0; i < widthChars.length; i++) {
            sheet.setColumnWidth(i, Math.min(255, widthChars[i] + 1) * 256);
        }
    }

    @Override
    public void writeRow(R r) {
        if (nextRow >= limits.maxRowsPerSheet()) {
            startSheet();
        }
        Row row = sheet.createRow(nextRow++);
        boolean sample = !widthsFixed;
        for (int i = 0; i < columns.length; i++) {
            Object v = columns[i].valueOf(r);
            if (v == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            int width;
            switch (types[i]) {
                case TEXT, ENUM -> {
                    String s = text.safe(types[i] == ColumnType.ENUM ? columns[i].label(v) : v.toString());
                    cell.setCellValue(ooxmlEscaped(s));
                    width = sample ? displayWidth(s) : 0;
                }
                case INTEGER -> {
                    Number n = (Number) v;
                    cell.setCellValue(n.doubleValue());
                    width = sample ? Values.integerText(n).length() + 1 : 0;
                }
                case MONEY -> {
                    Money m = (Money) v;
                    java.math.BigDecimal major = values.major(m);
                    cell.setCellValue(major.doubleValue());
                    cell.setCellStyle(moneyStyle(m.currency()));
                    width = sample ? major.precision() + major.precision() / 3 + m.currency().length() + 3 : 0;
                }
                case DATE_TIME -> {
                    cell.setCellValue(DateUtil.getExcelDate(values.local((Instant) v), false));
                    cell.setCellStyle(dateStyle);
                    width = DATE_TIME_FORMAT.length() + 2;
                }
                default -> throw new IllegalStateException("Unknown column type " + types[i]);
            }
            if (sample && width > widthChars[i]) {
                widthChars[i] = Math.min(MAX_WIDTH_CHARS, width);
            }
        }
        if (sample && ++sampledRows >= limits.widthSampleRows()) {
            widthsFixed = true; // the sample is complete: the widths are known, the rest is not measured
        }
    }

    /**
     * Keeps a text intact through the OOXML string escapes, which SXSSF does not apply itself:
     * characters XML 1.0 cannot hold (NUL and most other controls) become {@code _xHHHH_}, as Excel
     * writes them, instead of SXSSF's {@code ?}; and a literal {@code _xHHHH_} in the text gets its
     * underscore escaped ({@code _x005F_}) so that Excel does not decode it into another character.
     */
    static String ooxmlEscaped(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == '_' || c >= 0xFFFE) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        int from = i;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0xFFFE) {
                b.append(String.format("_x%04X_", (int) c));
            } else if (c == '_' && isEscapeAt(s, i)) {
                b.append("_x005F_");
            } else {
                b.append(c);
            }
        }
        if (b.length() > ExportLimits.EXCEL_MAX_CELL_CHARS) {
            // Escapes made a text at the limit too long for a cell: keep its length, lose only the controls.
            StringBuilder plain = new StringBuilder(s);
            for (int k = from; k < n; k++) {
                char c = s.charAt(k);
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0xFFFE) {
                    plain.setCharAt(k, '\uFFFD');
                }
            }
            return plain.toString();
        }
        return b.toString();
    }

    private static boolean isEscapeAt(String s, int i) {
        if (i + 7 > s.length() || s.charAt(i + 1) != 'x' && s.charAt(i + 1) != 'X' || s.charAt(i + 6) != '_') {
            return false;
        }
        for (int k = i + 2; k < i + 6; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int displayWidth(String s) {
        int lineEnd = s.indexOf('\n');
        return (lineEnd < 0 ? s.length() : lineEnd) + 1;
    }

    private CellStyle moneyStyle(String currency) {
        CellStyle style = moneyStyles.get(currency);
        if (style == null) {
            style = workbook.createCellStyle();
            style.setDataFormat(dataFormat.getFormat(moneyFormat(currency, values.fractionDigits(currency))));
            moneyStyles.put(currency, style);
        }
        return style;
    }

    @Override
    public void finish(OutputStream out) throws IOException {
        endSheet();
        workbook.write(out);
    }

    /** Ends this part's last sheet without writing the shared workbook (a report writes it once, at the end). */
    void finishPart() {
        endSheet();
    }

    @Override
    public int sheets() {
        return sheetCount;
    }

    @Override
    public void close() {
        if (!ownsWorkbook) {
            return;
        }
        try {
            // Since POI 5.3 close() also disposes: it deletes the sheets' temp files (dispose() alone is deprecated).
            workbook.close();
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(XlsxRowWriter.class).warn("Could not delete the XLSX writer's temp files", e);
        }
    }
}
