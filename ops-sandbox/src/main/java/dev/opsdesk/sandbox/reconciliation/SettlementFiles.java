package dev.opsdesk.sandbox.reconciliation;

import static dev.opsdesk.sandbox.db.Tables.PAYMENT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jooq.DSLContext;

/**
 * The training sandbox's settlement reports: the provider's view of the sandbox's own payments settled on a date,
 * in that provider's published layout (see src-docs/settlement-files.md), with faults planted deterministically from
 * the date for a trainee to find. Each report is built as normalised lines first (what a reader should get back) and
 * then written out; the seed imports the normalised lines directly. Written without looking at the desktop's reader,
 * so that each checks the other.
 */
public final class SettlementFiles {

    public static final String CSV = "csv";
    public static final String XLSX = "xlsx";

    /** A report: its file name, media type, bytes, and the normalised lines a reader should get from it. */
    public record Report(String fileName, String contentType, byte[] content, List<ReconViews.SettlementLine> lines,
                         LocalDate captureDay) {
    }

    /** One entry before rendering. */
    private static final class Entry {
        String kind;
        MatchingEngine.Payment payment;
        String reference;
        String order;
        String currency;
        long gross;
        long fee;
        Instant booked;
        String batch;
        String description;
    }

    private final DSLContext dsl;

    public SettlementFiles(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Report generate(Provider provider, LocalDate date, String format) {
        ZoneId zone = provider.zone();
        LocalDate captureDay = date.minusDays(provider.settlementDelayDays());
        Random random = new Random(date.toEpochDay() * 31 + provider.ordinal());
        List<MatchingEngine.Payment> payments = payments(provider, captureDay.atStartOfDay(zone).toInstant(),
                captureDay.plusDays(1).atStartOfDay(zone).toInstant());
        List<MatchingEngine.Payment> earlier = payments(provider, captureDay.minusDays(1).atStartOfDay(zone)
                .toInstant(), captureDay.atStartOfDay(zone).toInstant());
        String batch = switch (provider) {
            case STRIPE -> "po_" + token(random, 24);
            case ADYEN -> String.valueOf(1000 + date.getDayOfYear());
            default -> "STL-" + date.format(DateTimeFormatter.BASIC_ISO_DATE);
        };
        Instant settledAt = date.atTime(6, 0).atZone(zone).toInstant();
        List<Entry> entries = new ArrayList<>();
        int n = payments.size();
        int missing = n >= 8 ? random.nextInt(n) : -1;
        int offByCent = n >= 8 ? pick(random, n, missing) : -1;
        int feeAbove = n >= 8 ? pick(random, n, missing, offByCent) : -1;
        int duplicate = n >= 8 ? pick(random, n, missing, offByCent, feeAbove) : -1;
        int foreign = n >= 8 ? pick(random, n, missing, offByCent, feeAbove, duplicate) : -1;
        int chargeback = n >= 8 ? pick(random, n, missing, offByCent, feeAbove, duplicate, foreign) : -1;
        for (int i = 0; i < n; i++) {
            MatchingEngine.Payment p = payments.get(i);
            if (i == missing) {
                continue;
            }
            Entry e = capture(provider, p, batch);
            if (i == offByCent) {
                e.gross -= 1;
            }
            if (i == feeAbove) {
                e.fee += provider.schedule(p.currency()).map(Provider.FeeSchedule::toleranceMinor).orElse(0L) + 7;
            }
            if (i == foreign) {
                e.currency = "EUR".equals(p.currency()) ? "USD" : "EUR";
                e.gross = p.amount() * 108 / 100;
                e.fee = provider.schedule(e.currency).map(s -> s.feeFor(e.gross)).orElse(0L);
            }
            entries.add(e);
            if (i == duplicate) {
                entries.add(capture(provider, p, batch));
            }
            if ("REFUNDED".equals(p.state())) {
                Entry r = new Entry();
                r.kind = "REFUND";
                r.payment = p;
                r.reference = p.reference();
                r.order = p.orderNumber();
                r.currency = p.currency();
                r.gross = -p.amount();
                r.booked = p.refundedAt() == null ? settledAt : p.refundedAt();
                r.batch = batch;
                r.description = "Refund for " + p.orderNumber();
                entries.add(r);
            }
            if (i == chargeback) {
                Entry c = new Entry();
                c.kind = "CHARGEBACK";
                c.payment = p;
                c.reference = p.reference();
                c.order = p.orderNumber();
                c.currency = p.currency();
                c.gross = -p.amount();
                c.fee = 1500;
                c.booked = settledAt.minusSeconds(3600);
                c.batch = batch;
                c.description = "Dispute: fraudulent";
                entries.add(c);
            }
        }
        if (!earlier.isEmpty() && n >= 8) {
            // A late settlement: a payment of the day before, paid out only now.
            entries.add(capture(provider, earlier.get(random.nextInt(earlier.size())), batch));
        }
        // Per currency: a fee line (the provider's own charges) and the payout of the batch, which nets it all.
        Map<String, Long> net = new LinkedHashMap<>();
        for (Entry e : entries) {
            net.merge(e.currency, e.gross - e.fee, Long::sum);
        }
        for (String currency : List.copyOf(net.keySet())) {
            if (n >= 8) {
                Entry f = new Entry();
                f.kind = "FEE";
                f.currency = currency;
                f.gross = -(99 + random.nextInt(400));
                f.booked = settledAt.minusSeconds(7200);
                f.batch = batch;
                f.description = provider == Provider.ADYEN ? "Scheme fees" : "Monthly account fee";
                entries.add(f);
                net.merge(currency, f.gross, Long::sum);
            }
        }
        for (Map.Entry<String, Long> e : net.entrySet()) {
            Entry payout = new Entry();
            payout.kind = "PAYOUT";
            payout.currency = e.getKey();
            payout.gross = -e.getValue();
            payout.booked = settledAt;
            payout.batch = batch;
            payout.reference = provider == Provider.STRIPE ? batch : null;
            payout.description = "Payout to bank account";
            entries.add(payout);
        }
        Rendered rendered = switch (provider) {
            case STRIPE -> stripe(entries, date);
            case ADYEN -> adyen(entries, zone);
            default -> paypal(entries, date, zone);
        };
        String base = switch (provider) {
            case STRIPE -> "payout_reconciliation_" + date;
            case ADYEN -> "settlement_detail_report_batch_" + batch;
            default -> "STL-" + date.format(DateTimeFormatter.BASIC_ISO_DATE) + ".01.009";
        };
        List<ReconViews.SettlementLine> lines = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            int row = rendered.rowOf().get(i);
            lines.add(new ReconViews.SettlementLine(row + 1, e.kind, e.reference, e.order, e.batch, e.currency,
                    e.gross, e.fee, e.gross - e.fee, e.booked, e.description, String.join(",",
                    rendered.rows().get(row))));
        }
        if (XLSX.equals(format)) {
            return new Report(base + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    xlsx(rendered.rows()), lines, captureDay);
        }
        StringBuilder csv = new StringBuilder();
        for (List<String> row : rendered.rows()) {
            csv.append(String.join(",", row)).append("\r\n");
        }
        return new Report(base + ".csv", "text/csv; charset=utf-8", csv.toString().getBytes(StandardCharsets.UTF_8),
                lines, captureDay);
    }

