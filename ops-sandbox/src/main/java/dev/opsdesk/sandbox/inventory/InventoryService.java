package dev.opsdesk.sandbox.inventory;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.auth.Target;
import dev.opsdesk.sandbox.db.tables.records.IntegrationRecord;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** The reads of inventory within the caller's warehouse scope: one pair, integrations, drift summary and trend. */
public final class InventoryService {

    private final DSLContext dsl;
    private final StockStore store;
    private final Clock clock;

    public InventoryService(DSLContext dsl, StockStore store, Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The pair, if the caller may do {@code permission} on it: 404 when there is none, 403 outside their scope. */
    public InventoryViews.StockPair load(Scopes scopes, Permission permission, String sku, String warehouse) {
        InventoryViews.StockPair pair = store.find(sku, warehouse, now()).orElseThrow(() -> new ApiException(
                ProblemType.NOT_FOUND, "There is no stock of SKU " + sku + " at warehouse " + warehouse + "."));
        if (!scopes.may(permission, Target.inWarehouse(warehouse))) {
            throw new ApiException(ProblemType.FORBIDDEN, "Your role does not let you "
                    + (permission == Permission.INVENTORY_READ ? "see" : "change") + " the stock of warehouse "
                    + warehouse + ".");
        }
        return pair;
    }

    public InventoryViews.StockDetail detail(Scopes scopes, String sku, String warehouse) {
        return store.detail(load(scopes, Permission.INVENTORY_READ, sku, warehouse));
    }

    /**
     * The integrations the caller may see: the WMS feeds of their warehouses, and the ones every warehouse shares
     * (the ERP connector, the platform's stock service).
     */
    public List<InventoryViews.Integration> integrations(Scopes scopes) {
        List<IntegrationRecord> visible = IntegrationCatalog.load(dsl).all().stream()
                .filter(i -> i.getWarehouse() == null
                        || scopes.may(Permission.INVENTORY_READ, Target.inWarehouse(i.getWarehouse())))
                .toList();
        return IntegrationHealth.of(dsl, visible, now());
    }

    public InventoryViews.DriftSummary summary(Scopes scopes) {
        Instant now = now();
        List<IntegrationRecord> all = IntegrationCatalog.load(dsl).all();
        Map<String, String> status = new HashMap<>();
        for (InventoryViews.Integration i : IntegrationHealth.of(dsl, all, now)) {
            status.put(i.id(), i.status());
        }
        Map<String, IntegrationRecord> worst = new HashMap<>();
        for (String warehouse : store.warehouses(scopes.filter(Permission.INVENTORY_READ))) {
            all.stream().filter(i -> i.getWarehouse() == null || i.getWarehouse().equals(warehouse))
                    .min(Comparator.comparingInt((IntegrationRecord i) -> IntegrationHealth.rank(status.get(i.getId())))
                            .thenComparing(i -> i.getWarehouse() == null ? 1 : 0))
                    .filter(i -> !IntegrationHealth.OK.equals(status.get(i.getId())))
                    .ifPresent(i -> worst.put(warehouse, i));
        }
        return new InventoryViews.DriftSummary(now, store.summary(scopes.filter(Permission.INVENTORY_READ), now,
                worst, status));
    }

    /** Hourly drift over the last {@code days}, of {@code warehouse} or (null) every warehouse the caller may read. */
    public InventoryViews.DriftTrend trend(Scopes scopes, String warehouse, int days) {
        List<String> readable = store.warehouses(scopes.filter(Permission.INVENTORY_READ));
        List<String> warehouses = readable;
        if (warehouse != null) {
            if (!store.warehouseExists(warehouse)) {
                throw new ApiException(ProblemType.NOT_FOUND, "There is no warehouse " + warehouse + ".");
            }
            if (!readable.contains(warehouse)) {
                throw new ApiException(ProblemType.FORBIDDEN, "Your role does not let you see the stock of warehouse "
                        + warehouse + ".");
            }
            warehouses = List.of(warehouse);
        }
        // Whole hours: the first point is the hour the window starts in, whatever the minute of the request (a
        // window starting at 05:00:30 fourteen days ago still shows the 05:00 snapshot).
        Instant since = now().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
        return new InventoryViews.DriftTrend(warehouses, store.trend(warehouses, since));
    }
}
