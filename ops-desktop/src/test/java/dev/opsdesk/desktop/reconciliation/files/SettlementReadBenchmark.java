package dev.opsdesk.desktop.reconciliation.files;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: times a bare FastCSV read of a 1,000,000-line Adyen settlement file against our full read and
 * normalisation (streaming, preview only), side by side, several rounds, and prints peak heap. Run with
 * {@code -Xmx256m} to show the read fits in it. Usage: {@code SettlementReadBenchmark [lines=1000000] [rounds=5]}.
 */
public final class SettlementReadBenchmark {

    private SettlementReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("settlement-bench");
        Path file = dir.resolve("settlement_detail_report_batch_1.csv");
        try {
            generate(file, lines);
            System.out.printf("file: %,d lines, %,d bytes; max heap %d MB; %s%n", lines, Files.size(file),
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.version"));
            System.out.println("round  bare FastCSV ms  ours ms  ratio");
            double bestBare = Double.MAX_VALUE;
            double bestOurs = Double.MAX_VALUE;
            for (int r = 1; r <= rounds; r++) {
                long t0 = System.nanoTime();
                long touched = bare(file);
                long t1 = System.nanoTime();
                SettlementPreview preview = SettlementReader.preview(file, null, null, ReadProgress.NONE);
                long t2 = System.nanoTime();
                double bare = (t1 - t0) / 1e6;
                double ours = (t2 - t1) / 1e6;
                bestBare = Math.min(bestBare, bare);
                bestOurs = Math.min(bestOurs, ours);
                System.out.printf("%5d  %15.0f  %7.0f  %5.2f   (%d chars touched, %d lines, %s)%n", r, bare, ours,
                        ours / bare, touched, preview.lines(), preview.totals());
            }
            System.out.printf("best: bare %.0f ms, ours %.0f ms, ratio %.2f; peak heap %d MB%n", bestBare, bestOurs,
                    bestOurs / bestBare, peakHeap() >> 20);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** The baseline: FastCSV reads every record and every field is touched, nothing more. */
    static long bare(Path file) throws IOException {
        long chars = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord record : reader) {
                for (int i = 0; i < record.getFieldCount(); i++) {
                    chars += record.getField(i).length();
                }
            }
        }
        return chars;
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** A settlement details report: payments, refunds, chargebacks and fees in batches of 1000, each with its payout. */
    static void generate(Path file, int lines) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Creation Date,"
                    + "TimeZone,Type,Modification Reference,Gross Currency,Gross Debit (GC),Gross Credit (GC),"
                    + "Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Markup (NC),"
                    + "Scheme Fees (NC),Interchange (NC),Payment Method Variant,Modification Merchant Reference,"
                    + "Batch Number,Reserved4,Reserved5,Reserved6,Reserved7,Reserved8,Reserved9,Reserved10\n");
            long batchNet = 0;
            int batch = 1;
            for (int i = 1; i < lines; i++) {
                String currency = i % 10 == 0 ? "USD" : "EUR";
                String when = String.format("2026-%02d-%02d %02d:%02d:%02d", 1 + i % 12, 1 + i % 28, i % 24, i % 60,
                        (i * 7) % 60);
                String zone = (1 + i % 12) >= 4 && (1 + i % 12) <= 10 ? "CEST" : "CET";
                if (i % 1000 == 0) {
                    w.write("OpsDeskShop,OpsDeskShopEU,,,," + when + "," + zone + ",MerchantPayout,payout " + batch
                            + ",,,,,EUR," + money(batchNet) + ",,,,,,,," + batch + ",,,,,,,\n");
                    batchNet = 0;
                    batch++;
                    continue;
                }
                long gross = 1000 + (i * 37L) % 90000;
                long fee = 25 + gross / 50;
                boolean refund = i % 17 == 0;
                String psp = String.format("88157%011d", i);
                String grossCols = refund ? money(gross) + "," : "," + money(gross);
                String netCols = refund ? money(gross + fee) + "," : "," + money(gross - fee);
                if (currency.equals("EUR")) {
                    batchNet += refund ? -(gross + fee) : gross - fee;
                }
                w.write("OpsDeskShop,OpsDeskShopEU," + psp + ",ORD-" + i + ",visa," + when + "," + zone + ","
                        + (refund ? "Refunded" : "Settled") + ",MOD" + i + "," + currency + "," + grossCols + ",1,"
                        + currency + "," + netCols + "," + money(fee / 2) + "," + money(fee - fee / 2 - 5) + ",0.03,0.02,"
                        + "visacredit,,"
                        + batch + ",,,,,,,\n");
            }
        }
    }

    private static String money(long minor) {
        return (minor / 100) + "." + String.format("%02d", minor % 100);
    }
}
