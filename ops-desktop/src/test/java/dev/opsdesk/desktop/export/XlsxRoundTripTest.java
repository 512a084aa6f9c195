package dev.opsdesk.desktop.export;

import dev.opsdesk.desktop.export.ExportFixtures.Sample;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static dev.opsdesk.desktop.export.ExportFixtures.BERLIN;
import static org.assertj.core.api.Assertions.assertThat;

/** What the engine writes as XLSX is read back by POI's own XSSF reader and equals the source rows. */
class XlsxRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void everyValueReadsBackWithItsType() throws Exception {
        List<Sample> rows = ExportFixtures.awkwardRows();
        Path file = dir.resolve("samples.xlsx");

        ExportResult result = new Exporter().export(ExportFixtures.request(rows, ExportFormat.XLSX, file).build(),
                ExportProgress.NONE, () -> false);

        assertThat(result.sheets()).isEqualTo(1);
        assertThat(result.neutralisedCells()).isEqualTo(9);
        try (XSSFWorkbook wb = ExportFixtures.readXlsx(file)) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Samples");
            assertThat(sheet.getLastRowNum()).isEqualTo(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Sample s = rows.get(i);
                Row r = sheet.getRow(i + 1);
                assertThat(ExportFixtures.stringAt(sheet, i + 1, 0)).as("text of row %d", i).isEqualTo(s.expectedText());
                assertThat(ExportFixtures.stringAt(sheet, i + 1, 1))
                        .isEqualTo(s.status() == null ? "" : ExportFixtures.STATUS_LABELS.get(s.status()));
                if (s.count() == null) {
                    assertThat(r.getCell(2)).isNull();
                } else {
                    assertThat(r.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(r.getCell(2).getNumericCellValue()).isEqualTo(s.count().doubleValue());
                }
                Cell amount = r.getCell(3);
                if (s.amount() == null) {
                    assertThat(amount).isNull();
                } else {
                    assertThat(amount.getCellType()).as("amount is a number").isEqualTo(CellType.NUMERIC);
                    assertThat(amount.getNumericCellValue()).isEqualTo(s.amount().toMajor().doubleValue());
                    String code = s.amount().currency();
                    String number = code.equals("JPY") ? "#,##0" : "#,##0.00";
                    assertThat(amount.getCellStyle().getDataFormatString())
                            .isEqualTo(number + " \"" + code + "\";[Red]-" + number + " \"" + code + "\"");
                }
                Cell seen = r.getCell(4);
                if (s.seenAt() == null) {
                    assertThat(seen).isNull();
                } else {
                    assertThat(seen.getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(DateUtil.isCellDateFormatted(seen)).as("a real date cell").isTrue();
                    assertThat(seen.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.ofInstant(s.seenAt(), BERLIN));
                }
            }
            // A negative amount is a negative number, not a text.
            assertThat(sheet.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(-19.99);
        }
    }

    @Test
    void headerIsBoldFrozenFilteredAndSaysTheZone() throws Exception {
        Path file = dir.resolve("layout.xlsx");

        new Exporter().export(ExportFixtures.request(ExportFixtures.awkwardRows(), ExportFormat.XLSX, file).build(),
                ExportProgress.NONE, () -> false);

        try (XSSFWorkbook wb = ExportFixtures.readXlsx(file)) {
            XSSFSheet sheet = wb.getSheetAt(0);
            Row header = sheet.getRow(0);
            assertThat(header.getCell(4).getStringCellValue()).isEqualTo("Seen (Europe/Berlin)");
            assertThat(header.getCell(3).getStringCellValue()).isEqualTo("Amount");
            assertThat(wb.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef())
                    .isEqualTo(new CellRangeAddress(0, sheet.getLastRowNum(), 0, 4).formatAsString());
            // Widths from the sampled rows: the long text column is wider than the short count column.
            assertThat(sheet.getColumnWidth(0)).isGreaterThan(sheet.getColumnWidth(2));
            assertThat(sheet.getColumnWidth(4)).isGreaterThanOrEqualTo(19 * 256);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void textCellsAreStringsNeverFormulas() throws Exception {
        Path file = dir.resolve("formulas.xlsx");

        new Exporter().export(ExportFixtures.request(ExportFixtures.awkwardRows(), ExportFormat.XLSX, file).build(),
                ExportProgress.NONE, () -> false);

        try (XSSFWorkbook wb = ExportFixtures.readXlsx(file)) {
            for (Row r : wb.getSheetAt(0)) {
                for (Cell c : r) {
                    assertThat(c.getCellType()).isNotEqualTo(CellType.FORMULA);
                }
            }
        }
    }
}
