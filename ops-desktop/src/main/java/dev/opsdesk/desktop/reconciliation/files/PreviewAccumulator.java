package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.client.model.Settlement.LineKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The preview, built line by line as the file streams past: a few numbers per currency and per payout batch, so
 * a million lines cost no more memory than ten.
 */
final class PreviewAccumulator implements LineSink {

    private final Consumer<Settlement.Line> next;
    private final long[] byKind = new long[LineKind.values().length];
    private final Map<String, long[]> totals = new TreeMap<>();   // currency -> gross, fees, net
    private final Map<String, long[]> payouts = new TreeMap<>();  // currency -> amount
    private final Map<String, long[]> batches = new LinkedHashMap<>(); // batch + currency -> net of lines, paid out, payout lines
    private final Map<String, BatchSlot> lastBatch = new java.util.HashMap<>();
    private String lastTotalsCurrency;
    private long[] lastTotals;
    private long lines;
    private LocalDate from;
    private LocalDate to;
    /** The days of the payouts only, for a file that holds nothing else. */
    private LocalDate payoutFrom;
    private LocalDate payoutTo;

    PreviewAccumulator(Consumer<Settlement.Line> next) {
        this.next = next;
    }

    @Override
    public void line(Settlement.Line line, LocalDate providerDay) {
        lines++;
        byKind[line.kind().ordinal()]++;
        boolean payout = line.kind() == LineKind.PAYOUT;
        // The period is the days of what was settled: a payout is booked on the day it leaves, later than the
        // captures it pays out, and must not pull that day's captures into the reconciliation.
        if (payout) {
            payoutFrom = payoutFrom == null || providerDay.isBefore(payoutFrom) ? providerDay : payoutFrom;
            payoutTo = payoutTo == null || providerDay.isAfter(payoutTo) ? providerDay : payoutTo;
        } else {
            if (from == null || providerDay.isBefore(from)) {
                from = providerDay;
            }
            if (to == null || providerDay.isAfter(to)) {
                to = providerDay;
            }
        }
        if (payout) {
            payouts.computeIfAbsent(line.currency(), c -> new long[1])[0] -= line.net();
        } else {
            long[] t = line.currency().equals(lastTotalsCurrency) ? lastTotals
                    : totals.computeIfAbsent(line.currency(), c -> new long[3]);
            lastTotalsCurrency = line.currency();
            lastTotals = t;
            t[0] += line.gross();
            t[1] += line.fee();
            t[2] += line.net();
        }
        if (line.batchReference() != null) {
            long[] b = batch(line.batchReference(), line.currency());
            if (payout) {
                b[1] -= line.net();
                b[2]++;
            } else {
                b[0] += line.net();
            }
        }
        next.accept(line);
    }

    /**
     * The sums of a batch in a currency. Lines come batch after batch, so the last batch seen per currency is
     * remembered: no key is built for most lines.
     */
    private long[] batch(String batch, String currency) {
        BatchSlot slot = lastBatch.get(currency);
        if (slot == null) {
            slot = new BatchSlot();
            lastBatch.put(currency, slot);
        }
        if (!batch.equals(slot.batch)) {
            slot.batch = batch;
            slot.sums = batches.computeIfAbsent(batch + '\u0000' + currency, k -> new long[3]);
        }
        return slot.sums;
    }

    private static final class BatchSlot {
        String batch;
        long[] sums;
    }

    SettlementPreview preview(String layout, Settlement.Provider provider, Warnings warnings) {
        if (totals.size() + payouts.keySet().stream().filter(c -> !totals.containsKey(c)).count() > 1) {
            java.util.Set<String> all = new java.util.TreeSet<>(totals.keySet());
            all.addAll(payouts.keySet());
            warnings.add("the file has lines in " + all.size() + " currencies (" + String.join(", ", all)
                    + "); totals are per currency");
        }
        batches.forEach((key, b) -> {
            if (b[2] > 0 && b[0] != b[1]) {
                String[] parts = key.split("\u0000");
                warnings.add("payout batch " + parts[0] + " (" + parts[1] + "): the lines' net is "
                        + major(b[0], parts[1]) + " but the payout is " + major(b[1], parts[1]));
            }
        });
        Map<LineKind, Long> kinds = new EnumMap<>(LineKind.class);
        for (LineKind k : LineKind.values()) {
            kinds.put(k, byKind[k.ordinal()]);
        }
        List<Settlement.Totals> totalList = new ArrayList<>();
        totals.forEach((c, t) -> totalList.add(new Settlement.Totals(c, t[0], t[1], t[2])));
        List<Settlement.Payout> payoutList = new ArrayList<>();
        payouts.forEach((c, p) -> payoutList.add(new Settlement.Payout(c, p[0])));
        if (from == null && payoutFrom != null) {
            from = payoutFrom;
            to = payoutTo;
        }
        return new SettlementPreview(layout, provider, lines, from == null ? null : new Settlement.Period(from, to),
                kinds, totalList, payoutList, warnings.list());
    }

    private static String major(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
    }
}
