package dev.opsdesk.desktop.inventory.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a handheld scanner's export looks like in the wild, and what the import makes of it. */
class ScannerFileTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aHeaderNamesTheColumnsInAnyCaseAndSpacing() throws Exception {
        ScannerFile.Result read = ScannerFile.read(csv("scan.csv", "Pos, Bar Code ,Article name,  QTY \r\n"
                + "1,4006381333931,Pen,3\r\n2,SKU-100042,Cup,12\r\n"));
        assertThat(read.codeColumn()).isEqualTo("Bar Code");
        assertThat(read.quantityColumn()).isEqualTo("QTY");
        assertThat(read.rows()).containsExactly(new ScannerFile.Row(2, "4006381333931", 3),
                new ScannerFile.Row(3, "SKU-100042", 12));
    }

    @Test
    void aBomAndSemicolonsAndGermanHeadersAreRead() throws Exception {
        ScannerFile.Result read = ScannerFile.read(csv("inventur.csv", "\uFEFFEAN;Menge\n4006381333931;5\n\n"
                + "4006381333948;0\n"));
        assertThat(read.codeColumn()).isEqualTo("EAN");
        assertThat(read.quantityColumn()).isEqualTo("Menge");
        assertThat(read.rows()).extracting(ScannerFile.Row::line).containsExactly(2, 4);
        assertThat(read.rows()).extracting(ScannerFile.Row::quantity).containsExactly(5, 0);
    }

    @Test
    void rowsForOneCodeStaySeparateSoTheServerAddsThemUpAndKeepsEach() throws Exception {
        ScannerFile.Result read = ScannerFile.read(csv("scan.csv", "sku,count\nSKU-1,2\nSKU-2,1\nSKU-1,3\n"));
        assertThat(read.rows()).hasSize(3);
        assertThat(read.rows().stream().filter(r -> r.code().equals("SKU-1")).mapToInt(ScannerFile.Row::quantity)
                .sum()).isEqualTo(5);
        assertThat(read.distinctCodes()).isEqualTo(2);
    }

    @Test
    void withoutAHeaderTheFirstColumnIsTheCodeAndTheSecondTheQuantity() throws Exception {
        ScannerFile.Result read = ScannerFile.read(csv("plain.txt", "4006381333931,3\n4006381333948,7\n"));
        assertThat(read.rows()).containsExactly(new ScannerFile.Row(1, "4006381333931", 3),
                new ScannerFile.Row(2, "4006381333948", 7));
        assertThat(read.where(1, false)).isEqualTo("line 2, column 2");
    }

    @Test
    void aQuantityThatIsNotAWholeNumberStopsTheImportWithItsLineAndColumn() throws Exception {
        Path file = csv("scan.csv", "ean;qty\n4006381333931;3\n4006381333948;x\n4006381333955;1\n");
        assertThatThrownBy(() -> ScannerFile.read(file)).isInstanceOf(ScannerFileException.class)
                .hasMessage("line 3, column \"qty\": expected a whole number, found \"x\"");
        assertThatThrownBy(() -> ScannerFile.read(csv("half.csv", "ean,qty\n4006381333931,2.5\n")))
                .hasMessage("line 2, column \"qty\": expected a whole number, found \"2.5\"");
        assertThatThrownBy(() -> ScannerFile.read(csv("empty.csv", "ean,qty\n4006381333931,\n")))
                .hasMessage("line 2, column \"qty\": expected a whole number, found \"\"");
        assertThatThrownBy(() -> ScannerFile.read(csv("noheader.csv", "4006381333931,abc\n")))
                .hasMessage("line 1, column 2: expected a whole number, found \"abc\"");
    }

    @Test
    void aHeaderWithACodeButNoQuantitySaysWhatToCallIt() throws Exception {
        assertThatThrownBy(() -> ScannerFile.read(csv("scan.csv", "ean,stuff\n4006381333931,3\n")))
                .isInstanceOf(ScannerFileException.class).hasMessageContaining("names no quantity column");
    }

    @Test
    void anXlsxWithNumericCellsKeepsEansWhole() throws Exception {
        Path file = dir.resolve("scan.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            var sheet = wb.createSheet("Scans");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("Barcode");
            header.createCell(1).setCellValue("Quantity");
            var r1 = sheet.createRow(1);
            r1.createCell(0).setCellValue(4006381333931d);
            r1.createCell(1).setCellValue(4d);
            var r3 = sheet.createRow(3); // a blank row between
            r3.createCell(0).setCellValue("SKU-100042");
            r3.createCell(1).setCellValue(2d);
            wb.write(out);
        }
        ScannerFile.Result read = ScannerFile.read(file);
        assertThat(read.codeColumn()).isEqualTo("Barcode");
        assertThat(read.rows()).containsExactly(new ScannerFile.Row(2, "4006381333931", 4),
                new ScannerFile.Row(4, "SKU-100042", 2));
    }

    @Test
    void anXlsxWithATextQuantityNamesItsRowAndColumn() throws Exception {
        Path file = dir.resolve("bad.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            var sheet = wb.createSheet();
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("ean");
            header.createCell(1).setCellValue("qty");
            var r1 = sheet.createRow(1);
            r1.createCell(0).setCellValue("4006381333931");
            r1.createCell(1).setCellValue("two");
            wb.write(out);
        }
        assertThatThrownBy(() -> ScannerFile.read(file))
                .hasMessage("line 2, column \"qty\": expected a whole number, found \"two\"");
    }
}
