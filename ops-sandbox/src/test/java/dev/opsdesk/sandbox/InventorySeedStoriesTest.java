package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed tells its stories where people look for them: the 14-day trend has stuck pairs on the days before today
 * (a sale day always leaves a few), and the warehouse whose WMS feed stopped three hours ago has the failures of that
 * outage in the INVENTORY_SYNC queue, one a quarter hour, each about a pair the feed could not deliver.
 */
class InventorySeedStoriesTest {

    private static SandboxServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestSandboxes.shared();
        api = new Api(server);
    }

    private static String token(String role) {
        return api.token(TestSandboxes.demo(server, role));
    }

    @Test
    void theTrendHasStuckPairsOnTheDaysBeforeToday() {
        Instant today = server.options().clock().instant().truncatedTo(ChronoUnit.DAYS);
        List<JsonNode> before = new ArrayList<>();
        api.get("/v1/inventory/trend", token("ops")).json().get("points").forEach(p -> {
            if (Instant.parse(p.get("at").asText()).isBefore(today)) {
                before.add(p);
            }
        });
        assertThat(before).hasSizeGreaterThanOrEqualTo(13 * 24);
        assertThat(before).allSatisfy(p -> {
            assertThat(p.get("stuckPairs").asLong()).as("stuck at %s", p.get("at")).isPositive();
            assertThat(p.get("stuckPairs").asLong()).isLessThanOrEqualTo(p.get("driftingPairs").asLong());
        });
    }

    @Test
    void everyInventorySyncFailureNamesAPairOfTheCatalogue() {
        var failures = server.dsl().selectFrom(FAILURE).where(FAILURE.QUEUE.eq("INVENTORY_SYNC")).fetch();
        assertThat(failures).hasSizeGreaterThan(20);
        // Its detail, its "open in Inventory" link and its replay all lead to that pair.
        assertThat(failures).allSatisfy(f -> assertThat(server.dsl().fetchExists(STOCK_PAIR,
                STOCK_PAIR.SKU.eq(f.getSku()).and(STOCK_PAIR.WAREHOUSE.eq(f.getWarehouse()))))
                .as("%s names %s at %s", f.getId(), f.getSku(), f.getWarehouse()).isTrue());
        assertThat(failures).extracting(FailureRecord::getWarehouse).contains("WH-1", "WH-2", "WH-3", "WH-4");
    }

    @Test
    void theStalledWarehouseHasItsOutagesFailuresInTheQueue() {
        Instant now = server.options().clock().instant();
        List<FailureRecord> outage = server.dsl().selectFrom(FAILURE).where(FAILURE.QUEUE.eq("INVENTORY_SYNC"))
                .and(FAILURE.WAREHOUSE.eq("WH-2")).and(FAILURE.REASON.eq("WMS_UNAVAILABLE"))
                .and(FAILURE.FIRST_SEEN_AT.ge(dev.opsdesk.sandbox.inventory.StockStore.utc(
                        now.minus(Duration.ofHours(3)))))
                // (the failure seed's own WMS failures at WH-2 say "the warehouse system"; these are the outage's)
                .and(FAILURE.MESSAGE.startsWith("WMS feed of WH-2 "))
                .fetch();
        assertThat(outage).hasSizeGreaterThanOrEqualTo(8);
        for (FailureRecord f : outage) {
            // A pair the feed could not deliver: its WMS number is older than the outage and disagrees.
            StockPairRecord pair = server.dsl().selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(f.getSku()))
                    .and(STOCK_PAIR.WAREHOUSE.eq("WH-2")).fetchOne();
            assertThat(pair.getWmsQty()).isNotEqualTo(pair.getPlatformQty());
            assertThat(pair.getWmsSyncedAt().toInstant()).isBefore(f.getFirstSeenAt().toInstant());
            // The audit trail tells how it came about, like every seeded failure.
            assertThat(server.dsl().fetchExists(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("failure.created")
                    .and(AUDIT_EVENT.ENTITY_ID.eq(f.getId())))).isTrue();
        }

        // As ops sees it: the pair's detail lists the open failure, the queue filters it by warehouse.
        String ops = token("ops");
        FailureRecord first = outage.get(0);
        JsonNode detail = api.get("/v1/inventory/stock/WH-2/" + first.getSku(), ops).json();
        assertThat(detail.get("openFailures")).anySatisfy(f -> assertThat(f.get("id").asText())
                .isEqualTo(first.getId()));
        JsonNode listed = api.get("/v1/failures/" + first.getId(), ops).json();
        assertThat(listed.get("status").asText()).isEqualTo("OPEN");
        assertThat(listed.get("sku").asText()).isEqualTo(first.getSku());
        assertThat(listed.get("warehouse").asText()).isEqualTo("WH-2");
    }
}
