package dev.opsdesk.sandbox.inventory;

import static dev.opsdesk.sandbox.db.Tables.STOCK_ADJUSTMENT;
import static dev.opsdesk.sandbox.db.Tables.STOCK_HISTORY;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * What moved the platform's on-hand of pairs since a moment someone looked at it (a stock count's start): each change
 * with its time, signed amount and cause in words. Adjustments are found by the version they produced (exact, however
 * close in time); any rest the adjustments do not explain is the platform's own movement, read from the history, so
 * that the quantity looked at plus the movements is always the quantity now.
 */
public final class StockMovements {

    /** One change of the on-hand: when, by how much, and what did it. */
    public record Movement(Instant at, int delta, String cause) {
    }

    /** A pair as it was looked at: its on-hand and version then, and since when. */
    public record Baseline(String sku, int quantity, long version, Instant at) {
    }

    private StockMovements() {
    }

    /**
     * The movements of each baseline's pair in {@code warehouse} up to {@code quantityNow} (the on-hand now, by SKU),
     * oldest first; a pair that did not move gets an empty list. One read of the warehouse's adjustments and history
     * since the earliest baseline, whatever the number of pairs.
     */
    public static Map<String, List<Movement>> since(DSLContext dsl, String warehouse, List<Baseline> baselines,
                                                    Map<String, Integer> quantityNow) {
        Map<String, List<Movement>> out = new HashMap<>();
        Instant earliest = null;
        Map<String, Baseline> bySku = new HashMap<>();
        for (Baseline b : baselines) {
            bySku.put(b.sku(), b);
            if (earliest == null || b.at().isBefore(earliest)) {
                earliest = b.at();
            }
        }
        Set<String> moved = new java.util.HashSet<>();
        for (Baseline b : baselines) {
            Integer now = quantityNow.get(b.sku());
            if (now != null && now != b.quantity()) {
                moved.add(b.sku());
            }
        }
        if (earliest != null) {
            dsl.select(STOCK_ADJUSTMENT.SKU, STOCK_ADJUSTMENT.ID, STOCK_ADJUSTMENT.REASON, STOCK_ADJUSTMENT.DELTA,
                            STOCK_ADJUSTMENT.ACTOR, STOCK_ADJUSTMENT.AT, STOCK_ADJUSTMENT.VERSION_AFTER,
                            STOCK_ADJUSTMENT.NOTE)
                    .from(STOCK_ADJUSTMENT).where(STOCK_ADJUSTMENT.WAREHOUSE.eq(warehouse))
                    .and(STOCK_ADJUSTMENT.AT.ge(StockStore.utc(earliest)))
                    .orderBy(STOCK_ADJUSTMENT.VERSION_AFTER)
                    .forEach(r -> {
                        Baseline b = bySku.get(r.value1());
                        if (b != null && r.value7() > b.version()) {
                            out.computeIfAbsent(b.sku(), k -> new ArrayList<>()).add(new Movement(
                                    r.value6().toInstant(), r.value4(), "adjustment " + r.value2() + " ("
                                    + r.value3() + ") by " + r.value5()
                                    + (r.value8() == null || r.value8().isBlank() ? "" : ": " + r.value8())));
                        }
                    });
        }
        for (Baseline b : baselines) {
            Integer now = quantityNow.get(b.sku());
            List<Movement> list = out.computeIfAbsent(b.sku(), k -> new ArrayList<>());
            if (now == null) {
                continue;
            }
            long explained = b.quantity() + list.stream().mapToLong(Movement::delta).sum();
            if (explained != now) {
                list.add(platformMovement(dsl, warehouse, b, (int) (now - explained)));
            }
        }
        return out;
    }

    /** A change no adjustment explains: the platform's own (an order picked, a receipt), from its history. */
    private static Movement platformMovement(DSLContext dsl, String warehouse, Baseline b, int delta) {
        var last = dsl.select(STOCK_HISTORY.AT, STOCK_HISTORY.CAUSE).from(STOCK_HISTORY)
                .where(STOCK_HISTORY.SKU.eq(b.sku())).and(STOCK_HISTORY.WAREHOUSE.eq(warehouse))
                .and(STOCK_HISTORY.SYSTEM.eq(StockSystem.PLATFORM.name()))
                .and(STOCK_HISTORY.AT.ge(StockStore.utc(b.at())))
                .and(STOCK_HISTORY.CAUSE.ne("ADJUSTMENT"))
                .orderBy(STOCK_HISTORY.AT.desc()).limit(1).fetchOne();
        Instant at = last == null ? b.at() : last.value1().toInstant();
        String cause = last == null ? "platform change without a recorded cause"
                : "platform " + last.value2().toLowerCase(java.util.Locale.ROOT) + " (orders, receipts)";
        return new Movement(at, delta, cause);
    }
}
