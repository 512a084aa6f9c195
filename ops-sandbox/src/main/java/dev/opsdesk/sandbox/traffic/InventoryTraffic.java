package dev.opsdesk.sandbox.traffic;

import static dev.opsdesk.sandbox.db.Tables.INTEGRATION;
import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.SYNC_RUN;
import static dev.opsdesk.sandbox.db.Tables.WAREHOUSE;

import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.failures.IntegrationFailures;
import dev.opsdesk.sandbox.failures.Reason;
import dev.opsdesk.sandbox.generate.InventoryData;
import dev.opsdesk.sandbox.inventory.IntegrationCatalog;
import dev.opsdesk.sandbox.inventory.IntegrationRuns;
import dev.opsdesk.sandbox.inventory.PlatformMovements;
import dev.opsdesk.sandbox.inventory.StockStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;

/**
 * Stock that moves while someone watches, driven by ticks of the simulator's clock (so a test runs an hour in a
 * loop): orders pick stock (the platform's number drops at once, the WMS's with its feed's next run), receipts and
 * returns raise it; each integration runs on its schedule with its lag — the platform's stock service and every WMS
 * feed every 5 minutes with seconds of lag, the ERP connector every 15 minutes carrying data 20 to 40 minutes old —
 * and the far systems reject about one item in a hundred, which lands in the {@code INVENTORY_SYNC} queue with its SKU
 * and warehouse. A feed the seed left down (WH-2's WMS) stays down: its runs fail and what it holds up becomes
 * failures. Every choice comes from the seed.
 */
public final class InventoryTraffic {

    /** Movements per second of simulated time. */
    static final double MOVES_PER_SECOND = 0.5;
    /** However long the clock jumped, at most this many movements per tick. */
    static final int MAX_MOVES_PER_TICK = 200;
    static final Duration ERP_EVERY = Duration.ofMinutes(15);
    /** Per mille of synced items the ERP or a WMS rejects. */
    static final int REJECT_PER_MILLE = 10;

    private final DSLContext dsl;
    private final PlatformMovements movements;
    private final IntegrationRuns runs;
    private final Random random;
    private final InventoryData data;
    private final Map<String, Instant> nextRun = new LinkedHashMap<>();
    private final Map<String, Duration> every = new LinkedHashMap<>();
    private List<String> warehouses;
    private int skus;
    private Instant last;
    private double owed;

    public InventoryTraffic(DSLContext dsl, EventHub events, IntegrationFailures failures, long seed) {
        this.dsl = dsl;
        StockStore store = new StockStore(dsl);
        this.movements = new PlatformMovements(dsl, store, events);
        this.runs = new IntegrationRuns(dsl, store, failures, events);
        this.random = new Random(seed ^ 0x570C4L);
        this.data = new InventoryData(random);
    }

    /**
     * Moves the stock the time since the last tick brought, then runs every integration that is due. The first tick
     * only learns the catalogue and when each integration ran last.
     */
    public synchronized void tick(Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        if (last == null) {
            start(now);
            return;
        }
        if (skus == 0 || !now.isAfter(last)) {
            return;
        }
        owed += Duration.between(last, now).toMillis() / 1000.0 * MOVES_PER_SECOND;
        last = now;
        int n = (int) Math.min(MAX_MOVES_PER_TICK, Math.floor(owed));
        owed = Math.min(owed - n, MAX_MOVES_PER_TICK);
        List<PlatformMovements.Move> moves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int delta = data.movement();
            PlatformMovements.Cause cause = delta < 0 ? PlatformMovements.Cause.ORDER
                    : delta == 1 ? PlatformMovements.Cause.RETURN : PlatformMovements.Cause.RECEIPT;
            moves.add(new PlatformMovements.Move(InventoryData.sku(random.nextInt(skus)),
                    warehouses.get(random.nextInt(warehouses.size())), delta, cause));
        }
        movements.apply(moves, now);
        for (Map.Entry<String, Instant> due : nextRun.entrySet()) {
            if (!now.isBefore(due.getValue())) {
                String id = due.getKey();
                runs.run(id, now, lag(id), (sku, warehouse) -> reject(id, sku, warehouse));
                due.setValue(now.plus(every.get(id)));
            }
        }
    }

    private void start(Instant now) {
        last = now;
        skus = dsl.fetchCount(SKU);
        warehouses = dsl.select(WAREHOUSE.CODE).from(WAREHOUSE).orderBy(WAREHOUSE.CODE).fetch(WAREHOUSE.CODE);
        for (var i : dsl.selectFrom(INTEGRATION).orderBy(INTEGRATION.ID).fetch()) {
            Duration interval = i.getId().equals(IntegrationCatalog.ERP_ID) ? ERP_EVERY : Duration.ofSeconds(i.getIntervalSeconds());
            OffsetDateTime ran = dsl.select(SYNC_RUN.STARTED_AT).from(SYNC_RUN)
                    .where(SYNC_RUN.INTEGRATION_ID.eq(i.getId())).orderBy(SYNC_RUN.STARTED_AT.desc()).limit(1)
                    .fetchOne(SYNC_RUN.STARTED_AT);
            every.put(i.getId(), interval);
            nextRun.put(i.getId(), ran == null ? now : ran.toInstant().plus(interval));
        }
    }

    /** How old the data a run of {@code integration} carries is. */
    private Duration lag(String integration) {
        return switch (integration) {
            case IntegrationCatalog.ERP_ID -> Duration.ofSeconds(1200 + random.nextInt(1201));
            case IntegrationCatalog.PLATFORM_ID -> Duration.ofSeconds(random.nextInt(5));
            default -> Duration.ofSeconds(5 + random.nextInt(56));
        };
    }

    /** About one item in a hundred: the ERP rejects it or times out; a WMS is briefly unavailable or times out. */
    private IntegrationRuns.Rejection reject(String integration, String sku, String warehouse) {
        if (random.nextInt(1000) >= REJECT_PER_MILLE) {
            return null;
        }
        boolean erp = integration.equals(IntegrationCatalog.ERP_ID);
        if (random.nextBoolean()) {
            return new IntegrationRuns.Rejection(Reason.DOWNSTREAM_TIMEOUT, (erp ? "The ERP" : "The warehouse system at "
                    + warehouse) + " did not answer within 30 s while syncing SKU " + sku + " at " + warehouse + ".");
        }
        return erp
                ? new IntegrationRuns.Rejection(Reason.ERP_REJECTED, "The ERP rejected the stock update for SKU " + sku
                        + " at " + warehouse + ": the accounting period is locked for stock-taking.")
                : new IntegrationRuns.Rejection(Reason.WMS_UNAVAILABLE, "The warehouse system at " + warehouse
                        + " did not accept the update of SKU " + sku + " (HTTP 503).");
    }
}
