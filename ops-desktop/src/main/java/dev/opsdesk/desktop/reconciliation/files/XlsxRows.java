package dev.opsdesk.desktop.reconciliation.files;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The rows of an XLSX workbook: the first sheet whose first non-blank row is a header the layout knows, else the
 * first sheet. Cells become the text a CSV export of them would hold: a number plainly (with the decimal mark the
 * layout reads), a date cell as {@code yyyy-MM-dd HH:mm:ss}, a formula as its cached value. The line number is the
 * spreadsheet's row number; the raw text is the row's cells joined with commas.
 */
final class XlsxRows implements RowSource {

    private final OPCPackage pkg;
    private final XSSFWorkbook workbook;
    private final Iterator<org.apache.poi.ss.usermodel.Row> rows;
    private final boolean decimalComma;
    private final long size;
    private int lastRow;

    XlsxRows(Path file, boolean decimalComma, Predicate<Row> isHeader) throws IOException, SettlementFormatException {
        this.decimalComma = decimalComma;
        this.size = Files.size(file);
        try {
            this.pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (InvalidFormatException | RuntimeException e) {
            throw new SettlementFormatException(0, null, "the file is not a readable XLSX workbook (" + e.getMessage() + ")");
        }
        try {
            this.workbook = new XSSFWorkbook(pkg);
        } catch (IOException | RuntimeException e) {
            pkg.revert();
            throw new SettlementFormatException(0, null, "the file is not a readable XLSX workbook (" + e.getMessage() + ")");
        }
        Sheet chosen = workbook.getNumberOfSheets() == 0 ? null : workbook.getSheetAt(0);
        for (Sheet sheet : workbook) {
            Row first = firstRow(sheet);
            if (first != null && isHeader.test(first)) {
                chosen = sheet;
                break;
            }
        }
        if (chosen == null) {
            throw new SettlementFormatException(0, null, "the workbook has no sheet");
        }
        this.rows = chosen.rowIterator();
    }

    private Row firstRow(Sheet sheet) {
        for (org.apache.poi.ss.usermodel.Row r : sheet) {
            Row row = convert(r);
            if (!row.isBlank()) {
                return row;
            }
        }
        return null;
    }

    @Override
    public Row next() {
        while (rows.hasNext()) {
            Row row = convert(rows.next());
            lastRow = row.lineNumber;
            if (!row.isBlank()) {
                return row;
            }
        }
        return null;
    }

    private Row convert(org.apache.poi.ss.usermodel.Row r) {
        int cells = Math.max(0, r.getLastCellNum());
        List<String> fields = new ArrayList<>(cells);
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < cells; i++) {
            String text = text(r.getCell(i));
            fields.add(text);
            if (i > 0) {
                raw.append(',');
            }
            raw.append(text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                    ? '"' + text.replace("\"", "\"\"") + '"' : text);
        }
        return new Row(r.getRowNum() + 1, fields, raw.toString());
    }

    private String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        switch (type) {
            case NUMERIC:
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime t = cell.getLocalDateTimeCellValue();
                    return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                            t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
                }
                String plain = BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
                return decimalComma ? plain.replace('.', ',') : plain;
            case STRING:
                return cell.getStringCellValue();
            case BOOLEAN:
                return String.valueOf(cell.getBooleanCellValue());
            default:
                return "";
        }
    }

    @Override
    public long bytesRead() {
        return rows.hasNext() ? 0 : size; // the workbook is read whole when opened
    }

    @Override
    public int linesRead() {
        return lastRow;
    }

    @Override
    public boolean decimalComma() {
        return decimalComma;
    }

    @Override
    public void close() {
        pkg.revert(); // opened read-only: nothing to save
    }
}
