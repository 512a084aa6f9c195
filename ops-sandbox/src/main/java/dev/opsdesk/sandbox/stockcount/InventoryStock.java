package dev.opsdesk.sandbox.stockcount;

import dev.opsdesk.sandbox.inventory.AdjustmentReason;
import dev.opsdesk.sandbox.inventory.IntegrationCatalog;
import dev.opsdesk.sandbox.inventory.StockAdjustments;
import dev.opsdesk.sandbox.inventory.StockMovements;
import dev.opsdesk.sandbox.reconciliation.ReconViews;
import dev.opsdesk.sandbox.reconciliation.StockCountRuns;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The inventory as a stock run sees it: adjustments by compare-and-set on the approval's transaction and the
 * movements of a pair since a count's start. Here, not in reconciliation, because inventory already depends on the
 * failure queues, which depend on reconciliation.
 */
public final class InventoryStock implements StockCountRuns.Stock {

    @Override
    public Written adjust(DSLContext tx, Instant now, String actor, String sku, String warehouse, String reason,
                          int delta, String note, long expectedVersion) {
        StockAdjustments.Written w = StockAdjustments.write(tx, IntegrationCatalog.load(tx), now, actor, sku,
                warehouse, AdjustmentReason.valueOf(reason), delta, note, expectedVersion);
        return new Written(w.adjustmentId(), w.quantityBefore(), w.quantityAfter(), w.audit());
    }

    @Override
    public List<ReconViews.StockMovement> movements(DSLContext tx, String warehouse, String sku, int quantityAtStart,
                                                    long versionAtStart, Instant startAt, int quantityNow) {
        return views(StockMovements.since(tx, warehouse, List.of(new StockMovements.Baseline(sku, quantityAtStart,
                versionAtStart, startAt)), Map.of(sku, quantityNow)).get(sku));
    }

    static List<ReconViews.StockMovement> views(List<StockMovements.Movement> movements) {
        return movements.stream().map(m -> new ReconViews.StockMovement(m.at(), m.delta(), m.cause())).toList();
    }
}
