package dev.opsdesk.sandbox.inventory;

import static dev.opsdesk.sandbox.db.Tables.STOCK_ADJUSTMENT;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.db.Sequences;
import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jooq.DSLContext;

/**
 * Adjustments by hand: a signed change of the platform's number, with a reason and the version the person saw. If the
 * number moved in between, nothing is written and the caller gets {@code 409} with the current quantity and version
 * (compare-and-set under the pair's row lock); never a silent overwrite. ERP and WMS receive the change through their
 * next sync, so the pair shows it settling. The audit event is the transaction's last write.
 */
public final class StockAdjustments {

    /** The answer: the adjustment as recorded and the pair as it is now. */
    public record Result(InventoryViews.Adjustment adjustment, InventoryViews.StockPair pair) {
    }

    private final DSLContext dsl;
    private final StockStore store;
    private final EventHub events;
    private final Clock clock;

    public StockAdjustments(DSLContext dsl, StockStore store, EventHub events, Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public Result adjust(String actor, String sku, String warehouse, AdjustmentReason reason, int delta, String note,
                         long expectedVersion) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IntegrationCatalog catalog = IntegrationCatalog.load(dsl);
        String id = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            Written w = write(tx, catalog, now, actor, sku, warehouse, reason, delta, note, expectedVersion);
            AuditLog.append(tx, w.audit());
            return w.adjustmentId();
        });
        InventoryViews.StockPair current = store.find(sku, warehouse, now).orElseThrow();
        InventoryEvents.stockChanged(events, current);
        InventoryViews.Adjustment adjustment = StockStore.adjustment(dsl.selectFrom(STOCK_ADJUSTMENT)
                .where(STOCK_ADJUSTMENT.ID.eq(id)).fetchSingle());
        return new Result(adjustment, current);
    }

    /** What {@link #write} wrote, and the audit event the caller appends as its transaction's last write. */
    public record Written(String adjustmentId, int quantityBefore, int quantityAfter, long versionAfter,
                          AuditEntry audit) {
    }

    /**
     * The adjustment on the caller's transaction (for callers that adjust as part of a larger change, such as the
     * approval of a stock count): the compare-and-set under the pair's row lock, the pair, the adjustment and the
     * history point; the audit event is returned, not appended, so that the caller appends every event last. The
     * caller publishes {@link InventoryEvents#stockChanged} once it committed.
     */
    public static Written write(DSLContext tx, IntegrationCatalog catalog, Instant now, String actor, String sku,
                                String warehouse, AdjustmentReason reason, int delta, String note,
                                long expectedVersion) {
        StockPairRecord pair = StockPairs.lock(tx, sku, warehouse);
        if (pair == null) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no stock of SKU " + sku + " at warehouse "
                    + warehouse + ".");
        }
        if (pair.getPlatformVersion() != expectedVersion) {
            throw new ApiException(ProblemType.STOCK_CHANGED, "The stock of " + sku + " at " + warehouse
                    + " changed since you looked at it: it is now " + pair.getPlatformQty() + " (version "
                    + pair.getPlatformVersion() + "); nothing was adjusted. Decide again with the current number.")
                    .with("currentQuantity", pair.getPlatformQty())
                    .with("currentVersion", pair.getPlatformVersion());
        }
        int before = pair.getPlatformQty();
        long sum = (long) before + delta;
        if (sum > Integer.MAX_VALUE || sum < Integer.MIN_VALUE) {
            throw ApiException.unprocessable("quantity", "The resulting quantity would be out of range.");
        }
        int quantity = (int) sum;
        long version = pair.getPlatformVersion() + 1;
        StockPairRecord changed = pair.copy();
        changed.setPlatformQty(quantity);
        changed.setPlatformVersion(version);
        changed.setPlatformSyncedAt(StockStore.utc(now));
        StockPairs.store(tx, catalog, pair, changed, now);
        String adjustmentId = String.format("ADJ-%06d", tx.nextval(Sequences.STOCK_ADJUSTMENT_ID_SEQ));
        tx.insertInto(STOCK_ADJUSTMENT)
                .set(STOCK_ADJUSTMENT.ID, adjustmentId)
                .set(STOCK_ADJUSTMENT.SKU, sku)
                .set(STOCK_ADJUSTMENT.WAREHOUSE, warehouse)
                .set(STOCK_ADJUSTMENT.REASON, reason.name())
                .set(STOCK_ADJUSTMENT.DELTA, delta)
                .set(STOCK_ADJUSTMENT.QUANTITY_BEFORE, before)
                .set(STOCK_ADJUSTMENT.QUANTITY_AFTER, quantity)
                .set(STOCK_ADJUSTMENT.VERSION_AFTER, version)
                .set(STOCK_ADJUSTMENT.NOTE, note)
                .set(STOCK_ADJUSTMENT.ACTOR, actor)
                .set(STOCK_ADJUSTMENT.AT, StockStore.utc(now))
                .execute();
        StockPairs.history(tx, sku, warehouse, StockSystem.PLATFORM, now, quantity, "ADJUSTMENT");
        AuditEntry audit = AuditEntry.byUser(now, actor, "inventory.adjusted", "stock", warehouse + "/" + sku)
                .warehouse(warehouse).sku(sku).correlation(adjustmentId)
                .with("reason", reason.name()).with("delta", (long) delta).with("note", note)
                .change(AuditEntry.values("quantity", (long) before, "version", pair.getPlatformVersion()),
                        AuditEntry.values("quantity", (long) quantity, "version", version));
        return new Written(adjustmentId, before, quantity, version, audit);
    }

    /** The pair as it is now, published to the readers of its warehouse (after the change committed). */
    public void published(String sku, String warehouse) {
        store.find(sku, warehouse, clock.instant()).ifPresent(p -> InventoryEvents.stockChanged(events, p));
    }
}
