package dev.opsdesk.desktop.export.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.EnumLabels;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.ExportProgress;
import dev.opsdesk.desktop.export.ExportRequest;
import dev.opsdesk.desktop.export.ExportResult;
import dev.opsdesk.desktop.export.Exporter;
import dev.opsdesk.desktop.export.RowSource;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 1,000,000 synthetic rows x 12 typed columns through the engine (CSV both profiles, XLSX), beside
 * bare FastCSV loops (one per CSV profile) and a bare SXSSF loop writing the same content with the
 * same settings and the same value conversions (the floor). The bare loops do none of the engine's
 * work: no column model, no formula neutralisation, no cell limit, no temp file and atomic move. Prints seconds, file sizes and peak heap (the largest heap in use after a GC, i.e. the
 * live set, and the largest sampled use). Run with {@code -Xmx256m}; see src-docs/exports.md.
 *
 * <p>Arguments: {@code [rows] [output folder] [repeats]}, default 1000000, a temp folder, 2.
 */
public final class ExportBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final String[] QUEUES = {"PAYMENT_CALLBACK", "INVENTORY_SYNC", "FULFILLMENT_EXPORT"};
    private static final String[] STATUSES = {"OPEN", "REPLAYING", "RESOLVED", "DISMISSED", "DEAD"};
    private static final String[] REASONS = {"SIGNATURE_INVALID", "ORDER_NOT_FOUND", "AMOUNT_MISMATCH",
            "DOWNSTREAM_TIMEOUT", "ERP_REJECTED", "UNKNOWN_SKU"};
    private static final String[] PROVIDERS = {"stripe", "adyen", "paypal"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "USD", "GBP", "CHF", "JPY"};
    private static final String[] MESSAGES = {
            "Signature did not verify with the current secret (v1)",
            "Order ORD-100123 not found when the callback arrived",
            "Amount 42.50 EUR does not match the order total 45.00 EUR",
            "ERP answered 504 after 30 s; the shipment was not exported",
            "Unknown SKU in the stock update: \"SKU-9\", warehouse WH-2",
            "-1 units reported by WMS; stock cannot go below zero",
            "Timeout talking to the payment provider, will retry",
            "=cmd|' /C calc'!A0 (payload field note)"};
    private static final Map<String, String> LABELS = new HashMap<>();

    static {
        for (String[] codes : List.of(QUEUES, STATUSES, REASONS)) {
            for (String c : codes) {
                LABELS.put(c, EnumLabels.humanize(c));
            }
        }
    }

    record BenchRow(String id, String queue, String status, String reason, String provider, String orderNumber,
                    String paymentReference, Money amount, Instant firstSeenAt, Instant lastAttemptAt, int attempts,
                    String message) {
    }

    static final List<Column<BenchRow>> COLUMNS = List.of(
            Column.text("id", "ID", BenchRow::id),
            Column.enumerated("queue", "Queue", BenchRow::queue, EnumLabels.of(LABELS)),
            Column.enumerated("status", "Status", BenchRow::status, EnumLabels.of(LABELS)),
            Column.enumerated("reason", "Reason", BenchRow::reason, EnumLabels.of(LABELS)),
            Column.text("provider", "Provider", BenchRow::provider),
            Column.text("orderNumber", "Order number", BenchRow::orderNumber),
            Column.text("paymentReference", "Payment reference", BenchRow::paymentReference),
            Column.money("amount", "Amount", BenchRow::amount),
            Column.dateTime("firstSeenAt", "First seen", BenchRow::firstSeenAt),
            Column.dateTime("lastAttemptAt", "Last attempt", BenchRow::lastAttemptAt),
            Column.integer("attempts", "Attempts", BenchRow::attempts),
            Column.text("message", "Message", BenchRow::message));

    /** Row i, made on the fly: the benchmark never holds the rows (the heap is capped). */
    static BenchRow row(long i) {
        long base = 1_780_000_000L;
        int h = (int) (i * 2_654_435_761L >>> 7);
        return new BenchRow("F-" + (1_000_000 + i), QUEUES[(int) (i % 3)], STATUSES[(int) (i % 5)],
                REASONS[(int) (i % 6)], PROVIDERS[(int) (i % 3)], "ORD-" + (100_000 + i),
                "pi_" + Integer.toHexString(h), new Money((h % 200_000) - 20_000, CURRENCIES[(int) (i % 6)]),
                Instant.ofEpochSecond(base + i * 7), Instant.ofEpochSecond(base + i * 7 + 3600, (i % 1000) * 1_000_000L),
                (int) (i % 7), MESSAGES[(int) (i % MESSAGES.length)]);
    }

    static Iterable<BenchRow> rows(long n) {
        return () -> new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public BenchRow next() {
                return row(i++);
            }
        };
    }

    // --- the floor: what a developer writes by hand, with the same conversions and settings --------

    static void bareFastCsv(long n, Path file) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            try (CsvWriter csv = CsvWriter.builder().fieldSeparator(';').lineDelimiter(LineDelimiter.CRLF)
                    .build(out, StandardCharsets.UTF_8)) {
                csv.writeRecord("ID", "Queue", "Status", "Reason", "Provider", "Order number", "Payment reference",
                        "Amount", "Amount currency", "First seen (Europe/Berlin)", "Last attempt (Europe/Berlin)",
                        "Attempts", "Message");
                for (BenchRow r : rows(n)) {
                    csv.writeRecord().writeField(r.id()).writeField(LABELS.get(r.queue())).writeField(LABELS.get(r.status()))
                            .writeField(LABELS.get(r.reason())).writeField(r.provider()).writeField(r.orderNumber())
                            .writeField(r.paymentReference())
                            .writeField(major(r.amount()).toPlainString().replace('.', ','))
                            .writeField(r.amount().currency())
                            .writeField(dateTime(r.firstSeenAt())).writeField(dateTime(r.lastAttemptAt()))
                            .writeField(Integer.toString(r.attempts())).writeField(r.message())
                            .endRecord();
                }
            }
        }
    }

    /** The standard profile's content (comma, dot, ISO 8601 with offset, no BOM), by hand. */
    static void bareFastCsvStandard(long n, Path file) throws Exception {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out, StandardCharsets.UTF_8)) {
            csv.writeRecord("ID", "Queue", "Status", "Reason", "Provider", "Order number", "Payment reference",
                    "Amount", "Amount currency", "First seen (Europe/Berlin)", "Last attempt (Europe/Berlin)",
                    "Attempts", "Message");
            for (BenchRow r : rows(n)) {
                csv.writeRecord().writeField(r.id()).writeField(LABELS.get(r.queue())).writeField(LABELS.get(r.status()))
                        .writeField(LABELS.get(r.reason())).writeField(r.provider()).writeField(r.orderNumber())
                        .writeField(r.paymentReference())
                        .writeField(major(r.amount()).toPlainString())
                        .writeField(r.amount().currency())
                        .writeField(isoDateTime(r.firstSeenAt())).writeField(isoDateTime(r.lastAttemptAt()))
                        .writeField(Integer.toString(r.attempts())).writeField(r.message())
                        .endRecord();
            }
        }
    }

    private static String isoDateTime(Instant t) {
        StringBuilder b = new StringBuilder(35).append(dateTime(t));
        b.setCharAt(10, 'T');
        int nano = t.getNano();
        if (nano != 0) {
            String digits = Integer.toString(nano + 1_000_000_000).substring(1);
            b.append('.').append(digits, 0, nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9);
        }
        return b.append(ZONE.getRules().getOffset(t).getId()).toString();
    }

    static void bareSxssf(long n, Path file) throws Exception {
        SXSSFWorkbook wb = new SXSSFWorkbook(null, 100, true, false);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            SXSSFSheet sheet = wb.createSheet("Failures");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            Map<String, CellStyle> money = new HashMap<>();
            Row header = sheet.createRow(0);
            String[] headers = {"ID", "Queue", "Status", "Reason", "Provider", "Order number", "Payment reference",
                    "Amount", "First seen (Europe/Berlin)", "Last attempt (Europe/Berlin)", "Attempts", "Message"};
            for (int i = 0; i < headers.length; i++) {
                header.createCell(i).setCellValue(headers[i]);
            }
            int rowNum = 1;
            for (BenchRow r : rows(n)) {
                Row x = sheet.createRow(rowNum++);
                x.createCell(0).setCellValue(r.id());
                x.createCell(1).setCellValue(LABELS.get(r.queue()));
                x.createCell(2).setCellValue(LABELS.get(r.status()));
                x.createCell(3).setCellValue(LABELS.get(r.reason()));
                x.createCell(4).setCellValue(r.provider());
                x.createCell(5).setCellValue(r.orderNumber());
                x.createCell(6).setCellValue(r.paymentReference());
                var amount = x.createCell(7);
                amount.setCellValue(major(r.amount()).doubleValue());
                amount.setCellStyle(money.computeIfAbsent(r.amount().currency(), c -> {
                    CellStyle s = wb.createCellStyle();
                    s.setDataFormat(wb.createDataFormat().getFormat("#,##0.00 \"" + c + "\""));
                    return s;
                }));
                var first = x.createCell(8);
                first.setCellValue(DateUtil.getExcelDate(local(r.firstSeenAt()), false));
                first.setCellStyle(date);
                var last = x.createCell(9);
                last.setCellValue(DateUtil.getExcelDate(local(r.lastAttemptAt()), false));
                last.setCellStyle(date);
                x.createCell(10).setCellValue(r.attempts());
                x.createCell(11).setCellValue(r.message());
            }
            wb.write(out);
        } finally {
            wb.close(); // also deletes the temp files (POI >= 5.3)
        }
    }

    private static BigDecimal major(Money m) {
        return BigDecimal.valueOf(m.amountMinor(), m.currency().equals("JPY") ? 0 : 2);
    }

    private static LocalDateTime local(Instant t) {
        ZoneOffset offset = ZONE.getRules().getOffset(t);
        return LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), offset);
    }

    private static String dateTime(Instant t) {
        LocalDateTime l = local(t);
        char[] c = new char[19];
        put(c, 0, l.getYear() / 100);
        put(c, 2, l.getYear() % 100);
        c[4] = '-';
        put(c, 5, l.getMonthValue());
        c[7] = '-';
        put(c, 8, l.getDayOfMonth());
        c[10] = ' ';
        put(c, 11, l.getHour());
        c[13] = ':';
        put(c, 14, l.getMinute());
        c[16] = ':';
        put(c, 17, l.getSecond());
        return new String(c);
    }

    private static void put(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    // --- the engine -----------------------------------------------------------------------------

    static ExportResult engine(long n, Path file, ExportFormat format, CsvProfile profile) {
        ExportRequest<BenchRow> request = ExportRequest.builder(COLUMNS, RowSource.of(rows(n), OptionalLong.of(n)), format, file)
                .csvProfile(profile).locale(Locale.GERMANY).zone(ZONE).sheetName("Failures").build();
        return new Exporter().export(request, ExportProgress.NONE, () -> false);
    }

    // --- measuring ------------------------------------------------------------------------------

    /** Largest heap in use right after a GC (the live set), from GC notifications. */
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
    /** Largest heap in use, sampled every 5 ms (includes garbage not yet collected). */
    private static final AtomicLong MAX_SAMPLED = new AtomicLong();

    private static void watchHeap() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                MAX_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                MAX_SAMPLED.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    @FunctionalInterface
    interface Run {
        void run(long rows, Path file) throws Exception;
    }

    /** Wall-clock seconds, and CPU seconds of the exporting thread (steadier when other processes share the cores). */
    record Measured(String name, double seconds, double cpuSeconds, long bytes, long maxAfterGc, long maxSampled) {
    }

    private static Measured measure(String name, long n, Path file, Run run) throws Exception {
        Files.deleteIfExists(file);
        System.gc();
        Thread.sleep(200);
        MAX_AFTER_GC.set(0);
        MAX_SAMPLED.set(0);
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        run.run(n, file);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        Thread.sleep(50);
        return new Measured(name, seconds, cpu, Files.size(file), MAX_AFTER_GC.get(), MAX_SAMPLED.get());
    }

    private static void ratio(String what, Measured engine, Measured floor) {
        if (engine == null || floor == null) {
            return;
        }
        System.out.printf("%-28s wall %.2fx, cpu %.2fx (target <= 1.3x)%n", what, engine.seconds() / floor.seconds(),
                engine.cpuSeconds() / floor.cpuSeconds());
    }

    /** Every variant, in the order they are reported. */
    static Map<String, Run> variants() {
        Map<String, Run> runs = new java.util.LinkedHashMap<>();
        runs.put("bare FastCSV loop (;  ,  BOM)", ExportBenchmark::bareFastCsv);
        runs.put("engine CSV EXCEL (de-DE)", (rows, f) -> engine(rows, f, ExportFormat.CSV, CsvProfile.EXCEL));
        runs.put("bare FastCSV loop (,  .  ISO)", ExportBenchmark::bareFastCsvStandard);
        runs.put("engine CSV STANDARD", (rows, f) -> engine(rows, f, ExportFormat.CSV, CsvProfile.STANDARD));
        runs.put("bare SXSSF loop", ExportBenchmark::bareSxssf);
        runs.put("engine XLSX", (rows, f) -> engine(rows, f, ExportFormat.XLSX, CsvProfile.EXCEL));
        return runs;
    }

    /**
     * Each variant runs in a JVM of its own (with this JVM's options, e.g. -Xmx256m), as JMH forks
     * do: sharing one JVM lets the JIT's profile of one variant slow down the next.
     */
    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("export-bench");
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String child = System.getProperty("bench.child");
        if (child != null) {
            runChild(child, n, dir, repeats);
            return;
        }
        System.out.printf("Export benchmark: %,d rows x %d columns, heap max %d MB, Java %s, %d cores, output in %s%n",
                n, COLUMNS.size(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), dir);
        String only = System.getProperty("bench.only");
        Map<String, Measured> best = new java.util.LinkedHashMap<>();
        for (String name : variants().keySet()) {
            if (only != null && !name.contains(only)) {
                continue;
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-Dbench.child=" + name);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ExportBenchmark.class.getName(),
                    Long.toString(n), dir.toString(), Integer.toString(repeats)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("RESULT|")) {
                        String[] f = line.split("\\|");
                        Measured m = new Measured(f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]), Long.parseLong(f[4]),
                                Long.parseLong(f[5]), Long.parseLong(f[6]));
                        System.out.printf("  %-30s %7.2f s (cpu %6.2f s)  %,13d bytes  heap after GC max %4d MB, sampled max %4d MB%n",
                                m.name(), m.seconds(), m.cpuSeconds(), m.bytes(), m.maxAfterGc() >> 20, m.maxSampled() >> 20);
                        best.merge(name, m, (a, b) -> new Measured(a.name(), Math.min(a.seconds(), b.seconds()),
                                Math.min(a.cpuSeconds(), b.cpuSeconds()), a.bytes(), Math.max(a.maxAfterGc(), b.maxAfterGc()),
                                Math.max(a.maxSampled(), b.maxSampled())));
                    } else if (!line.startsWith("SLF4J")) {
                        System.out.println("  [" + name + "] " + line);
                    }
                }
            }
            if (process.waitFor() != 0) {
                System.out.println("  [" + name + "] failed with exit code " + process.exitValue());
            }
        }
        System.out.println();
        System.out.printf("%-30s %9s %9s %15s %14s %14s%n", "best of " + repeats, "seconds", "cpu s", "file bytes",
                "live heap MB", "sampled MB");
        for (Measured m : best.values()) {
            System.out.printf("%-30s %9.2f %9.2f %,15d %14d %14d%n", m.name(), m.seconds(), m.cpuSeconds(), m.bytes(),
                    m.maxAfterGc() >> 20, m.maxSampled() >> 20);
        }
        System.out.println();
        ratio("CSV EXCEL / bare FastCSV", best.get("engine CSV EXCEL (de-DE)"), best.get("bare FastCSV loop (;  ,  BOM)"));
        ratio("CSV STANDARD / bare FastCSV", best.get("engine CSV STANDARD"), best.get("bare FastCSV loop (,  .  ISO)"));
        ratio("XLSX / bare SXSSF", best.get("engine XLSX"), best.get("bare SXSSF loop"));
    }

    /** One variant in this JVM: two warm-up runs with a tenth of the rows, then {@code repeats} measured runs. */
    private static void runChild(String name, long n, Path dir, int repeats) throws Exception {
        Run run = variants().get(name);
        String ext = name.contains("SXSSF") || name.contains("XLSX") ? ".xlsx" : ".csv";
        Path file = dir.resolve(name.replaceAll("[^A-Za-z]+", "-") + ext);
        watchHeap();
        for (int i = 0; i < 2; i++) {
            run.run(Math.max(1, n / 10), file);
        }
        for (int r = 0; r < repeats; r++) {
            Measured m = measure(name, n, file, run);
            System.out.println("RESULT|" + name + "|" + m.seconds() + "|" + m.cpuSeconds() + "|" + m.bytes() + "|"
                    + m.maxAfterGc() + "|" + m.maxSampled());
        }
        Files.deleteIfExists(file);
    }
}
