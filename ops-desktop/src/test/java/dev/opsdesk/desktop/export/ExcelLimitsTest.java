package dev.opsdesk.desktop.export;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows beyond a sheet continue on further sheets; texts beyond a cell are cut visibly; the user is told. */
class ExcelLimitsTest {

    @TempDir
    Path dir;

    record Item(long number, String note) {
    }

    private static final List<Column<Item>> COLUMNS = List.of(
            Column.integer("number", "Number", Item::number),
            Column.text("note", "Note", Item::note));

    private static List<Item> items(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new Item(i, "note " + i)).toList();
    }

    @Test
    void rowsBeyondASheetContinueOnFurtherSheetsWithTheHeaderRepeated() throws Exception {
        Path file = dir.resolve("overflow.xlsx");
        ExportLimits fivePerSheet = ExportLimits.EXCEL.withMaxRowsPerSheet(5); // header + 4 rows

        ExportResult result = new Exporter().export(ExportRequest.builder(COLUMNS, RowSource.of(items(10)), ExportFormat.XLSX, file)
                .sheetName("Items").limits(fivePerSheet).build(), ExportProgress.NONE, () -> false);

        assertThat(result.rows()).isEqualTo(10);
        assertThat(result.sheets()).isEqualTo(3);
        assertThat(result.warnings()).anyMatch(w -> w.contains("continue on 2 further sheets"));
        try (XSSFWorkbook wb = ExportFixtures.readXlsx(file)) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(3);
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)))
                    .containsExactly("Items", "Items (2)", "Items (3)");
            List<Long> numbers = new ArrayList<>();
            for (Sheet sheet : wb) {
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Number");
                assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Note");
                assertThat(sheet.getLastRowNum()).isLessThanOrEqualTo(4);
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    numbers.add((long) sheet.getRow(r).getCell(0).getNumericCellValue());
                }
            }
            assertThat(numbers).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(wb.getSheetAt(2).getLastRowNum()).isEqualTo(2);
        }
    }

    @Test
    void exactlyFullSheetNeedsNoFurtherSheet() {
        Path file = dir.resolve("full.xlsx");

        ExportResult result = new Exporter().export(ExportRequest.builder(COLUMNS, RowSource.of(items(4)), ExportFormat.XLSX, file)
                .limits(ExportLimits.EXCEL.withMaxRowsPerSheet(5)).build(), ExportProgress.NONE, () -> false);

        assertThat(result.sheets()).isEqualTo(1);
        assertThat(result.warnings()).noneMatch(w -> w.contains("sheet"));
    }

    @Test
    void longTextsAreCutWithAVisibleMarkerAndCounted() throws Exception {
        Path file = dir.resolve("long.xlsx");
        String marker = ExportLimits.TRUNCATION_MARKER;
        List<Item> rows = List.of(new Item(1, "x".repeat(40)), new Item(2, "y".repeat(30)), new Item(3, "z".repeat(31)),
                new Item(4, "=" + "w".repeat(40)), new Item(5, "😀".repeat(20)));

        ExportResult result = new Exporter().export(ExportRequest.builder(COLUMNS, RowSource.of(rows), ExportFormat.XLSX, file)
                .limits(ExportLimits.EXCEL.withMaxCellChars(30)).build(), ExportProgress.NONE, () -> false);

        assertThat(result.truncatedCells()).isEqualTo(4);
        assertThat(result.warnings()).anyMatch(w -> w.startsWith("4 texts longer than 30 characters"));
        try (XSSFWorkbook wb = ExportFixtures.readXlsx(file)) {
            Sheet s = wb.getSheetAt(0);
            assertThat(ExportFixtures.stringAt(s, 1, 1)).isEqualTo("x".repeat(30 - marker.length()) + marker).hasSize(30);
            assertThat(ExportFixtures.stringAt(s, 2, 1)).isEqualTo("y".repeat(30));
            assertThat(ExportFixtures.stringAt(s, 3, 1)).isEqualTo("z".repeat(30 - marker.length()) + marker);
            // The formula prefix survives the cut.
            assertThat(ExportFixtures.stringAt(s, 4, 1)).isEqualTo("'=" + "w".repeat(28 - marker.length()) + marker);
            // An emoji (a surrogate pair) is never split in half.
            String emoji = ExportFixtures.stringAt(s, 5, 1);
            assertThat(emoji).endsWith(marker);
            assertThat(emoji.substring(0, emoji.length() - marker.length())).isEqualTo("😀".repeat(8));
        }
    }

    @Test
    void excelCsvIsCutToo_standardCsvKeepsEveryCharacter() throws Exception {
        List<Item> rows = List.of(new Item(1, "x".repeat(40)));
        ExportLimits small = ExportLimits.EXCEL.withMaxCellChars(30).withMaxRowsPerSheet(5);

        Path excel = dir.resolve("excel.csv");
        ExportResult excelResult = new Exporter().export(ExportRequest.builder(COLUMNS, RowSource.of(rows), ExportFormat.CSV, excel)
                .csvProfile(CsvProfile.EXCEL).locale(java.util.Locale.US).limits(small).build(), ExportProgress.NONE, () -> false);
        Path standard = dir.resolve("standard.csv");
        ExportResult standardResult = new Exporter().export(ExportRequest.builder(COLUMNS, RowSource.of(rows), ExportFormat.CSV, standard)
                .csvProfile(CsvProfile.STANDARD).limits(small).build(), ExportProgress.NONE, () -> false);

        assertThat(excelResult.truncatedCells()).isEqualTo(1);
        assertThat(ExportFixtures.readCsv(excel, ',').get(1).get(1)).hasSize(30).endsWith(ExportLimits.TRUNCATION_MARKER);
        assertThat(standardResult.truncatedCells()).isZero();
        assertThat(ExportFixtures.readCsv(standard, ',').get(1).get(1)).isEqualTo("x".repeat(40));
    }

    @Test
    void excelCsvWithMoreRowsThanExcelOpensWarnsTheUser() {
        Path file = dir.resolve("many.csv");

        ExportResult result = new Exporter().export(ExportRequest.builder(COLUMNS, RowSource.of(items(10)), ExportFormat.CSV, file)
                .csvProfile(CsvProfile.EXCEL).limits(ExportLimits.EXCEL.withMaxRowsPerSheet(5)).build(), ExportProgress.NONE, () -> false);

        assertThat(result.rows()).isEqualTo(10);
        assertThat(result.sheets()).isEqualTo(1);
        assertThat(result.warnings()).anyMatch(w -> w.contains("Excel opens at most 4 of them"));
    }
}
