package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.inventory.Drift;
import dev.opsdesk.sandbox.inventory.StockPairs;
import dev.opsdesk.sandbox.seed.InventorySeeder;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stock matrix read through the API: drift, settling and stuck for every shape, the seeded stories, scope. */
class InventoryStockTest {

    private static MutableClock clock;
    private static SandboxServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        clock = TestSandboxes.clock();
        server = TestSandboxes.withClock(clock);
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Tests that do not move the clock read the shared sandbox (as seeded, at the real time). */
    private final SandboxServer shared = TestSandboxes.shared();
    private final Api sharedApi = new Api(shared);

    private static String token(String role) {
        return api.token(TestSandboxes.demo(server, role));
    }

    private String sharedToken(String role) {
        return sharedApi.token(TestSandboxes.demo(shared, role));
    }

    /** Stores a pair the way every write does: the derived facts from {@link Drift#of}. */
    private static void pair(String sku, int platform, int erp, int wms, Instant changedAt, Instant wmsSyncedAt) {
        DSLContext dsl = server.dsl();
        Instant now = clock.instant();
        dsl.insertInto(SKU).set(SKU.SKU_, sku).set(SKU.NAME, "Test item " + sku)
                .set(SKU.EAN, "9" + String.format("%012d", Math.abs(sku.hashCode()) % 1_000_000_000_000L))
                .set(SKU.UNIT, "pcs").execute();
        Drift d = Drift.of(platform, erp, wms, null, changedAt, InventorySeeder.ERP_INTERVAL,
                InventorySeeder.WMS_INTERVAL);
        dsl.insertInto(STOCK_PAIR)
                .set(STOCK_PAIR.SKU, sku).set(STOCK_PAIR.WAREHOUSE, "WH-1")
                .set(STOCK_PAIR.PLATFORM_QTY, platform).set(STOCK_PAIR.PLATFORM_VERSION, 1L)
                .set(STOCK_PAIR.PLATFORM_SYNCED_AT, utc(changedAt))
                .set(STOCK_PAIR.ERP_QTY, erp).set(STOCK_PAIR.ERP_VERSION, 1L)
                .set(STOCK_PAIR.ERP_SYNCED_AT, utc(now.minus(Duration.ofMinutes(25))))
                .set(STOCK_PAIR.WMS_QTY, wms).set(STOCK_PAIR.WMS_VERSION, 1L)
                .set(STOCK_PAIR.WMS_SYNCED_AT, utc(wmsSyncedAt))
                .set(STOCK_PAIR.DRIFT, d.drift()).set(STOCK_PAIR.DRIFT_SINCE, utc(d.driftSince()))
                .set(STOCK_PAIR.STUCK_AFTER, utc(d.stuckAfter()))
                .set(STOCK_PAIR.OLDEST_SYNCED_AT, utc(now.minus(Duration.ofHours(4))))
                .set(STOCK_PAIR.OVERSOLD, d.oversold())
                .execute();
        // Written beside the API, so the warehouse's drift totals are counted again, as the seed does.
        StockPairs.recount(dsl);
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Map<String, JsonNode> rows(String query, String token) {
        Map<String, JsonNode> rows = new HashMap<>();
        api.get("/v1/inventory/stock?limit=500&" + query, token).json().get("items")
                .forEach(r -> rows.put(r.get("sku").asText(), r));
        return rows;
    }

    @Test
    void driftSettlingAndStuckForEveryShape() {
        Instant now = clock.instant();
        Instant fresh = now.minus(Duration.ofMinutes(1));
        pair("TST-EQUAL", 40, 40, 40, now.minus(Duration.ofHours(2)), fresh);
        // The ERP has not yet had a sale from ten minutes ago: its interval is an hour, so this settles.
        pair("TST-ERPLAG", 38, 40, 38, now.minus(Duration.ofMinutes(10)), fresh);
        // The WMS number is three hours old and disagrees: its 5-minute sync never came.
        pair("TST-STALE", 30, 30, 36, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(3)));
        // Sold below zero.
        pair("TST-NEGATIVE", -3, -3, 0, now.minus(Duration.ofMinutes(30)), fresh);
        // The platform offers more than the shelf holds.
        pair("TST-OVERSOLD", 12, 12, 4, now.minus(Duration.ofMinutes(2)), fresh);

        String ops = token("ops");
        Map<String, JsonNode> rows = rows("q=TST-", ops);
        assertThat(rows).hasSize(5);
        assertThat(rows.get("TST-EQUAL").get("drift").asInt()).isZero();
        assertThat(rows.get("TST-EQUAL").get("state").asText()).isEqualTo("IN_SYNC");
        assertThat(rows.get("TST-EQUAL").get("oversold").asBoolean()).isFalse();
        assertThat(rows.get("TST-ERPLAG").get("drift").asInt()).isEqualTo(2);
        assertThat(rows.get("TST-ERPLAG").get("state").asText()).isEqualTo("SETTLING");
        assertThat(rows.get("TST-STALE").get("drift").asInt()).isEqualTo(6);
        assertThat(rows.get("TST-STALE").get("state").asText()).isEqualTo("STUCK");
        assertThat(rows.get("TST-STALE").at("/wms/stale").asBoolean()).isTrue();
        assertThat(rows.get("TST-STALE").at("/platform/stale").asBoolean()).isTrue();
        assertThat(rows.get("TST-NEGATIVE").get("drift").asInt()).isEqualTo(3);
        assertThat(rows.get("TST-NEGATIVE").get("state").asText()).isEqualTo("STUCK");
        assertThat(rows.get("TST-NEGATIVE").get("oversold").asBoolean()).isTrue();
        assertThat(rows.get("TST-OVERSOLD").get("drift").asInt()).isEqualTo(8);
        assertThat(rows.get("TST-OVERSOLD").get("state").asText()).isEqualTo("SETTLING");
        assertThat(rows.get("TST-OVERSOLD").get("oversold").asBoolean()).isTrue();

        assertThat(rows("q=TST-&state=STUCK", ops).keySet()).containsExactlyInAnyOrder("TST-STALE", "TST-NEGATIVE");
        assertThat(rows("q=TST-&state=SETTLING", ops).keySet()).containsExactlyInAnyOrder("TST-ERPLAG",
                "TST-OVERSOLD");
        assertThat(rows("q=TST-&oversold=true", ops).keySet()).containsExactlyInAnyOrder("TST-NEGATIVE",
                "TST-OVERSOLD");
        assertThat(rows("q=TST-&drifting=false", ops).keySet()).containsExactly("TST-EQUAL");
        assertThat(rows("q=TST-&minDrift=6", ops).keySet()).containsExactlyInAnyOrder("TST-STALE", "TST-OVERSOLD");
        assertThat(rows("q=TST-&staleSystem=WMS&olderThanMinutes=60", ops).keySet()).containsExactly("TST-STALE");

        // Time passes and no sync comes: the oversold pair's WMS sync was due after five minutes.
        clock.advance(Duration.ofMinutes(6));
        assertThat(rows("q=TST-&state=STUCK", ops).keySet()).containsExactlyInAnyOrder("TST-STALE", "TST-NEGATIVE",
                "TST-OVERSOLD");
        // ... and after the ERP's hour the ERP-lag one is stuck too.
        clock.advance(Duration.ofMinutes(50));
        assertThat(rows("q=TST-&state=STUCK", ops)).containsKey("TST-ERPLAG");
    }

