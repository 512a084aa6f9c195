package dev.opsdesk.desktop.export;

import dev.opsdesk.client.model.Money;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A report of several tables: one workbook with a sheet per part, or a CSV file per part, all or nothing. */
class ReportExporterTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    record Item(String name, Money amount, Instant at) {
    }

    @TempDir
    Path dir;

    private static final List<Column<Item>> COLUMNS = List.of(
            Column.text("name", "Name", Item::name),
            Column.money("amount", "Amount", Item::amount),
            Column.dateTime("at", "At", Item::at));

    private List<ReportPart<?>> parts(RowSource<Item> third) {
        Instant t = Instant.parse("2026-12-05T10:15:00Z");
        return List.of(
                new ReportPart<>("Summary", COLUMNS, RowSource.of(List.of(new Item("Run", null, t)))),
                new ReportPart<>("Matched", COLUMNS, RowSource.of(List.of(
                        new Item("ORD-1", new Money(1999, "EUR"), t), new Item("ORD-2", new Money(-500, "USD"), t)))),
                new ReportPart<>("Unmatched payments", COLUMNS, third));
    }

    @Test
    void xlsxHasOneSheetPerPartWithNumbersAndDates() throws Exception {
        Path file = dir.resolve("report.xlsx");
        ExportResult result = new ReportExporter().export(parts(RowSource.of(List.of())), ExportFormat.XLSX, file,
                CsvProfile.EXCEL, Locale.UK, ZONE, ExportProgress.NONE, () -> false);

        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.sheets()).isEqualTo(3);
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(3);
            assertThat(List.of(wb.getSheetName(0), wb.getSheetName(1), wb.getSheetName(2)))
                    .containsExactly("Summary", "Matched", "Unmatched payments");
            XSSFSheet matched = wb.getSheet("Matched");
            assertThat(matched.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Name");
            assertThat(matched.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(matched.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(19.99);
            assertThat(matched.getRow(1).getCell(1).getCellStyle().getDataFormatString()).contains("\"EUR\"");
            assertThat(matched.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(-5.0);
            assertThat(matched.getRow(2).getCell(1).getCellStyle().getDataFormatString()).contains("\"USD\"");
            assertThat(DateUtil.isCellDateFormatted(matched.getRow(1).getCell(2))).isTrue();
            assertThat(matched.getRow(1).getCell(2).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.of(2026, 12, 5, 11, 15));
            assertThat(wb.getSheet("Unmatched payments").getLastRowNum()).as("header only").isZero();
        }
    }

    @Test
    void csvWritesOneFilePerPartBesideTheTarget() throws Exception {
        Path target = dir.resolve("run-R-000001.csv");
        ExportResult result = new ReportExporter().export(parts(RowSource.of(List.of())), ExportFormat.CSV, target,
                CsvProfile.STANDARD, Locale.UK, ZONE, ExportProgress.NONE, () -> false);

        assertThat(Files.exists(target)).as("the parts are the files").isFalse();
        assertThat(dir.resolve("run-R-000001-summary.csv")).exists();
        assertThat(dir.resolve("run-R-000001-unmatched-payments.csv")).exists();
        List<String> matched = Files.readAllLines(dir.resolve("run-R-000001-matched.csv"));
        assertThat(matched).hasSize(3);
        assertThat(matched.get(1)).startsWith("ORD-1,19.99");
        assertThat(result.file()).isEqualTo(dir.resolve("run-R-000001-summary.csv").toAbsolutePath());
        assertThat(result.warnings()).anyMatch(w -> w.contains("3 files"));
    }

    @Test
    void aFailingPartLeavesNoFileAndKeepsAnOldOne() throws Exception {
        Path file = dir.resolve("report.xlsx");
        Files.writeString(file, "the report of yesterday");
        RowSource<Item> failing = RowSource.of(() -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new IllegalStateException("the server went away");
            }

            @Override
            public Item next() {
                throw new NoSuchElementException();
            }
        }, OptionalLong.empty());

        assertThatThrownBy(() -> new ReportExporter().export(parts(failing), ExportFormat.XLSX, file, CsvProfile.EXCEL,
                Locale.UK, ZONE, ExportProgress.NONE, () -> false))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("Unmatched payments").hasMessageContaining("the server went away");
        assertThat(Files.readString(file)).isEqualTo("the report of yesterday");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("report.xlsx");
        }
    }

    @Test
    void cancellingWritesNothing() {
        Path target = dir.resolve("r.csv");
        assertThatThrownBy(() -> new ReportExporter().export(parts(RowSource.of(List.of())), ExportFormat.CSV, target,
                CsvProfile.EXCEL, Locale.UK, ZONE, ExportProgress.NONE, () -> true))
                .isInstanceOf(ExportCancelledException.class);
        assertThat(dir.toFile().list()).isEmpty();
    }
}
