package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.STOCK_HISTORY;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static dev.opsdesk.sandbox.db.Tables.SYNC_RUN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import dev.opsdesk.sandbox.inventory.StockPairs;
import dev.opsdesk.sandbox.inventory.StockStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code --traffic}, inventory lives: ninety simulated minutes (ticks of the simulator's clock, no sleeping) move
 * stock, run every integration on its schedule, and leave the integrations OK — all but the WMS feed the seed left
 * stalled, which stays down — with some syncs failed into the INVENTORY_SYNC queue carrying their SKU and warehouse.
 * Replaying such a failure runs that pair's sync again. The changes reach a warehouse user's live stream for their
 * warehouses only.
 */
class InventoryTrafficTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TICKS = 90;

    private static MutableClock clock;
    private static SandboxServer server;
    private static Api api;
    private static DSLContext db;
    private static Instant start;
    private static final List<SseClient.Event> warehouseEvents = new ArrayList<>();

    @BeforeAll
    static void runNinetyMinutesOfTraffic() throws Exception {
        clock = TestSandboxes.clock();
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withClock(clock).withTraffic(true));
        api = new Api(server);
        db = server.dsl();
        start = clock.instant();
        try (SseClient stream = new SseClient(server.baseUri(), api.token(TestSandboxes.demo(server, "warehouse")),
                null, "inventory")) {
            assertThat(stream.nextComment(Duration.ofSeconds(10))).isEqualTo("connected");
            var traffic = server.traffic().inventory();
            traffic.tick(clock.instant());
            for (int i = 0; i < TICKS; i++) {
                clock.advance(Duration.ofMinutes(1));
                traffic.tick(clock.instant());
            }
            for (SseClient.Event e = stream.next(Duration.ofSeconds(2)); e != null;
                    e = stream.next(Duration.ofSeconds(2))) {
                warehouseEvents.add(e);
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String role) {
        return api.token(TestSandboxes.demo(server, role));
    }

    private static JsonNode json(String data) throws Exception {
        return JSON.readTree(data);
    }

    @Test
    void integrationsStayOkExceptTheFeedTheSeedLeftStalled() {
        Map<String, String> status = new HashMap<>();
        api.get("/v1/inventory/integrations", token("ops")).json().get("items")
                .forEach(i -> status.put(i.get("id").asText(), i.get("status").asText()));
        assertThat(status).containsEntry("wms-WH-2", "DOWN");
        status.remove("wms-WH-2");
        assertThat(status).isNotEmpty().allSatisfy((id, s) -> assertThat(s).as(id).isEqualTo("OK"));
        // Every integration ran on its schedule: the stalled feed's runs failed, the others' succeeded.
        assertThat(db.fetchCount(SYNC_RUN, SYNC_RUN.INTEGRATION_ID.eq("wms-WH-2")
                .and(SYNC_RUN.STARTED_AT.gt(StockStore.utc(start))).and(SYNC_RUN.STATUS.eq("FAILED"))))
                .isGreaterThanOrEqualTo(TICKS / 5 - 1);
        assertThat(db.fetchCount(SYNC_RUN, SYNC_RUN.INTEGRATION_ID.eq("erp")
                .and(SYNC_RUN.STARTED_AT.gt(StockStore.utc(start))).and(SYNC_RUN.STATUS.eq("SUCCEEDED"))))
                .isGreaterThanOrEqualTo(TICKS / 15 - 1);
    }

    @Test
    void ordersReceiptsAndReturnsMovedThePlatformAndTheSyncsCarriedItToTheOtherSystems() {
        int moved = db.fetchCount(STOCK_HISTORY, STOCK_HISTORY.CAUSE.eq("MOVEMENT")
                .and(STOCK_HISTORY.AT.gt(StockStore.utc(start))));
        assertThat(moved).isGreaterThan(1000);
        assertThat(db.fetchCount(STOCK_HISTORY, STOCK_HISTORY.CAUSE.eq("SYNC").and(STOCK_HISTORY.SYSTEM.eq("WMS"))
                .and(STOCK_HISTORY.AT.gt(StockStore.utc(start))))).isPositive();
        assertThat(db.fetchCount(STOCK_HISTORY, STOCK_HISTORY.CAUSE.eq("SYNC").and(STOCK_HISTORY.SYSTEM.eq("ERP"))
                .and(STOCK_HISTORY.AT.gt(StockStore.utc(start))))).isPositive();
        // At a healthy warehouse, a movement older than the WMS feed's lag has reached the WMS.
        assertThat(db.fetchCount(STOCK_PAIR, STOCK_PAIR.WAREHOUSE.eq("WH-1")
                .and(STOCK_PAIR.WMS_QTY.ne(STOCK_PAIR.PLATFORM_QTY))
                .and(STOCK_PAIR.PLATFORM_SYNCED_AT.lt(StockStore.utc(clock.instant().minus(Duration.ofMinutes(10)))))))
                .isZero();
        // Each movement and each run is audited, in its own transaction.
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("inventory.moved"))).isEqualTo(moved);
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("inventory.synced"))).isPositive();
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("inventory.sync_failed"))).isPositive();
    }

    @Test
    void someSyncsFailedIntoTheQueueWithTheirSkuAndWarehouse() {
        List<FailureRecord> failures = db.selectFrom(FAILURE).where(FAILURE.QUEUE.eq("INVENTORY_SYNC"))
                .and(FAILURE.FIRST_SEEN_AT.gt(StockStore.utc(start))).fetch();
        assertThat(failures).isNotEmpty().allSatisfy(f -> {
            assertThat(f.getSku()).isNotNull();
            assertThat(f.getWarehouse()).isNotNull();
            assertThat(db.fetchExists(STOCK_PAIR, STOCK_PAIR.SKU.eq(f.getSku())
                    .and(STOCK_PAIR.WAREHOUSE.eq(f.getWarehouse())))).as("a real pair: %s", f.getSku()).isTrue();
            assertThat(f.getPayload()).contains(f.getSku()).contains(f.getWarehouse());
        });
        assertThat(failures).anySatisfy(f -> {
            assertThat(f.getWarehouse()).isEqualTo("WH-2");
            assertThat(f.getReason()).isEqualTo("WMS_UNAVAILABLE");
        });
        assertThat(failures).as("a single item rejected at a healthy warehouse")
                .anySatisfy(f -> assertThat(f.getWarehouse()).isNotEqualTo("WH-2"));
    }

    @Test
    void replayingASyncFailureRunsThatPairsSyncAgain() {
        String ops = token("ops");
        List<FailureRecord> healthy = db.selectFrom(FAILURE).where(FAILURE.QUEUE.eq("INVENTORY_SYNC"))
                .and(FAILURE.FIRST_SEEN_AT.gt(StockStore.utc(start))).and(FAILURE.WAREHOUSE.ne("WH-2"))
                .and(FAILURE.STATUS.eq("OPEN")).orderBy(FAILURE.ID).fetch();
        FailureRecord replayed = null;
        for (FailureRecord f : healthy) {
            // Now and then the ERP rejects a replay again (simulated); the next failure then.
            JsonNode result = api.postWithKey("/v1/failures/" + f.getId() + "/replay", ops, null, "{}").json();
            if (result.get("outcome").asText().equals("SUCCEEDED")) {
                replayed = f;
                break;
            }
        }
        assertThat(replayed).as("one of %s replayed", healthy.size()).isNotNull();
        StockPairRecord pair = db.selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(replayed.getSku()))
                .and(STOCK_PAIR.WAREHOUSE.eq(replayed.getWarehouse())).fetchSingle();
        assertThat(pair.getErpQty()).isEqualTo(pair.getPlatformQty());
        assertThat(pair.getWmsQty()).isEqualTo(pair.getPlatformQty());
        assertThat(pair.getDrift()).isZero();
        assertThat(db.fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("inventory.resynced")
                .and(AUDIT_EVENT.CORRELATION_ID.eq(replayed.getId())))).isEqualTo(1);

        // Where the feed is down, the replay fails again and nothing changes.
        FailureRecord stalled = db.selectFrom(FAILURE).where(FAILURE.QUEUE.eq("INVENTORY_SYNC"))
                .and(FAILURE.FIRST_SEEN_AT.gt(StockStore.utc(start))).and(FAILURE.WAREHOUSE.eq("WH-2"))
                .and(FAILURE.STATUS.eq("OPEN")).orderBy(FAILURE.ID).limit(1).fetchSingle();
        StockPairRecord before = db.selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(stalled.getSku()))
                .and(STOCK_PAIR.WAREHOUSE.eq("WH-2")).fetchSingle();
        JsonNode again = api.postWithKey("/v1/failures/" + stalled.getId() + "/replay", ops, null, "{}").json();
        assertThat(again.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(db.selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(stalled.getSku()))
                .and(STOCK_PAIR.WAREHOUSE.eq("WH-2")).fetchSingle().getWmsQty()).isEqualTo(before.getWmsQty());
    }

    @Test
    void theChangesReachTheWarehouseUsersStreamForTheirWarehousesOnly() throws Exception {
        Set<String> own = Set.copyOf(TestSandboxes.demo(server, "warehouse").warehouses());
        assertThat(warehouseEvents).isNotEmpty();
        for (SseClient.Event e : warehouseEvents) {
            assertThat(e.event()).isEqualTo("stock.changed");
            assertThat(json(e.data()).at("/stock/warehouse").asText()).isIn(own);
        }
    }

    @Test
    void theDriftTotalsTheWritesKeptMatchACountFromThePairs() {
        Map<String, List<Object>> kept = new HashMap<>();
        db.select().from(dev.opsdesk.sandbox.db.Tables.WAREHOUSE_DRIFT).orderBy(1).fetch()
                .forEach(r -> kept.put(r.get(0, String.class), List.of(r.get(1), r.get(2), r.get(3))));
        // Counting afresh (as the seed does) gives what the movements, syncs and replays kept up to date.
        StockPairs.recount(db);
        Map<String, List<Object>> counted = new HashMap<>();
        db.select().from(dev.opsdesk.sandbox.db.Tables.WAREHOUSE_DRIFT).orderBy(1).fetch()
                .forEach(r -> counted.put(r.get(0, String.class), List.of(r.get(1), r.get(2), r.get(3))));
        assertThat(kept).isEqualTo(counted).hasSize(4);
    }
}