    @Test
    void theSeedTellsItsStories() {
        String ops = sharedToken("ops");
        Map<String, String> health = new HashMap<>();
        sharedApi.get("/v1/inventory/integrations", ops).json().get("items")
                .forEach(i -> health.put(i.get("id").asText(), i.get("status").asText()));
        assertThat(health).containsEntry("wms-" + InventorySeeder.STALLED, "DOWN").containsEntry("erp", "DEGRADED")
                .containsEntry("wms-WH-1", "OK").containsEntry("platform", "OK");

        JsonNode stuck = sharedApi.get("/v1/inventory/stock?warehouse=WH-2&state=STUCK&limit=5", ops).json().get("items");
        assertThat(stuck).isNotEmpty();
        assertThat(stuck.get(0).at("/wms/stale").asBoolean()).isTrue();
        assertThat(sharedApi.get("/v1/inventory/stock?oversold=true", ops).json().get("items")).isNotEmpty();
        JsonNode summary = sharedApi.get("/v1/inventory/summary", ops).json().get("warehouses");
        JsonNode stalled = null;
        for (JsonNode w : summary) {
            if (w.get("warehouse").asText().equals(InventorySeeder.STALLED)) {
                stalled = w;
            }
        }
        assertThat(stalled).isNotNull();
        assertThat(stalled.get("stuckPairs").asInt()).isGreaterThan(20);
        assertThat(stalled.get("worstIntegration").asText()).isEqualTo("wms-WH-2");
        assertThat(stalled.get("worstStatus").asText()).isEqualTo("DOWN");
        JsonNode trend = sharedApi.get("/v1/inventory/trend", ops).json().get("points");
        assertThat(trend.size()).isBetween(14 * 24, 14 * 24 + 1);
    }

