package dev.opsdesk.sandbox.inventory;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.STOCK_HISTORY;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static dev.opsdesk.sandbox.db.Tables.SYNC_RUN;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.db.tables.records.IntegrationRecord;
import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.failures.IntegrationFailures;
import dev.opsdesk.sandbox.failures.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * One scheduled run of an integration: the ERP connector or a warehouse's WMS feed takes the platform's number of
 * each pair it disagrees with, as far as the data it carries reaches — a run with a lag of 30 minutes carries the
 * changes that are at least 30 minutes old, so a newer change waits for a later run (the pair stays settling). The
 * far system may reject single items: those are not synced, count as the run's errors, and each becomes an
 * {@code INVENTORY_SYNC} failure with its SKU and warehouse (replaying it runs that pair's sync again). A feed that is
 * down fails its whole run, and the newest change it could not deliver becomes a failure. The platform's own stock
 * service has nothing to take; its run counts the movements since its last one.
 *
 * <p>Each run is one transaction (the pairs through {@link StockResync#push}, the {@code sync_run} row, then its
 * {@code inventory.synced} or {@code inventory.sync_failed} audit event as the last write); failures are recorded after
 * it committed, each in its own transaction, and every synced pair is published as {@code stock.changed}.
 */
public final class IntegrationRuns {

    /** The most pairs one run carries (a connector's page); the rest waits for the next run. */
    public static final int MAX_ITEMS = 1_000;

    /** Whether the far system rejects the update of one pair: null to accept it. */
    @FunctionalInterface
    public interface Rejections {
        Rejection of(String sku, String warehouse);
    }

    /** Why the far system rejected an item. */
    public record Rejection(Reason reason, String message) {
    }

    /** What a run did: its id, status, items carried, items rejected, and the failures it recorded. */
    public record Result(long runId, String integrationId, String status, int items, int errors,
                         List<String> failureIds) {
    }

    private final DSLContext dsl;
    private final StockStore store;
    private final IntegrationFailures failures;
    private final EventHub events;

    public IntegrationRuns(DSLContext dsl, StockStore store, IntegrationFailures failures, EventHub events) {
        this.dsl = dsl;
        this.store = store;
        this.failures = failures;
        this.events = events;
    }

    /** Runs {@code integrationId} now, carrying data {@code lag} old. */
    public Result run(String integrationId, Instant now, Duration lag, Rejections rejections) {
        IntegrationCatalog catalog = IntegrationCatalog.load(dsl);
        IntegrationRecord integration = catalog.find(integrationId)
                .orElseThrow(() -> new IllegalArgumentException("No integration " + integrationId));
        if (integration.getDown()) {
            return failedRun(integration, now);
        }
        StockSystem system = StockSystem.valueOf(integration.getSystem());
        if (system == StockSystem.PLATFORM) {
            return platformRun(integration, now, lag);
        }
        List<StockPairRecord> pending = dsl.selectFrom(STOCK_PAIR).where(pending(integration, system, now, lag))
                .orderBy(STOCK_PAIR.PLATFORM_SYNCED_AT).limit(MAX_ITEMS).fetch();
        List<StockPairRecord> rejected = new ArrayList<>();
        List<Rejection> why = new ArrayList<>();
        List<StockResync.Pushed> pushed = new ArrayList<>();
        long runId = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            pushed.clear();
            rejected.clear();
            why.clear();
            // The warehouses' drift totals move once for the run, not once a pair.
            StockPairs.Totals totals = new StockPairs.Totals();
            for (StockPairRecord p : pending) {
                Rejection r = rejections.of(p.getSku(), p.getWarehouse());
                if (r != null) {
                    rejected.add(p);
                    why.add(r);
                    continue;
                }
                StockResync.Pushed done = StockResync.push(tx, catalog, p.getSku(), p.getWarehouse(),
                        EnumSet.of(system), now, totals);
                if (done != null) {
                    pushed.add(done);
                }
            }
            totals.apply(tx);
            int items = pushed.size() + rejected.size();
            String message = rejected.isEmpty() ? null : rejected.size() + " of " + items + " stock updates rejected"
                    + " by " + integration.getName() + ".";
            long id = insertRun(tx, integration, now, "SUCCEEDED", items, rejected.size(), lag, message);
            AuditLog.append(tx, AuditEntry.bySystem(now, "inventory-sync", "inventory.synced", "integration",
                            integration.getId())
                    .warehouse(integration.getWarehouse()).correlation("SR-" + id)
                    .with("system", system.name()).with("items", (long) items)
                    .with("errors", (long) rejected.size()).with("lagSeconds", lag.toSeconds()));
            return id;
        });
        List<String> failureIds = new ArrayList<>();
        for (int i = 0; i < rejected.size(); i++) {
            StockPairRecord p = rejected.get(i);
            failureIds.add(failures.inventorySyncFailed(p.getSku(), p.getWarehouse(), why.get(i).reason(),
                    why.get(i).message(), p.getPlatformQty(), p.getErpQty()));
        }
        for (StockResync.Pushed p : pushed) {
            store.find(p.sku(), p.warehouse(), now).ifPresent(view -> InventoryEvents.stockChanged(events, view));
        }
        return new Result(runId, integration.getId(), "SUCCEEDED", pushed.size() + rejected.size(), rejected.size(),
                failureIds);
    }

    /** The pairs whose number in {@code system} differs from the platform's, changed at least {@code lag} ago. */
    private static Condition pending(IntegrationRecord integration, StockSystem system, Instant now, Duration lag) {
        Condition c = STOCK_PAIR.DRIFT.gt(0)
                .and(STOCK_PAIR.PLATFORM_SYNCED_AT.le(StockStore.utc(now.minus(lag))))
                .and(system == StockSystem.ERP ? STOCK_PAIR.ERP_QTY.ne(STOCK_PAIR.PLATFORM_QTY)
                        : STOCK_PAIR.WMS_QTY.ne(STOCK_PAIR.PLATFORM_QTY));
        return integration.getWarehouse() == null ? c : c.and(STOCK_PAIR.WAREHOUSE.eq(integration.getWarehouse()));
    }

    /** The platform's stock service: it took the movements since its last run. */
    private Result platformRun(IntegrationRecord integration, Instant now, Duration lag) {
        long id = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            var last = tx.select(SYNC_RUN.STARTED_AT).from(SYNC_RUN)
                    .where(SYNC_RUN.INTEGRATION_ID.eq(integration.getId()))
                    .orderBy(SYNC_RUN.STARTED_AT.desc()).limit(1).fetchOne(SYNC_RUN.STARTED_AT);
            Condition since = last == null ? STOCK_HISTORY.AT.le(StockStore.utc(now))
                    : STOCK_HISTORY.AT.gt(last).and(STOCK_HISTORY.AT.le(StockStore.utc(now)));
            int items = tx.fetchCount(STOCK_HISTORY, since.and(STOCK_HISTORY.SYSTEM.eq(StockSystem.PLATFORM.name()))
                    .and(STOCK_HISTORY.CAUSE.eq("MOVEMENT")));
            long runId = insertRun(tx, integration, now, "SUCCEEDED", items, 0, lag, null);
            AuditLog.append(tx, AuditEntry.bySystem(now, "inventory-sync", "inventory.synced", "integration",
                            integration.getId()).correlation("SR-" + runId)
                    .with("system", StockSystem.PLATFORM.name()).with("items", (long) items).with("errors", 0L)
                    .with("lagSeconds", lag.toSeconds()));
            return runId;
        });
        return new Result(id, integration.getId(), "SUCCEEDED", 0, 0, List.of());
    }

    /**
     * A feed that is down: the run fails, and the newest change waiting for it (a pair without an open sync failure
     * yet) is recorded as a failure, so that the queue shows what the outage holds up.
     */
    private Result failedRun(IntegrationRecord integration, Instant now) {
        StockSystem system = StockSystem.valueOf(integration.getSystem());
        String message = integration.getName() + " does not answer (connection refused).";
        long id = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            long runId = insertRun(tx, integration, now, "FAILED", 0, 1, Duration.ZERO, message);
            AuditLog.append(tx, AuditEntry.bySystem(now, "inventory-sync", "inventory.sync_failed", "integration",
                            integration.getId())
                    .warehouse(integration.getWarehouse()).correlation("SR-" + runId)
                    .with("system", system.name()).with("message", message));
            return runId;
        });
        List<String> failureIds = new ArrayList<>();
        if (system != StockSystem.PLATFORM) {
            Condition waiting = STOCK_PAIR.DRIFT.gt(0).and(system == StockSystem.ERP
                    ? STOCK_PAIR.ERP_QTY.ne(STOCK_PAIR.PLATFORM_QTY) : STOCK_PAIR.WMS_QTY.ne(STOCK_PAIR.PLATFORM_QTY));
            if (integration.getWarehouse() != null) {
                waiting = waiting.and(STOCK_PAIR.WAREHOUSE.eq(integration.getWarehouse()));
            }
            StockPairRecord newest = dsl.selectFrom(STOCK_PAIR).where(waiting)
                    .and(org.jooq.impl.DSL.notExists(org.jooq.impl.DSL.selectOne().from(FAILURE)
                            .where(FAILURE.QUEUE.eq("INVENTORY_SYNC")).and(FAILURE.SKU.eq(STOCK_PAIR.SKU))
                            .and(FAILURE.WAREHOUSE.eq(STOCK_PAIR.WAREHOUSE))
                            .and(FAILURE.STATUS.in("OPEN", "REPLAYING"))))
                    .orderBy(STOCK_PAIR.PLATFORM_SYNCED_AT.desc()).limit(1).fetchOne();
            if (newest != null) {
                failureIds.add(failures.inventorySyncFailed(newest.getSku(), newest.getWarehouse(),
                        Reason.WMS_UNAVAILABLE, integration.getName() + " did not accept connections (HTTP 503):"
                                + " the stock of SKU " + newest.getSku() + " at " + newest.getWarehouse()
                                + " could not be synced.", newest.getPlatformQty(), newest.getErpQty()));
            }
        }
        return new Result(id, integration.getId(), "FAILED", 0, 1, failureIds);
    }

    private static long insertRun(DSLContext tx, IntegrationRecord integration, Instant now, String status, int items,
                                  int errors, Duration lag, String message) {
        return tx.insertInto(SYNC_RUN)
                .set(SYNC_RUN.INTEGRATION_ID, integration.getId())
                .set(SYNC_RUN.STARTED_AT, StockStore.utc(now))
                .set(SYNC_RUN.FINISHED_AT, StockStore.utc(now))
                .set(SYNC_RUN.STATUS, status)
                .set(SYNC_RUN.ITEMS, items)
                .set(SYNC_RUN.ERRORS, errors)
                .set(SYNC_RUN.LAG_SECONDS, (int) lag.toSeconds())
                .set(SYNC_RUN.MESSAGE, message)
                .returningResult(SYNC_RUN.ID).fetchOne().value1();
    }
}
