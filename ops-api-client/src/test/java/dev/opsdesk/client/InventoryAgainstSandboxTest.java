package dev.opsdesk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.StockFilter;
import dev.opsdesk.client.model.StockSort;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The typed inventory service against the real sandbox: paging, detail, integrations, drift, and scope. */
class InventoryAgainstSandboxTest {

    private static SandboxServer sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static OpsClient signedIn(String username) {
        OpsClient client = OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).build());
        client.sessions().signIn(username, "sandbox".toCharArray());
        return client;
    }

    @Test
    void theIteratorPagesThroughEveryDriftingPairBiggestFirst() {
        try (OpsClient ops = signedIn("ops")) {
            List<Inventory.StockPair> pairs = new ArrayList<>();
            ops.inventory().allStock(StockFilter.none().withDrifting(true), StockSort.DRIFT).forEach(pairs::add);
            long drifting = ops.inventory().summary().warehouses().stream()
                    .mapToLong(Inventory.WarehouseDrift::driftingPairs).sum();
            assertThat(pairs).hasSize((int) drifting);
            for (int i = 1; i < pairs.size(); i++) {
                assertThat(pairs.get(i).drift()).isLessThanOrEqualTo(pairs.get(i - 1).drift());
            }
            assertThat(pairs).extracting(Inventory.StockPair::state).contains(Inventory.SyncState.STUCK,
                    Inventory.SyncState.SETTLING);
            Inventory.StockPair first = pairs.get(0);
            Inventory.StockDetail detail = ops.inventory().stock(first.warehouse(), first.sku());
            assertThat(detail.pair()).isEqualTo(first);
            assertThat(detail.history()).isNotEmpty();
        }
    }

    @Test
    void filtersAndHealthAreTyped() {
        try (OpsClient ops = signedIn("ops")) {
            var page = ops.inventory().stock(StockFilter.none().withState(Inventory.SyncState.STUCK)
                    .withWarehouse("WH-2").withStale(Inventory.StockSystem.WMS, 60), StockSort.OLDEST_SYNC,
                    PageRequest.first(10));
            assertThat(page.items()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.warehouse()).isEqualTo("WH-2");
                assertThat(p.wms().stale()).isTrue();
            });
            assertThat(ops.inventory().integrations()).extracting(Inventory.Integration::id, Inventory.Integration::status)
                    .contains(org.assertj.core.groups.Tuple.tuple("wms-WH-2", "DOWN"));
            assertThat(ops.inventory().trend(null, 1).points()).hasSizeBetween(24, 25);
        }
    }

    @Test
    void anAdjustmentOnAMovedNumberIsAConflictWithTheCurrentNumbers() {
        try (OpsClient warehouse = signedIn("warehouse"); OpsClient admin = signedIn("admin")) {
            Inventory.StockPair seen = warehouse.inventory().stock("WH-2", "SKU-100030").pair();
            Inventory.AdjustmentResult first = admin.inventory().adjust("WH-2", "SKU-100030",
                    Inventory.AdjustmentReason.FOUND, 3, "behind the rack", seen.platform().version(),
                    RequestOptions.newAction());
            assertThat(first.pair().platform().quantity()).isEqualTo(seen.platform().quantity() + 3);
            assertThat(first.adjustment().actor()).isEqualTo("admin");
            assertThatThrownBy(() -> warehouse.inventory().adjust("WH-2", "SKU-100030",
                    Inventory.AdjustmentReason.DAMAGED, -1, null, seen.platform().version(), RequestOptions.newAction()))
                    .isInstanceOfSatisfying(StockChangedException.class, e -> {
                        assertThat(e.currentQuantity()).isEqualTo(first.pair().platform().quantity());
                        assertThat(e.currentVersion()).isEqualTo(first.pair().platform().version());
                    });
        }
    }

    @Test
    void aResyncJobIsFollowedWithTheBulkJobHandles() {
        try (OpsClient ops = signedIn("ops")) {
            var job = ops.inventory().resync(java.util.List.of("WH-2/SKU-100050"), 1000, RequestOptions.newAction());
            assertThat(job.kind()).isEqualTo("RESYNC");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> ops.failures().job(job.id()).isFinished());
            assertThat(ops.failures().job(job.id()).failed()).as("WH-2's feed is down").isEqualTo(1);
            assertThat(ops.failures().jobItems(job.id(), "FAILED", PageRequest.first(10)).items()).hasSize(1);
            assertThat(ops.failures().retryFailed(job.id(), RequestOptions.newAction()).kind()).isEqualTo("RESYNC");
        }
    }

    @Test
    void aWarehouseUserGetsTheirWarehousesAndAForbiddenOutsideThem() {
        try (OpsClient warehouse = signedIn("warehouse"); OpsClient support = signedIn("support")) {
            assertThat(warehouse.inventory().summary().warehouses()).extracting(Inventory.WarehouseDrift::warehouse)
                    .containsExactly("WH-1", "WH-2");
            assertThatThrownBy(() -> warehouse.inventory().stock("WH-3", "SKU-100000"))
                    .isInstanceOf(ForbiddenException.class);
            assertThatThrownBy(() -> warehouse.inventory().stock("WH-1", "SKU-0"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> support.inventory().summary()).isInstanceOf(ForbiddenException.class);
        }
    }
}