    @Test
    void theTrendStartsAtTheHourItsWindowStartsInWhateverTheMinuteOfTheRequest() {
        // A request a minute past the hour used to lose the window's first hour (and, past a second boundary
        // after seeding, one more): the chart of "the last 14 days" then started late.
        clock.advance(Duration.ofMinutes(1));
        Instant now = clock.instant();
        JsonNode points = api.get("/v1/inventory/trend", token("ops")).json().get("points");
        Instant first = Instant.parse(points.get(0).get("at").asText());
        assertThat(first).isEqualTo(now.minus(Duration.ofDays(14)).truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        for (int i = 1; i < points.size(); i++) {
            assertThat(Duration.between(Instant.parse(points.get(i - 1).get("at").asText()),
                    Instant.parse(points.get(i).get("at").asText()))).isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    void pagesFollowTheSortWithoutGapsOrRepeats() {
        String ops = sharedToken("ops");
        for (String sort : List.of("drift", "sku", "oldestSync")) {
            Set<String> seen = new HashSet<>();
            List<JsonNode> all = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = sharedApi.get("/v1/inventory/stock?drifting=true&limit=37&sort=" + sort
                        + (cursor == null ? "" : "&cursor=" + cursor), ops).json();
                page.get("items").forEach(all::add);
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            } while (cursor != null);
            for (JsonNode row : all) {
                assertThat(seen.add(row.get("sku").asText() + "@" + row.get("warehouse").asText())).as(sort).isTrue();
            }
            long drifting = 0;
            for (JsonNode w : sharedApi.get("/v1/inventory/summary", ops).json().get("warehouses")) {
                drifting += w.get("driftingPairs").asLong();
            }
            assertThat(all).as(sort).hasSize((int) drifting);
            if (sort.equals("drift")) {
                for (int i = 1; i < all.size(); i++) {
                    assertThat(all.get(i).get("drift").asInt()).isLessThanOrEqualTo(all.get(i - 1).get("drift").asInt());
                }
            }
        }
    }

    @Test
    void aWarehouseUserReadsOnlyTheirWarehouses() {
        String warehouse = sharedToken("warehouse");
        Set<String> seen = new HashSet<>();
        sharedApi.get("/v1/inventory/stock?limit=500&drifting=true", warehouse).json().get("items")
                .forEach(r -> seen.add(r.get("warehouse").asText()));
        assertThat(seen).isNotEmpty().isSubsetOf("WH-1", "WH-2");
        assertThat(sharedApi.get("/v1/inventory/stock?warehouse=WH-3", warehouse).json().get("items")).isEmpty();
        assertThat(sharedApi.get("/v1/inventory/stock/WH-3/SKU-100001", warehouse).status()).isEqualTo(403);
        Set<String> summary = new HashSet<>();
        sharedApi.get("/v1/inventory/summary", warehouse).json().get("warehouses")
                .forEach(w -> summary.add(w.get("warehouse").asText()));
        assertThat(summary).containsExactlyInAnyOrder("WH-1", "WH-2");
        Set<String> integrations = new HashSet<>();
        sharedApi.get("/v1/inventory/integrations", warehouse).json().get("items")
                .forEach(i -> integrations.add(i.get("id").asText()));
        assertThat(integrations).containsExactlyInAnyOrder("platform", "erp", "wms-WH-1", "wms-WH-2");
        JsonNode trend = sharedApi.get("/v1/inventory/trend", warehouse).json();
        assertThat(trend.get("warehouses")).hasSize(2);
        assertThat(sharedApi.get("/v1/inventory/trend?warehouse=WH-4", warehouse).status()).isEqualTo(403);
    }

    @Test
    void aPairsDetailHasItsHistoryAndSyncs() {
        JsonNode detail = sharedApi.get("/v1/inventory/stock/WH-1/SKU-100003", sharedToken("warehouse")).json();
        assertThat(detail.at("/pair/sku").asText()).isEqualTo("SKU-100003");
        assertThat(detail.get("history").size()).isGreaterThanOrEqualTo(3);
        assertThat(detail.get("syncs")).isNotEmpty();
        assertThat(detail.get("adjustments")).isEmpty();
    }
}
