package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.client.model.Settlement.LineKind;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The same reports saved as XLSX, with real number and date cells, read like their CSV. */
class SettlementXlsxTest {

    @TempDir
    Path dir;

    @Test
    void anAdyenWorkbookWithNumberAndDateCellsOnItsSecondSheet() throws Exception {
        Path file = dir.resolve("adyen.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            wb.createSheet("Summary").createRow(0).createCell(0).setCellValue("Batch 42 summary");
            Sheet sheet = wb.createSheet("Settlement details");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            row(sheet, 0, "Psp Reference", "Merchant Reference", "Creation Date", "TimeZone", "Type", "Net Currency",
                    "Net Debit (NC)", "Net Credit (NC)", "Commission (NC)", "Markup (NC)", "Batch Number");
            Row r = row(sheet, 1, "8815700000000001", "ORD-1001");
            r.createCell(2).setCellValue(LocalDateTime.of(2026, 7, 14, 10, 0));
            r.getCell(2).setCellStyle(date);
            r.createCell(3).setCellValue("CEST");
            r.createCell(4).setCellValue("Settled");
            r.createCell(5).setCellValue("EUR");
            r.createCell(7).setCellValue(97.2);
            r.createCell(8).setCellValue(2.3);
            r.createCell(9).setCellValue(0.5);
            r.createCell(10).setCellValue(42);
            Row p = row(sheet, 3, "", "", "2026-11-04 05:00:00", "CET", "MerchantPayout", "EUR");
            p.createCell(6).setCellValue(97.2);
            p.createCell(10).setCellValue(42);
            wb.write(out);
        }

        SettlementFile read = SettlementReader.read(file, null, null, ReadProgress.NONE);

        assertThat(read.layout()).isEqualTo("adyen");
        assertThat(read.lines()).extracting(Settlement.Line::lineNumber, Settlement.Line::kind,
                        Settlement.Line::batchReference, Settlement.Line::gross, Settlement.Line::fee,
                        Settlement.Line::net, Settlement.Line::bookedAt)
                .containsExactly(
                        tuple(2, LineKind.CAPTURE, "42", 10000L, 280L, 9720L, Instant.parse("2026-07-14T08:00:00Z")),
                        tuple(4, LineKind.PAYOUT, "42", -9720L, 0L, -9720L, Instant.parse("2026-11-04T04:00:00Z")));
        assertThat(read.lines().get(0).raw()).isEqualTo("8815700000000001,ORD-1001,2026-07-14 10:00:00,CEST,Settled,"
                + "EUR,,97.2,2.3,0.5,42");
        assertThat(read.preview().totals()).containsExactly(new Settlement.Totals("EUR", 10000, 280, 9720));
        assertThat(read.preview().payouts()).containsExactly(new Settlement.Payout("EUR", 9720));
    }

    @Test
    void aStripeWorkbookWithNumbersJapaneseYenAndADateCell() throws Exception {
        Path file = dir.resolve("stripe.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("balance");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            row(sheet, 0, "balance_transaction_id", "created_utc", "currency", "gross", "fee", "net", "reporting_category");
            Row r = row(sheet, 1, "txn_1");
            r.createCell(1).setCellValue(LocalDateTime.of(2026, 12, 5, 10, 15));
            r.getCell(1).setCellStyle(date);
            r.createCell(2).setCellValue("jpy");
            r.createCell(3).setCellValue(1000);
            r.createCell(4).setCellValue(36);
            r.createCell(5).setCellValue(964);
            r.createCell(6).setCellValue("charge");
            Row bad = row(sheet, 2, "txn_2", "2026-12-05 11:00:00", "usd");
            bad.createCell(3).setCellValue(10.005); // more decimals than a dollar has
            bad.createCell(4).setCellValue(0);
            bad.createCell(5).setCellValue(10.005);
            bad.createCell(6).setCellValue("charge");
            wb.write(out);
        }

        assertThatThrownBy(() -> SettlementReader.read(file, null, null, ReadProgress.NONE))
                .isInstanceOf(SettlementFormatException.class)
                .hasMessage("line 3, column \"gross\": expected an amount like 12.34 USD, found \"10.005\"");
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(file)); OutputStream out = Files.newOutputStream(dir.resolve("ok.xlsx"))) {
            wb.getSheetAt(0).removeRow(wb.getSheetAt(0).getRow(2));
            wb.write(out);
        }
        SettlementFile read = SettlementReader.read(dir.resolve("ok.xlsx"), SettlementLayout.STRIPE, null, ReadProgress.NONE);
        assertThat(read.lines()).extracting(Settlement.Line::currency, Settlement.Line::gross, Settlement.Line::fee,
                        Settlement.Line::bookedAt)
                .containsExactly(tuple("JPY", 1000L, 36L, Instant.parse("2026-12-05T10:15:00Z")));
    }

    private static Row row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            if (!values[i].isEmpty()) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
        return row;
    }
}
