package dev.opsdesk.sandbox.inventory;

import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.auth.Target;
import dev.opsdesk.sandbox.db.tables.records.IntegrationRecord;
import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.failures.Effect;
import dev.opsdesk.sandbox.failures.FailureRerun;
import dev.opsdesk.sandbox.failures.IntegrationFailures;
import dev.opsdesk.sandbox.failures.Outcome;
import dev.opsdesk.sandbox.failures.Queue;
import dev.opsdesk.sandbox.failures.Reason;
import dev.opsdesk.sandbox.failures.ReplayJobs;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Resync of one stock pair, as an item of a bulk job ({@link ReplayJobs}, kind {@value #KIND}): the platform's number
 * is pushed to the ERP and the WMS through their integrations, which closes the drift. When an integration the pair
 * needs is down, nothing changes and the item fails into the {@code INVENTORY_SYNC} queue with the SKU and warehouse,
 * visibly. Each resynced pair appends {@code inventory.resynced} (the last write of its transaction) and publishes
 * {@code stock.changed}. The write itself, {@link #push}, is the one sync write: an integration's scheduled run
 * ({@link IntegrationRuns}) and a replayed {@code INVENTORY_SYNC} failure ({@link #rerun()}) use it too.
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

    private static final Set<StockSystem> BOTH = EnumSet.of(StockSystem.ERP, StockSystem.WMS);

    /**
     * What a push changed: the pair's ERP and WMS numbers before and after (after: the platform's); {@code stored} is
     * the pair's row as the push wrote it.
     */
    public record Pushed(String sku, String warehouse, int platform, int erpBefore, int wmsBefore, int erpAfter,
                         int wmsAfter, StockPairRecord stored) {

        public boolean changed() {
            return erpBefore != erpAfter || wmsBefore != wmsAfter;
        }
    }

    /**
     * The sync write of one pair on the caller's transaction, under the pair's row lock: each of {@code targets} gets
     * the platform's number (its version moves when the number changes, its sync time is now, a history point
     * records the change) and the drift follows ({@link StockPairs#store}). A resync and a replayed sync failure push
     * to the ERP and the WMS; an integration's run to its own system. Null when there is no such pair.
     */
    public static Pushed push(DSLContext tx, IntegrationCatalog catalog, String sku, String warehouse,
                              Set<StockSystem> targets, Instant now) {
        StockPairs.Totals totals = new StockPairs.Totals();
        Pushed pushed = push(tx, catalog, sku, warehouse, targets, now, totals);
        totals.apply(tx);
        return pushed;
    }

    /** As {@link #push(DSLContext, IntegrationCatalog, String, String, Set, Instant)}, the drift totals' change
     * added to {@code totals} for the caller to apply before it commits. */
    static Pushed push(DSLContext tx, IntegrationCatalog catalog, String sku, String warehouse,
                       Set<StockSystem> targets, Instant now, StockPairs.Totals totals) {
        StockPairRecord p = StockPairs.lock(tx, sku, warehouse);
        return p == null ? null : push(tx, catalog, p, targets, now, totals);
    }

    /** The push of a pair the caller read under its row lock ({@link StockPairs#lockAll}). */
    static Pushed push(DSLContext tx, IntegrationCatalog catalog, StockPairRecord p, Set<StockSystem> targets,
                       Instant now, StockPairs.Totals totals) {
        String sku = p.getSku();
        String warehouse = p.getWarehouse();
        int platform = p.getPlatformQty();
        StockPairRecord after = p.copy();
        // copy() leaves the key unset and every value changed; the stored row keeps its key.
        after.setSku(sku);
        after.setWarehouse(warehouse);
        List<StockSystem> moved = new java.util.ArrayList<>(2);
        if (targets.contains(StockSystem.ERP)) {
            after.setErpQty(platform);
            after.setErpVersion(p.getErpVersion() + (p.getErpQty() != platform ? 1 : 0));
            after.setErpSyncedAt(StockStore.utc(now));
            if (p.getErpQty() != platform) {
                moved.add(StockSystem.ERP);
            }
        }
        if (targets.contains(StockSystem.WMS)) {
            after.setWmsQty(platform);
            after.setWmsVersion(p.getWmsVersion() + (p.getWmsQty() != platform ? 1 : 0));
            after.setWmsSyncedAt(StockStore.utc(now));
            if (p.getWmsQty() != platform) {
                moved.add(StockSystem.WMS);
            }
        }
        StockPairs.history(tx, sku, warehouse, moved, now, platform, "SYNC");
        StockPairs.store(tx, catalog, p, after, now, totals);
        return new Pushed(sku, warehouse, platform, p.getErpQty(), p.getWmsQty(), after.getErpQty(),
                after.getWmsQty(), after);
    }

    /** The ERP connector or the warehouse's WMS feed, if one of them is down. */
    static Optional<IntegrationRecord> downFeed(IntegrationCatalog catalog, String warehouse) {
        return List.of(StockSystem.ERP, StockSystem.WMS).stream()
                .map(s -> catalog.feeding(s, warehouse)).flatMap(Optional::stream)
                .filter(IntegrationRecord::getDown).findFirst();
    }

    private static String downMessage(IntegrationRecord down, String sku, String warehouse) {
        return down.getName() + " is down: the stock of SKU " + sku + " at " + warehouse
                + " could not be pushed to it.";
    }

    private static AuditEntry resynced(Pushed p, Instant now, String actor, String correlation) {
        return AuditEntry.by(now, actor, "inventory.resynced", "stock", key(p.warehouse(), p.sku()))
                .warehouse(p.warehouse()).sku(p.sku()).correlation(correlation)
                .change(AuditEntry.values("erp", (long) p.erpBefore(), "wms", (long) p.wmsBefore()),
                        AuditEntry.values("erp", (long) p.erpAfter(), "wms", (long) p.wmsAfter()));
    }

    /**
     * A replayed {@code INVENTORY_SYNC} failure runs that pair's sync again, as a resync of the pair: in the replay's
     * transaction, failing again (nothing changes) while a feed it needs is down. A failure about a pair the
     * catalogue does not hold has nothing to push; its replay stands as decided.
     */
    @Override
    public FailureRerun rerun() {
        return new FailureRerun() {
            @Override
            public Queue queue() {
                return Queue.INVENTORY_SYNC;
            }

            @Override
            public Failed wouldFail(DSLContext dsl, FailureRecord failure) {
                String sku = failure.getSku();
                String warehouse = failure.getWarehouse();
                return sku == null || warehouse == null ? null
                        : wouldFail(dsl, IntegrationCatalog.load(dsl), sku, warehouse);
            }

            private Failed wouldFail(DSLContext dsl, IntegrationCatalog catalog, String sku, String warehouse) {
                Optional<IntegrationRecord> down = downFeed(catalog, warehouse);
                if (down.isPresent() && dsl.fetchExists(STOCK_PAIR, STOCK_PAIR.SKU.eq(sku)
                        .and(STOCK_PAIR.WAREHOUSE.eq(warehouse)))) {
                    return new Failed(Reason.WMS_UNAVAILABLE, down.get().getName() + " is down: the sync of SKU "
                            + sku + " at " + warehouse + " fails while it is down; replay it once the feed is back.",
                            503);
                }
                return null;
            }

            @Override
            public Failed rerun(DSLContext tx, FailureRecord failure, Instant now, String actor,
                                List<AuditEntry> audit) {
                String sku = failure.getSku();
                String warehouse = failure.getWarehouse();
                if (sku == null || warehouse == null) {
                    return null;
                }
                IntegrationCatalog catalog = IntegrationCatalog.load(tx);
                Failed failed = wouldFail(tx, catalog, sku, warehouse);
                if (failed != null) {
                    return failed;
                }
                Pushed pushed = push(tx, catalog, sku, warehouse, BOTH, now);
                if (pushed != null) {
                    audit.add(resynced(pushed, now, actor, failure.getId()));
                }
                return null;
            }

            @Override
            public void committed(FailureRecord failure) {
                if (failure.getSku() != null && failure.getWarehouse() != null) {
                    store.find(failure.getSku(), failure.getWarehouse(), clock.instant())
                            .ifPresent(view -> InventoryEvents.stockChanged(events, view));
                }
            }
        };
    }

    /** "WH-1/SKU-100042" of a pair. */
    public static String key(String warehouse, String sku) {
        return warehouse + "/" + sku;
    }

    /** Why an item is skipped before anything is read (not WAREHOUSE/SKU, not the starter's to resync), or null. */
    private static ReplayJobs.ItemResult refused(String itemKey, Scopes permissions, String actor) {
        int slash = itemKey.indexOf('/');
        if (slash <= 0) {
            return new ReplayJobs.ItemResult(Outcome.SKIPPED, Effect.NOT_REPLAYABLE, itemKey
                    + " is not WAREHOUSE/SKU.", null);
        }
        String warehouse = itemKey.substring(0, slash);
        if (!permissions.may(Permission.INVENTORY_RESYNC, Target.inWarehouse(warehouse))) {
            return new ReplayJobs.ItemResult(Outcome.SKIPPED, Effect.NOT_ALLOWED, actor + " may not resync stock at "
                    + warehouse + ".", null);
        }
        return null;
    }

    /** Pairs a job resyncs together: one transaction, one drift-totals update per warehouse, one audit append. */
    static final int BATCH = 50;

    @Override
    public int batchSize() {
        return BATCH;
    }

    /**
     * A batch of pairs: those whose feeds are up are pushed in one transaction, each with its own
     * {@code inventory.resynced} event, appended together as the transaction's last write (one chain, in order); the
     * warehouses' drift totals move once. The others go one by one ({@link #run}): refused, or failing into the queue
     * where a feed is down. Should the batch's transaction fail (a lock lost to a concurrent writer), each pair is
     * tried on its own, so that one pair's trouble is not the others'.
     */
    @Override
    public List<ReplayJobs.ItemResult> runAll(List<String> itemKeys, Scopes permissions, String actor,
                                              String jobId) {
        ReplayJobs.ItemResult[] results = new ReplayJobs.ItemResult[itemKeys.size()];
        IntegrationCatalog catalog = IntegrationCatalog.load(dsl);
        List<Integer> together = new java.util.ArrayList<>(itemKeys.size());
        for (int i = 0; i < itemKeys.size(); i++) {
            String key = itemKeys.get(i);
            ReplayJobs.ItemResult refused = refused(key, permissions, actor);
            if (refused != null) {
                results[i] = refused;
            } else if (downFeed(catalog, key.substring(0, key.indexOf('/'))).isPresent()) {
                results[i] = run(key, permissions, actor, jobId);
            } else {
                together.add(i);
            }
        }
        if (together.isEmpty()) {
            return List.of(results);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Pushed> pushed;
        try {
            pushed = dsl.transactionResult(c -> {
                DSLContext tx = c.dsl();
                StockPairs.Totals totals = new StockPairs.Totals();
                List<Pushed> done = new java.util.ArrayList<>(together.size());
                List<AuditEntry> audit = new java.util.ArrayList<>(together.size());
                java.util.Map<String, StockPairRecord> locked = StockPairs.lockAll(tx,
                        together.stream().map(itemKeys::get).toList());
                for (int i : together) {
                    StockPairRecord pair = locked.remove(itemKeys.get(i));
                    Pushed p = pair == null ? null : push(tx, catalog, pair, BOTH, now, totals);
                    done.add(p);
                    if (p != null) {
                        audit.add(resynced(p, now, actor, jobId));
                    }
                }
                totals.apply(tx);
                if (!audit.isEmpty()) {
                    AuditLog.append(tx, audit);
                }
                return done;
            });
        } catch (RuntimeException e) {
            for (int i : together) {
                results[i] = run(itemKeys.get(i), permissions, actor, jobId);
            }
            return List.of(results);
        }
        List<StockPairRecord> stored = new java.util.ArrayList<>(pushed.size());
        for (int n = 0; n < together.size(); n++) {
            Pushed p = pushed.get(n);
            String key = itemKeys.get(together.get(n));
            int slash = key.indexOf('/');
            if (p == null) {
                results[together.get(n)] = noSuchPair(key.substring(slash + 1), key.substring(0, slash));
            } else {
                results[together.get(n)] = new ReplayJobs.ItemResult(Outcome.SUCCEEDED, Effect.SYNC_STOCK, null,
                        null);
                stored.add(p.stored());
            }
        }
        if (!stored.isEmpty()) {
            store.views(stored, catalog, now).forEach(view -> InventoryEvents.stockChanged(events, view));
        }
        return List.of(results);
    }

    @Override
    public ReplayJobs.ItemResult run(String itemKey, Scopes permissions, String actor, String jobId) {
        ReplayJobs.ItemResult refused = refused(itemKey, permissions, actor);
        if (refused != null) {
            return refused;
        }
        int slash = itemKey.indexOf('/');
        String warehouse = itemKey.substring(0, slash);
        String sku = itemKey.substring(slash + 1);
        // The statements per pair are what a large job's speed is made of: the catalogue once, the pair read once
        // (under its lock, in the push), the event built from the row as stored rather than read back.
        IntegrationCatalog catalog = IntegrationCatalog.load(dsl);
        Optional<IntegrationRecord> down = downFeed(catalog, warehouse);
        if (down.isPresent()) {
            StockPairRecord pair = dsl.selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(sku))
                    .and(STOCK_PAIR.WAREHOUSE.eq(warehouse)).fetchOne();
            if (pair == null) {
                return noSuchPair(sku, warehouse);
            }
            String message = downMessage(down.get(), sku, warehouse);
            String failure = failures.inventorySyncFailed(sku, warehouse, Reason.WMS_UNAVAILABLE, message,
                    pair.getPlatformQty(), pair.getErpQty());
            return new ReplayJobs.ItemResult(Outcome.FAILED, Effect.FAIL_AGAIN, message + " Recorded as " + failure
                    + " in the inventory sync queue.", null);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Pushed pushed = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            Pushed p = push(tx, catalog, sku, warehouse, BOTH, now);
            if (p != null) {
                AuditLog.append(tx, resynced(p, now, actor, jobId));
            }
            return p;
        });
        if (pushed == null) {
            return noSuchPair(sku, warehouse);
        }
        store.view(pushed.stored(), catalog, now).ifPresent(view -> InventoryEvents.stockChanged(events, view));
        return new ReplayJobs.ItemResult(Outcome.SUCCEEDED, Effect.SYNC_STOCK, null, null);
    }

    private static ReplayJobs.ItemResult noSuchPair(String sku, String warehouse) {
        return new ReplayJobs.ItemResult(Outcome.SKIPPED, Effect.NOT_REPLAYABLE, "There is no stock of SKU " + sku
                + " at " + warehouse + ".", null);
    }
}
