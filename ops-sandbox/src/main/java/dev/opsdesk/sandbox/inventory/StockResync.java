package dev.opsdesk.sandbox.inventory;

import static dev.opsdesk.sandbox.db.Tables.STOCK_HISTORY;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.auth.Target;
import dev.opsdesk.sandbox.db.tables.records.IntegrationRecord;
import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.failures.Effect;
import dev.opsdesk.sandbox.failures.IntegrationFailures;
import dev.opsdesk.sandbox.failures.Outcome;
import dev.opsdesk.sandbox.failures.Reason;
import dev.opsdesk.sandbox.failures.ReplayJobs;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Resync of one stock pair, as an item of a bulk job ({@link ReplayJobs}, kind {@value #KIND}): the platform's number
 * is pushed to the ERP and the WMS through their integrations, which closes the drift. When an integration the pair
 * needs is down, nothing changes and the item fails into the {@code INVENTORY_SYNC} queue with the SKU and warehouse,
 * visibly. Each resynced pair appends {@code inventory.resynced} (the last write of its transaction) and publishes
 * {@code stock.changed}.
 */
public final class StockResync implements ReplayJobs.ItemRunner {

    public static final String KIND = "RESYNC";

    private final DSLContext dsl;
    private final StockStore store;
    private final IntegrationFailures failures;
    private final EventHub events;
    private final Clock clock;

    public StockResync(DSLContext dsl, StockStore store, IntegrationFailures failures, EventHub events, Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.failures = failures;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String auditType() {
        return "resync_job";
    }

    /** "WH-1/SKU-100042" of a pair. */
    public static String key(String warehouse, String sku) {
        return warehouse + "/" + sku;
    }

    @Override
    public ReplayJobs.ItemResult run(String itemKey, Scopes permissions, String actor, String jobId) {
        int slash = itemKey.indexOf('/');
        if (slash <= 0) {
            return new ReplayJobs.ItemResult(Outcome.SKIPPED, Effect.NOT_REPLAYABLE, itemKey
                    + " is not WAREHOUSE/SKU.", null);
        }
        String warehouse = itemKey.substring(0, slash);
        String sku = itemKey.substring(slash + 1);
        if (!permissions.may(Permission.INVENTORY_RESYNC, Target.inWarehouse(warehouse))) {
            return new ReplayJobs.ItemResult(Outcome.SKIPPED, Effect.NOT_ALLOWED, actor + " may not resync stock at "
                    + warehouse + ".", null);
        }
        IntegrationCatalog catalog = IntegrationCatalog.load(dsl);
        Optional<IntegrationRecord> down = List.of(StockSystem.ERP, StockSystem.WMS).stream()
                .map(s -> catalog.feeding(s, warehouse)).flatMap(Optional::stream)
                .filter(IntegrationRecord::getDown).findFirst();
        StockPairRecord pair = dsl.selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(sku))
                .and(STOCK_PAIR.WAREHOUSE.eq(warehouse)).fetchOne();
        if (pair == null) {
            return new ReplayJobs.ItemResult(Outcome.SKIPPED, Effect.NOT_REPLAYABLE, "There is no stock of SKU " + sku
                    + " at " + warehouse + ".", null);
        }
        if (down.isPresent()) {
            String message = down.get().getName() + " is down: the stock of SKU " + sku + " at " + warehouse
                    + " could not be pushed to it.";
            String failure = failures.inventorySyncFailed(sku, warehouse, Reason.WMS_UNAVAILABLE, message,
                    pair.getPlatformQty(), pair.getErpQty());
            return new ReplayJobs.ItemResult(Outcome.FAILED, Effect.FAIL_AGAIN, message + " Recorded as " + failure
                    + " in the inventory sync queue.", null);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            StockPairRecord p = tx.selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(sku))
                    .and(STOCK_PAIR.WAREHOUSE.eq(warehouse)).forUpdate().fetchSingle();
            int platform = p.getPlatformQty();
            List<StockSystem> changed = new ArrayList<>();
            if (p.getErpQty() != platform) {
                changed.add(StockSystem.ERP);
            }
            if (p.getWmsQty() != platform) {
                changed.add(StockSystem.WMS);
            }
            Instant platformSynced = StockStore.instant(p.getPlatformSyncedAt());
            tx.update(STOCK_PAIR)
                    .set(STOCK_PAIR.ERP_QTY, platform)
                    .set(STOCK_PAIR.ERP_VERSION, p.getErpVersion() + (changed.contains(StockSystem.ERP) ? 1 : 0))
                    .set(STOCK_PAIR.ERP_SYNCED_AT, StockStore.utc(now))
                    .set(STOCK_PAIR.WMS_QTY, platform)
                    .set(STOCK_PAIR.WMS_VERSION, p.getWmsVersion() + (changed.contains(StockSystem.WMS) ? 1 : 0))
                    .set(STOCK_PAIR.WMS_SYNCED_AT, StockStore.utc(now))
                    .set(STOCK_PAIR.DRIFT, 0)
                    .set(STOCK_PAIR.DRIFT_SINCE, (java.time.OffsetDateTime) null)
                    .set(STOCK_PAIR.STUCK_AFTER, (java.time.OffsetDateTime) null)
                    .set(STOCK_PAIR.OVERSOLD, platform < 0)
                    .set(STOCK_PAIR.OLDEST_SYNCED_AT, StockStore.utc(platformSynced.isBefore(now) ? platformSynced : now))
                    .where(STOCK_PAIR.SKU.eq(sku)).and(STOCK_PAIR.WAREHOUSE.eq(warehouse))
                    .execute();
            for (StockSystem s : changed) {
                tx.insertInto(STOCK_HISTORY)
                        .set(STOCK_HISTORY.SKU, sku).set(STOCK_HISTORY.WAREHOUSE, warehouse)
                        .set(STOCK_HISTORY.SYSTEM, s.name()).set(STOCK_HISTORY.AT, StockStore.utc(now))
                        .set(STOCK_HISTORY.QUANTITY, platform).set(STOCK_HISTORY.CAUSE, "SYNC")
                        .execute();
            }
            AuditLog.append(tx, AuditEntry.by(now, actor, "inventory.resynced", "stock", key(warehouse, sku))
                    .warehouse(warehouse).sku(sku).correlation(jobId)
                    .change(AuditEntry.values("erp", (long) p.getErpQty(), "wms", (long) p.getWmsQty()),
                            AuditEntry.values("erp", (long) platform, "wms", (long) platform)));
        });
        store.find(sku, warehouse, now).ifPresent(view -> InventoryEvents.stockChanged(events, view));
        return new ReplayJobs.ItemResult(Outcome.SUCCEEDED, Effect.SYNC_STOCK, null, null);
    }
}
