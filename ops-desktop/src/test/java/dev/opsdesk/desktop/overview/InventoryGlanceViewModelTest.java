package dev.opsdesk.desktop.overview;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.StockFilter;
import dev.opsdesk.client.model.StockSort;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Overview's stock card against the real sandbox: the warehouses one may read, their drift, the 14-day trend. */
class InventoryGlanceViewModelTest {

    private final List<OpsClient> clients = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(OpsClient::close);
    }

    private InventoryGlanceViewModel glance(String username) {
        OpsClient client = ClientFactory.standard().create(TestSandbox.shared().baseUri());
        client.sessions().signIn(username, TestSandbox.user(username).password().toCharArray());
        clients.add(client);
        return new InventoryGlanceViewModel(client, BackgroundTasks.inline(), ErrorMessages.systemDefault(),
                TestSandbox.shared().baseUri(), Clock.systemUTC(), opened::add);
    }

    @Test
    void aWarehouseUserSeesTheirWarehousesDriftAndTheTrendAndATileOpensTheWarehouse() {
        InventoryGlanceViewModel vm = glance("warehouse");
        vm.activate(null);

        Inventory.DriftSummary summary = vm.summaryProperty().get();
        assertThat(summary.warehouses()).extracting(Inventory.WarehouseDrift::warehouse)
                .containsExactlyInAnyOrder("WH-1", "WH-2");
        OpsClient client = clients.get(0);
        for (Inventory.WarehouseDrift w : summary.warehouses()) {
            long drifting = 0;
            for (Inventory.StockPair ignored : client.inventory().allStock(StockFilter.none().withWarehouse(
                    w.warehouse()).withDrifting(true), StockSort.DRIFT)) {
                drifting++;
            }
            assertThat(w.driftingPairs()).as(w.warehouse()).isEqualTo(drifting);
        }
        assertThat(vm.trendProperty().get().points()).isNotEmpty();
        assertThat(vm.errorProperty().get()).isNull();

        vm.open(summary.warehouses().get(0));
        assertThat(opened).containsExactly(summary.warehouses().get(0).warehouse());

        InventoryGlanceViewModel ops = glance("ops");
        ops.activate(null);
        assertThat(ops.summaryProperty().get().warehouses()).hasSizeGreaterThan(2);
    }
}