    private static Entry capture(Provider provider, MatchingEngine.Payment p, String batch) {
        Entry e = new Entry();
        e.kind = "CAPTURE";
        e.payment = p;
        e.reference = p.reference();
        e.order = p.orderNumber();
        e.currency = p.currency();
        e.gross = p.amount();
        e.fee = provider.schedule(p.currency()).map(s -> s.feeFor(p.amount())).orElse(0L);
        e.booked = p.capturedAt();
        e.batch = batch;
        e.description = "Payment for " + p.orderNumber();
        return e;
    }

    private List<MatchingEngine.Payment> payments(Provider provider, Instant from, Instant to) {
        return dsl.select(PAYMENT.REFERENCE, PAYMENT.ORDER_NUMBER, PAYMENT.AMOUNT_MINOR, PAYMENT.CURRENCY,
                        PAYMENT.STATE, PAYMENT.CREATED_AT, PAYMENT.CAPTURED_AT, PAYMENT.REFUNDED_AT)
                .from(PAYMENT).where(PAYMENT.PROVIDER.eq(provider.dbName()))
                .and(PAYMENT.CAPTURED_AT.ge(ReconRuns.utc(from))).and(PAYMENT.CAPTURED_AT.lt(ReconRuns.utc(to)))
                .orderBy(PAYMENT.CAPTURED_AT, PAYMENT.REFERENCE).fetch(Matcher::payment);
    }

    private static int pick(Random random, int n, int... taken) {
        while (true) {
            int i = random.nextInt(n);
            boolean free = true;
            for (int t : taken) {
                free &= t != i;
            }
            if (free) {
                return i;
            }
        }
    }

