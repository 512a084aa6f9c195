package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.desktop.reconciliation.files.ReadProgress;
import dev.opsdesk.desktop.reconciliation.files.SettlementFile;
import dev.opsdesk.desktop.reconciliation.files.SettlementReader;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Import of a 100,000-line Adyen settlement report end to end, as New run does it: read and check the file, declare
 * the run, upload the lines and the file, match, and load the first screen of exceptions. Against an in-process
 * sandbox over real HTTP. Not a test: run {@link #main} and read the figures (see src-docs/benchmarks.md).
 */
public final class SettlementImportBenchmark {

    private SettlementImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("opsdesk-import-bench");
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0));
             OpsClient client = OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).build())) {
            client.sessions().signIn("finance", "sandbox".toCharArray());
            System.out.printf("%,d lines per file, %d rounds, %d cores, heap max %d MB%n", lines, rounds,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            for (int round = 1; round <= rounds; round++) {
                Path file = dir.resolve("adyen-" + round + ".csv");
                generate(file, lines, round, LocalDate.now(ZoneOffset.UTC).minusDays(1));
                long t0 = System.nanoTime();
                SettlementFile parsed = SettlementReader.read(file, null, null, ReadProgress.NONE);
                long t1 = System.nanoTime();
                StringBuilder stages = new StringBuilder();
                long[] last = {System.nanoTime()};
                Reconciliation.Run run = new SettlementImport(client).run(file, parsed, false, "finance",
                        (done, total) -> { }, () -> false, stage -> {
                            long now = System.nanoTime();
                            stages.append(String.format(" [%,d ms] %s", ms(now - last[0]), stage));
                            last[0] = now;
                        });
                stages.append(String.format(" [%,d ms]", ms(System.nanoTime() - last[0])));
                System.out.println("  stages:" + stages);
                long t2 = System.nanoTime();
                var first = client.reconciliation().exceptions(run.id(), null, Reconciliation.ExceptionStatus.OPEN,
                        null, PageRequest.first(100));
                long t3 = System.nanoTime();
                System.out.printf("round %d: read %,d ms · create+upload+match %,d ms · first screen %,d ms"
                                + " · total %,d ms (%,d exceptions, %,d matched, first page %d rows)%n", round,
                        ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0), run.summary().openExceptions(),
                        run.summary().matchedLines(), first.items().size());
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** An Adyen settlement details report of one day: captures and refunds in batches of 1,000 with their payouts. */
    public static void generate(Path file, int lines, int seed, LocalDate day) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Creation Date,"
                    + "TimeZone,Type,Modification Reference,Gross Currency,Gross Debit (GC),Gross Credit (GC),"
                    + "Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Markup (NC),"
                    + "Scheme Fees (NC),Interchange (NC),Payment Method Variant,Modification Merchant Reference,"
                    + "Batch Number\n");
            long batchNet = 0;
            int batch = 1;
            for (int i = 1; i < lines; i++) {
                String when = day + String.format(" %02d:%02d:%02d", 8 + i % 12, i % 60, (i * 7) % 60);
                if (i % 1000 == 0) {
                    w.write("OpsDeskShop,OpsDeskShopEU,,,," + when + ",CET,MerchantPayout,payout " + batch
                            + ",,,,,EUR," + money(batchNet) + ",,,,,,,," + batch + "\n");
                    batchNet = 0;
                    batch++;
                    continue;
                }
                long gross = 1000 + (i * 37L) % 90000;
                long fee = 11 + gross * 6 / 1000;
                boolean refund = i % 17 == 0;
                String psp = String.format("%02d%014d", seed, i);
                batchNet += refund ? -(gross + fee) : gross - fee;
                w.write("OpsDeskShop,OpsDeskShopEU," + psp + ",ORD-9" + seed + i + ",visa," + when + ",CET,"
                        + (refund ? "Refunded" : "Settled") + ",MOD" + i + ",EUR,"
                        + (refund ? money(gross) + "," : "," + money(gross)) + ",1,EUR,"
                        + (refund ? money(gross + fee) + "," : "," + money(gross - fee)) + ","
                        + money(fee - 2) + ",0.01,0.01,0.00,visacredit,," + batch + "\n");
            }
        }
    }

    private static String money(long minor) {
        return (minor < 0 ? "-" : "") + (Math.abs(minor) / 100) + "." + String.format("%02d", Math.abs(minor) % 100);
    }
}
