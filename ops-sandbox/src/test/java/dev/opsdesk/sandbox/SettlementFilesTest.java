package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.ReconHttp.Line;
import dev.opsdesk.sandbox.db.tables.records.PaymentRecord;
import dev.opsdesk.sandbox.reconciliation.Provider;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sandbox's own settlement files, read back the way a finance person's spreadsheet would see them (plain
 * splitting here, not the desktop's reader, so that the two check each other): each provider's documented layout
 * (src-docs/settlement-files.md), a payout that nets its batch, the same bytes for the same date, the planted faults,
 * and a round trip — the Adyen file imported and matched raises exactly the planted questions.
 */
class SettlementFilesTest {

    private final SandboxServer server = TestSandboxes.shared();
    private final ReconHttp recon = new ReconHttp(server, "finance");

    /** One line of a file, normalised by the test: minor units, signed as the provider's balance sees it. */
    private record Row(int lineNumber, String kind, String reference, String order, String batch, String currency,
                       long gross, long fee, Instant booked) {
        long net() {
            return gross - fee;
        }
    }

    /**
     * The settlement date whose capture day (in the provider's zone) has the most captures of the seed, among days
     * whose settlement is overdue by now and that follow a day with captures, so that every fault is planted and the
     * missing payment is an exception.
     */
    private LocalDate busyDate(Provider provider) {
        Map<LocalDate, Integer> perDay = new HashMap<>();
        LocalDate today = LocalDate.ofInstant(server.options().clock().instant(), provider.zone());
        for (var captured : server.dsl().select(PAYMENT.CAPTURED_AT).from(PAYMENT)
                .where(PAYMENT.PROVIDER.eq(provider.dbName())).and(PAYMENT.CAPTURED_AT.isNotNull())
                .fetch(PAYMENT.CAPTURED_AT)) {
            LocalDate day = LocalDate.ofInstant(captured.toInstant(), provider.zone());
            if (day.plusDays(provider.settlementDelayDays() + 1L).isBefore(today)) {
                perDay.merge(day, 1, Integer::sum);
            }
        }
        // The day before must have captures too, for the late settlement.
        LocalDate best = perDay.entrySet().stream().filter(e -> perDay.containsKey(e.getKey().minusDays(1))).max(Map.Entry.<LocalDate, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        assertThat(perDay.get(best)).as("captures on %s", best).isGreaterThanOrEqualTo(8);
        return best.plusDays(provider.settlementDelayDays());
    }

    private Api.Response file(Provider provider, LocalDate date, String format) {
        Api.Response r = recon.api().get("/v1/reconciliation/settlement-files/" + provider.name() + "?date=" + date
                + "&format=" + format, recon.token());
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r;
    }

    private static List<List<String>> csv(String text) {
        assertThat(text).endsWith("\r\n");
        return Arrays.stream(text.split("\r\n")).map(line -> Arrays.stream(line.split(",", -1))
                .map(f -> f.length() > 1 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1)
                        : f).toList()).toList();
    }

    private static long minor(String major) {
        return major.isEmpty() ? 0 : new BigDecimal(major).movePointRight(2).longValueExact();
    }

    private static String orNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The file's lines as the matcher should get them, read per the provider's documented layout. */
    private static List<Row> rows(Provider provider, List<List<String>> records) {
        List<Row> rows = new ArrayList<>();
        switch (provider) {
            case STRIPE -> {
                DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
                for (int i = 1; i < records.size(); i++) {
                    List<String> r = records.get(i);
                    String kind = switch (r.get(9)) {
                        case "charge" -> "CAPTURE";
                        case "refund" -> "REFUND";
                        case "dispute" -> "CHARGEBACK";
                        case "fee" -> "FEE";
                        case "payout" -> "PAYOUT";
                        default -> throw new AssertionError("reporting_category " + r.get(9));
                    };
                    long gross = minor(r.get(6));
                    long fee = minor(r.get(7));
                    assertThat(minor(r.get(8))).as("net of row %d", i + 1).isEqualTo(gross - fee);
                    rows.add(new Row(i + 1, kind, orNull(kind.equals("PAYOUT") ? r.get(10) : r.get(14)),
                            orNull(r.get(17)), r.get(0), r.get(5).toUpperCase(Locale.ROOT), gross, fee,
                            LocalDateTime.parse(r.get(3), utc).toInstant(ZoneOffset.UTC)));
                }
            }
            case ADYEN -> {
                DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
                for (int i = 1; i < records.size(); i++) {
                    List<String> r = records.get(i);
                    String kind = switch (r.get(7)) {
                        case "Settled" -> "CAPTURE";
                        case "Refunded" -> "REFUND";
                        case "Chargeback" -> "CHARGEBACK";
                        case "Fee" -> "FEE";
                        case "MerchantPayout" -> "PAYOUT";
                        default -> throw new AssertionError("Type " + r.get(7));
                    };
                    assertThat(r.get(6)).isIn("CET", "CEST");
                    long gross = minor(r.get(11)) - minor(r.get(10));
                    long net = minor(r.get(15)) - minor(r.get(14));
                    long fee = minor(r.get(17)) + minor(r.get(18)) + minor(r.get(19));
                    assertThat(gross - fee).as("net of row %d", i + 1).isEqualTo(net);
                    rows.add(new Row(i + 1, kind, orNull(r.get(2)), orNull(r.get(3)), r.get(22), r.get(9), gross, fee,
                            LocalDateTime.parse(r.get(5), local).atZone(Provider.ADYEN.zone()).toInstant()));
                }
            }
            default -> {
                DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss Z", Locale.ROOT);
                for (int i = 0; i < records.size(); i++) {
                    List<String> r = records.get(i);
                    if (!r.get(0).equals("SB")) {
                        continue;
                    }
                    String kind = switch (r.get(5)) {
                        case "T0006" -> "CAPTURE";
                        case "T1107" -> "REFUND";
                        case "T1201" -> "CHARGEBACK";
                        case "T0106" -> "FEE";
                        case "T0400" -> "PAYOUT";
                        default -> throw new AssertionError("T-code " + r.get(5));
                    };
                    long gross = Long.parseLong(r.get(9)) * (r.get(8).equals("DR") ? -1 : 1);
                    long fee = Long.parseLong(r.get(12)) * (r.get(11).equals("DR") ? 1 : -1);
                    rows.add(new Row(i + 1, kind, orNull(r.get(1)), orNull(r.get(2)), null, r.get(10), gross, fee,
                            java.time.OffsetDateTime.parse(r.get(6), stamp).toInstant()));
                }
            }
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"STRIPE", "ADYEN", "PAYPAL"})
    void theFileHasTheDocumentedLayoutAndItsPayoutNetsTheBatch(Provider provider) {
        LocalDate date = busyDate(provider);
        Api.Response r = file(provider, date, "csv");
        assertThat(r.contentType()).startsWith("text/csv");
        List<List<String>> records = csv(r.body());
        switch (provider) {
            case STRIPE -> assertThat(records.get(0)).containsExactly("automatic_payout_id",
                    "automatic_payout_effective_at_utc", "balance_transaction_id", "created_utc", "available_on_utc",
                    "currency", "gross", "fee", "net", "reporting_category", "source_id", "description",
                    "customer_facing_amount", "customer_facing_currency", "payment_intent_id", "charge_id",
                    "payment_method_type", "payment_metadata[order_number]");
            case ADYEN -> assertThat(records.get(0)).containsExactly("Company Account", "Merchant Account",
                    "Psp Reference", "Merchant Reference", "Payment Method", "Creation Date", "TimeZone", "Type",
                    "Modification Reference", "Gross Currency", "Gross Debit (GC)", "Gross Credit (GC)",
                    "Exchange Rate", "Net Currency", "Net Debit (NC)", "Net Credit (NC)", "Commission (NC)",
                    "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)", "Payment Method Variant",
                    "Modification Merchant Reference", "Batch Number");
            default -> {
                // STL: report, file and section headers, column header, bodies, then the footers and counts in order.
                List<String> types = records.stream().map(rec -> rec.get(0)).toList();
                assertThat(types.subList(0, 4)).containsExactly("RH", "FH", "SH", "CH");
                List<String> tail = types.subList(types.lastIndexOf("SB") + 1, types.size());
                assertThat(tail.stream().distinct().toList()).containsExactly("SF", "SC", "RF", "RC", "FF");
                assertThat(types.subList(4, types.lastIndexOf("SB") + 1)).containsOnly("SB");
                long bodies = types.stream().filter("SB"::equals).count();
                assertThat(records.get(types.indexOf("SC")).get(1)).isEqualTo(String.valueOf(bodies));
                assertThat(records.get(types.indexOf("RC")).get(1)).isEqualTo(String.valueOf(bodies));
                assertThat(records.get(0).get(4)).isEqualTo("009");
            }
        }
        if (provider != Provider.PAYPAL) {
            int width = records.get(0).size();
            assertThat(records).allSatisfy(rec -> assertThat(rec).hasSize(width));
        }
        List<Row> rows = rows(provider, records);
        // (refunds only when the day has refunded payments: see theStripeFileCarriesThePlantedFaults)
        assertThat(rows).extracting(Row::kind).contains("CAPTURE", "CHARGEBACK", "FEE", "PAYOUT");
        // Per currency, one payout, and it is the net of every other line of that currency.
        Map<String, Long> net = new HashMap<>();
        Map<String, Long> payout = new HashMap<>();
        for (Row row : rows) {
            if (row.kind().equals("PAYOUT")) {
                assertThat(payout.put(row.currency(), -row.gross())).as("one payout per currency").isNull();
            } else {
                net.merge(row.currency(), row.net(), Long::sum);
            }
        }
        assertThat(payout).isEqualTo(net);
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"STRIPE", "ADYEN", "PAYPAL"})
    void theSameDateGivesTheSameFile(Provider provider) throws Exception {
        LocalDate date = busyDate(provider);
        assertThat(file(provider, date, "csv").body()).isEqualTo(file(provider, date, "csv").body());
        byte[] first = xlsx(provider, date);
        Thread.sleep(2100); // a zip entry's time has a resolution of two seconds
        byte[] second = xlsx(provider, date);
        assertThat(second).isEqualTo(first);
        // And the workbook holds the CSV's rows, cell for cell.
        List<List<String>> records = csv(file(provider, date, "csv").body());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(first))) {
            var sheet = book.getSheetAt(0);
            DataFormatter cells = new DataFormatter(Locale.ROOT);
            assertThat(sheet.getLastRowNum() + 1).isEqualTo(records.size());
            for (int i = 0; i < records.size(); i++) {
                List<String> fromSheet = new ArrayList<>();
                for (int c = 0; c < records.get(i).size(); c++) {
                    fromSheet.add(cells.formatCellValue(sheet.getRow(i).getCell(c)));
                }
                assertThat(fromSheet).as("row %d", i + 1).isEqualTo(records.get(i));
            }
        }
    }

    private byte[] xlsx(Provider provider, LocalDate date) throws Exception {
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.baseUri().resolve("/v1/reconciliation/settlement-files/"
                        + provider.name() + "?date=" + date + "&format=xlsx"))
                        .header("Authorization", "Bearer " + recon.token()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");
        return r.body();
    }

    /** The faults settlement-files.md promises, found in the Stripe file against the platform's payments. */
    @Test
    void theStripeFileCarriesThePlantedFaults() {
        Provider provider = Provider.STRIPE;
        LocalDate date = busyDate(provider);
        LocalDate captureDay = date.minusDays(provider.settlementDelayDays());
        List<Row> rows = rows(provider, csv(file(provider, date, "csv").body()));
        Map<String, PaymentRecord> ofDay = new HashMap<>();
        server.dsl().selectFrom(PAYMENT).where(PAYMENT.PROVIDER.eq("stripe")).and(PAYMENT.CAPTURED_AT.isNotNull())
                .fetch().forEach(p -> {
                    if (LocalDate.ofInstant(p.getCapturedAt().toInstant(), ZoneOffset.UTC).equals(captureDay)) {
                        ofDay.put(p.getReference(), p);
                    }
                });
        List<Row> captures = rows.stream().filter(r -> r.kind().equals("CAPTURE")).toList();
        Set<String> reported = captures.stream().map(Row::reference).collect(Collectors.toSet());
        assertThat(ofDay.keySet().stream().filter(ref -> !reported.contains(ref))).as("missing payment").hasSize(1);
        Map<String, Long> times = captures.stream().collect(Collectors.groupingBy(Row::reference,
                Collectors.counting()));
        assertThat(times.values().stream().filter(n -> n == 2)).as("duplicate line").hasSize(1);
        List<Row> ours = captures.stream().filter(r -> ofDay.containsKey(r.reference())).toList();
        assertThat(ours.stream().filter(r -> r.currency().equals(ofDay.get(r.reference()).getCurrency())
                && r.gross() == ofDay.get(r.reference()).getAmountMinor() - 1)).as("a cent off").hasSize(1);
        assertThat(ours.stream().filter(r -> !r.currency().equals(ofDay.get(r.reference()).getCurrency())))
                .as("foreign currency").hasSize(1);
        assertThat(ours.stream().filter(r -> r.currency().equals(ofDay.get(r.reference()).getCurrency())
                && r.fee() - provider.schedule(r.currency()).orElseThrow().feeFor(r.gross())
                > provider.schedule(r.currency()).orElseThrow().toleranceMinor())).as("fee above schedule").hasSize(1);
        assertThat(captures.stream().filter(r -> !ofDay.containsKey(r.reference())).map(r -> LocalDate.ofInstant(
                r.booked(), ZoneOffset.UTC))).as("late settlement").containsExactly(captureDay.minusDays(1));
        assertThat(rows.stream().filter(r -> r.kind().equals("CHARGEBACK"))).as("chargeback").hasSize(1)
                .allSatisfy(r -> assertThat(r.fee()).isEqualTo(1500));
        Set<String> refunded = ofDay.values().stream().filter(p -> p.getState().equals("REFUNDED"))
                .map(PaymentRecord::getReference).collect(Collectors.toSet());
        assertThat(rows.stream().filter(r -> r.kind().equals("REFUND")).map(Row::reference)
                .collect(Collectors.toSet())).as("refunds").isEqualTo(refunded.stream()
                .filter(reported::contains).collect(Collectors.toSet()));
    }

    /** Imported as the desktop would (lines derived from the file here) and matched: the planted questions come up. */
    @Test
    void theAdyenFileImportedAndMatchedRaisesThePlantedExceptions() {
        Provider provider = Provider.ADYEN;
        LocalDate date = busyDate(provider);
        LocalDate captureDay = date.minusDays(provider.settlementDelayDays());
        Api.Response file = file(provider, date, "csv");
        List<Line> lines = rows(provider, csv(file.body())).stream().map(r -> new Line(r.kind(), r.reference(),
                r.order(), r.batch(), r.currency(), r.gross(), r.fee(), r.booked())).toList();
        String runId = recon.upload("ADYEN", captureDay, captureDay, lines, "\"allowDuplicateFile\":true",
                file.body().getBytes(StandardCharsets.UTF_8));
        JsonNode run = recon.match(runId, null);
        Set<String> categories = new HashSet<>();
        recon.exceptions(runId).forEach(x -> categories.add(x.get("category").asText()));
        assertThat(categories).contains("MISSING_IN_SETTLEMENT", "AMOUNT_MISMATCH", "FEE_VARIANCE",
                "DUPLICATE_REFERENCE", "CURRENCY_MISMATCH").doesNotContain("PAYOUT_TOTAL_MISMATCH");
        Set<String> rules = new HashSet<>();
        recon.matches(runId).forEach(m -> rules.add(m.get("rule").asText()));
        assertThat(rules).contains("PROVIDER_REFERENCE", "REVERSAL");
        run.at("/summary/payouts").forEach(p -> assertThat(p.get("difference").asLong()).isZero());
    }
}