    private static String token(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** The rows of the file (header rows included) and, per entry, its row. */
    private record Rendered(List<List<String>> rows, List<Integer> rowOf) {
    }

    private static String major(long minor, String currency) {
        return BigDecimal.valueOf(minor, Money.digits(currency)).toPlainString();
    }

    private static String quoted(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static final List<String> STRIPE_HEADER = List.of("automatic_payout_id", "automatic_payout_effective_at_utc",
            "balance_transaction_id", "created_utc", "available_on_utc", "currency", "gross", "fee", "net",
            "reporting_category", "source_id", "description", "customer_facing_amount", "customer_facing_currency",
            "payment_intent_id", "charge_id", "payment_method_type", "payment_metadata[order_number]");

    /** Stripe's itemized payout reconciliation report: one row per balance transaction, major units, UTC. */
    private static Rendered stripe(List<Entry> entries, LocalDate date) {
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
        List<List<String>> rows = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        rows.add(STRIPE_HEADER);
        Random ids = new Random(date.toEpochDay());
        String effective = date.atStartOfDay(ZoneOffset.UTC).format(utc);
        for (Entry e : entries) {
            String category = switch (e.kind) {
                case "CAPTURE" -> "charge";
                case "REFUND" -> "refund";
                case "CHARGEBACK" -> "dispute";
                case "FEE" -> "fee";
                default -> "payout";
            };
            String source = switch (e.kind) {
                case "CAPTURE" -> "ch_" + token(ids, 24);
                case "REFUND" -> "re_" + token(ids, 24);
                case "CHARGEBACK" -> "dp_" + token(ids, 24);
                case "PAYOUT" -> e.batch;
                default -> "";
            };
            rowOf.add(rows.size());
            rows.add(List.of(e.batch, effective, "txn_" + token(ids, 24), utc.format(e.booked), effective, e.currency
                    .toLowerCase(Locale.ROOT), major(e.gross, e.currency), major(e.fee, e.currency),
                    major(e.gross - e.fee, e.currency), category, source, quoted(e.description),
                    e.payment == null ? "" : major(e.gross, e.currency),
                    e.payment == null ? "" : e.currency.toLowerCase(Locale.ROOT),
                    e.payment == null ? "" : e.reference, "CAPTURE".equals(e.kind) ? source : "",
                    e.payment == null ? "" : "card", e.order == null ? "" : e.order));
        }
        return new Rendered(rows, rowOf);
    }

    static final List<String> ADYEN_HEADER = List.of("Company Account", "Merchant Account", "Psp Reference",
            "Merchant Reference", "Payment Method", "Creation Date", "TimeZone", "Type", "Modification Reference",
            "Gross Currency", "Gross Debit (GC)", "Gross Credit (GC)", "Exchange Rate", "Net Currency",
            "Net Debit (NC)", "Net Credit (NC)", "Commission (NC)", "Markup (NC)", "Scheme Fees (NC)",
            "Interchange (NC)", "Payment Method Variant", "Modification Merchant Reference", "Batch Number");

    /** Adyen's settlement details report: debit/credit columns, local time of the account with its abbreviation. */
    private static Rendered adyen(List<Entry> entries, ZoneId zone) {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone);
        DateTimeFormatter abbreviation = DateTimeFormatter.ofPattern("zzz", Locale.ROOT).withZone(zone);
        List<List<String>> rows = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        rows.add(ADYEN_HEADER);
        for (Entry e : entries) {
            String type = switch (e.kind) {
                case "CAPTURE" -> "Settled";
                case "REFUND" -> "Refunded";
                case "CHARGEBACK" -> "Chargeback";
                case "FEE" -> "Fee";
                default -> "MerchantPayout";
            };
            long net = e.gross - e.fee;
            long markup = e.fee == 0 ? 0 : Math.min(e.fee, 11);
            long rest = e.fee - markup;
            long scheme = rest / 3;
            rowOf.add(rows.size());
            rows.add(List.of("OpsDeskRetail", "OpsDeskRetailEU", e.reference == null ? "" : e.reference,
                    e.order == null ? "" : e.order, e.payment == null ? "" : "visa", local.format(e.booked),
                    abbreviation.format(e.booked), type, e.kind.equals("CAPTURE") || e.payment == null ? ""
                            : e.reference + "-" + type.toUpperCase(Locale.ROOT), e.currency,
                    e.gross < 0 ? major(-e.gross, e.currency) : "", e.gross > 0 ? major(e.gross, e.currency) : "",
                    "1", e.currency, net < 0 ? major(-net, e.currency) : "", net > 0 ? major(net, e.currency) : "",
                    "", e.fee == 0 ? "" : major(markup, e.currency), e.fee == 0 ? "" : major(scheme, e.currency),
                    e.fee == 0 ? "" : major(rest - scheme, e.currency), e.payment == null ? "" : "visacredit",
                    e.order == null ? "" : e.order, e.batch));
        }
        return new Rendered(rows, rowOf);
    }

    static final List<String> PAYPAL_COLUMNS = List.of("CH", "Transaction ID", "Invoice ID", "PayPal Reference ID",
            "PayPal Reference ID Type", "Transaction Event Code", "Transaction Initiation Date",
            "Transaction Completion Date", "Transaction  Debit or Credit", "Gross Transaction Amount",
            "Gross Transaction Currency", "Fee Debit or Credit", "Fee Amount", "Fee Currency", "Custom Field",
            "Consumer ID", "Payment Tracking ID", "Store ID", "Bank Reference ID", "Credit Transactional Fee",
            "Credit Promotional Fee", "Credit Term");

    /** PayPal's STL settlement report: record types, T-codes, minor units with Debit/Credit flags, dates with offset. */
    private static Rendered paypal(List<Entry> entries, LocalDate date, ZoneId zone) {
        DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss Z", Locale.ROOT).withZone(zone);
        String account = "OPSDESKRETAIL01";
        List<List<String>> rows = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        Instant generated = date.atTime(4, 0).atZone(zone).toInstant();
        rows.add(List.of("RH", stamp.format(generated), "\"A\"", account, "009"));
        rows.add(List.of("FH", "01"));
        rows.add(List.of("SH", stamp.format(date.minusDays(1).atStartOfDay(zone).toInstant()),
                stamp.format(date.atStartOfDay(zone).toInstant().minusSeconds(1)), account, "\"\""));
        rows.add(PAYPAL_COLUMNS);
        Map<String, long[]> totals = new LinkedHashMap<>();
        for (Entry e : entries) {
            String code = switch (e.kind) {
                case "CAPTURE" -> "T0006";
                case "REFUND" -> "T1107";
                case "CHARGEBACK" -> "T1201";
                case "FEE" -> "T0106";
                default -> "T0400";
            };
            long[] t = totals.computeIfAbsent(e.currency, k -> new long[4]);
            if (e.gross >= 0) {
                t[0] += e.gross;
            } else {
                t[1] -= e.gross;
            }
            t[2] += e.fee;
            rowOf.add(rows.size());
            rows.add(List.of("SB", e.reference == null ? "\"" + e.batch + "\"" : "\"" + e.reference + "\"",
                    "\"" + (e.order == null ? "" : e.order) + "\"", "\"\"", "\"\"", code, stamp.format(e.booked),
                    stamp.format(e.booked), e.gross < 0 ? "DR" : "CR", Long.toString(Math.abs(e.gross)), e.currency,
                    e.fee < 0 ? "CR" : "DR", Long.toString(Math.abs(e.fee)), e.currency,
                    "\"" + (e.order == null ? "" : e.order) + "\"", "\"\"", "\"\"", "\"\"", "\"\"", "", "", ""));
        }
        for (Map.Entry<String, long[]> t : totals.entrySet()) {
            rows.add(List.of("SF", t.getKey(), Long.toString(t.getValue()[0]), Long.toString(t.getValue()[1]), "0",
                    Long.toString(t.getValue()[2])));
        }
        rows.add(List.of("SC", Integer.toString(entries.size())));
        for (Map.Entry<String, long[]> t : totals.entrySet()) {
            rows.add(List.of("RF", t.getKey(), Long.toString(t.getValue()[0]), Long.toString(t.getValue()[1]), "0",
                    Long.toString(t.getValue()[2])));
        }
        rows.add(List.of("RC", Integer.toString(entries.size())));
        rows.add(List.of("FF", "1"));
        return new Rendered(rows, rowOf);
    }

    /** The same rows as a one-sheet workbook, with fixed document dates so the same date gives the same bytes. */
    private static byte[] xlsx(List<List<String>> rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            var sheet = workbook.createSheet("Report");
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    String v = cells.get(c);
                    if (v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1).replace("\"\"", "\"");
                    }
                    row.createCell(c).setCellValue(v);
                }
            }
            var props = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
            props.setCreated(java.util.Optional.of(new java.util.Date(0)));
            props.setModified(java.util.Optional.of(new java.util.Date(0)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the workbook", e);
        }
    }
}
