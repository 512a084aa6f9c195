package dev.opsdesk.desktop.inventory.count;

import dev.opsdesk.client.model.StockCount;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The client's share of importing a 20,000-row scanner file (target ≤ 1 s): reading it (CSV and XLSX) and turning it
 * into the batch the outbox writes to disk before sending. The server's time is not in it. Prints the median of 7
 * runs after 3 warm-up runs. See src-docs/benchmarks.md, "Issue 12 — scanner file".
 */
public final class ScannerFileBenchmark {

    private static final int ROWS = 20_000;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("scanner-bench");
        Path csv = dir.resolve("scan.csv");
        try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("\uFEFFEAN;Menge\r\n");
            for (int i = 0; i < ROWS; i++) {
                out.write((4006381000000L + i % 5000) + ";" + (i % 17) + "\r\n");
            }
        }
        Path xlsx = dir.resolve("scan.xlsx");
        try (SXSSFWorkbook wb = new SXSSFWorkbook(500); OutputStream out = Files.newOutputStream(xlsx)) {
            var sheet = wb.createSheet("Scans");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("Barcode");
            header.createCell(1).setCellValue("Qty");
            for (int i = 0; i < ROWS; i++) {
                var row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(4006381000000d + i % 5000);
                row.createCell(1).setCellValue(i % 17);
            }
            wb.write(out);
        }
        System.out.printf("%d rows: CSV %d KiB, XLSX %d KiB%n", ROWS, Files.size(csv) / 1024, Files.size(xlsx) / 1024);
        for (Path file : List.of(csv, xlsx)) {
            long[] readMs = new long[7];
            long[] totalMs = new long[7];
            for (int run = -3; run < 7; run++) {
                long t0 = System.nanoTime();
                ScannerFile.Result read = ScannerFile.read(file);
                long t1 = System.nanoTime();
                List<StockCount.EntryInput> entries = read.rows().stream().map(r -> new StockCount.EntryInput(
                        r.code(), r.quantity(), StockCount.Source.SCANNER_FILE, r.line())).toList();
                CountOutbox box = CountOutbox.of(dir, "C-bench" + run + 3);
                box.add(new CountOutbox.Batch(UUID.randomUUID().toString(), read.fileName(), read.codeColumn(),
                        read.quantityColumn(), entries));
                box.save();
                long t2 = System.nanoTime();
                if (read.rows().size() != ROWS) {
                    throw new AssertionError(read.rows().size() + " rows");
                }
                if (run >= 0) {
                    readMs[run] = (t1 - t0) / 1_000_000;
                    totalMs[run] = (t2 - t0) / 1_000_000;
                }
            }
            Arrays.sort(readMs);
            Arrays.sort(totalMs);
            System.out.printf("%-9s read %4d ms, read + outbox written %4d ms (median of 7)%n",
                    file.getFileName(), readMs[3], totalMs[3]);
        }
    }
}
