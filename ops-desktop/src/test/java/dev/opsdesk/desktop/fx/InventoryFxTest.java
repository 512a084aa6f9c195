package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.desktop.testing.TestSandbox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jooq.Record2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * The Inventory section through the real views against the shared sandbox: a warehouse user finds a
 * drifting SKU by its EAN and sees what each system holds; an ops user follows the stopped WMS feed
 * from the health strip to its stale pairs and to its sync failures.
 */
@ExtendWith(ApplicationExtension.class)
class InventoryFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @SuppressWarnings("unchecked")
    private static TableView<Inventory.StockPair> table(FxRobot robot) {
        return onFx(() -> robot.lookup("#inventory-table").queryAs(TableView.class));
    }

    private static void openInventory(FxRobot robot) {
        click(robot, "#nav-inventory");
        waitUntil("the matrix shows", () -> isShowing(robot, "#page-inventory") && !table(robot).getItems().isEmpty());
    }

    @Test
    void aWarehouseUserFindsADriftingSkuByItsEan(FxRobot robot) {
        Record2<String, String> target = TestSandbox.shared().dsl().select(SKU.SKU_, SKU.EAN).from(STOCK_PAIR)
                .join(SKU).on(SKU.SKU_.eq(STOCK_PAIR.SKU))
                .where(STOCK_PAIR.WAREHOUSE.eq("WH-1")).and(STOCK_PAIR.DRIFT.gt(0))
                .orderBy(STOCK_PAIR.SKU).limit(1).fetchOne();
        signInWith(robot, "warehouse", "sandbox");
        waitForMainView(robot);
        openInventory(robot);
        assertThat(onFx(() -> table(robot).getItems().stream().map(Inventory.StockPair::warehouse).distinct().toList()))
                .isSubsetOf("WH-1", "WH-2");

        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.F)
                .release(javafx.scene.input.KeyCode.CONTROL);
        robot.write(target.value2());
        waitUntil("the SKU is listed", () -> onFx(() -> !table(robot).getItems().isEmpty()
                && table(robot).getItems().stream().allMatch(p -> p.sku().equals(target.value1()))));
        onFx(() -> {
            table(robot).getSelectionModel().select(0);
            return null;
        });
        waitUntil("its detail shows", () -> isShowing(robot, "#inventory-detail-title")
                && textOf(robot, "#inventory-detail-title").startsWith(target.value1()));
        assertThat(textOf(robot, "#inventory-detail-numbers")).contains("Platform").contains("ERP").contains("WMS");
        assertThat(exists(robot, "#inventory-chart")).isTrue();
    }

    @Test
    void anAdjustmentThatMeetsAnotherUsersChangeIsDecidedAgainAndLandsInTheTrail(FxRobot robot) {
        String sku = "SKU-100040";
        String ean = TestSandbox.shared().dsl().select(SKU.EAN).from(SKU).where(SKU.SKU_.eq(sku)).fetchOne(SKU.EAN);
        signInWith(robot, "warehouse", "sandbox");
        waitForMainView(robot);
        openInventory(robot);
        onFx(() -> {
            ((javafx.scene.control.CheckBox) robot.lookup("#inventory-drifting").query()).setSelected(false);
            return null;
        });
        typeInto(robot, "#inventory-search", ean);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitUntil("the SKU is listed", () -> onFx(() -> !table(robot).getItems().isEmpty()
                && table(robot).getItems().stream().allMatch(p -> p.sku().equals(sku))));
        Inventory.StockPair seen = onFx(() -> {
            var row = table(robot).getItems().stream().filter(p -> p.warehouse().equals("WH-1")).findFirst()
                    .orElseThrow();
            table(robot).getSelectionModel().select(row);
            return row;
        });
        waitUntil("Adjust is available", () -> !robot.lookup("#inventory-adjust").queryButton().isDisabled());
        click(robot, "#inventory-adjust");
        waitUntil("the adjust dialog shows", () -> isShowing(robot, "#adjust-dialog"));
        onFx(() -> {
            robot.lookup("#adjust-reason").<javafx.scene.control.ComboBox<Inventory.AdjustmentReason>>query()
                    .setValue(Inventory.AdjustmentReason.DAMAGED);
            return null;
        });
        typeInto(robot, "#adjust-quantity", "-2");
        assertThat(textOf(robot, "#adjust-preview")).contains(seen.platform().quantity() + " → "
                + (seen.platform().quantity() - 2));

        // Meanwhile, at another workstation, an administrator finds three more on the shelf.
        try (var other = dev.opsdesk.client.OpsClient.create(dev.opsdesk.client.OpsClientConfig
                .builder(TestSandbox.shared().baseUri()).build())) {
            other.sessions().signIn("admin", "sandbox".toCharArray());
            other.inventory().adjust("WH-1", sku, Inventory.AdjustmentReason.FOUND, 3, "found behind the rack",
                    seen.platform().version(), dev.opsdesk.client.RequestOptions.newAction());
        }
        int now = seen.platform().quantity() + 3;

        click(robot, "#confirm-adjust");
        waitUntil("the conflict shows", () -> isShowing(robot, "#adjust-conflict")
                && !textOf(robot, "#adjust-conflict").isEmpty());
        assertThat(textOf(robot, "#adjust-conflict")).contains("Changed by someone else: now " + now + ", you saw "
                + seen.platform().quantity());
        assertThat(textOf(robot, "#adjust-quantity")).as("nothing typed is lost").isEqualTo("-2");
        assertThat(textOf(robot, "#adjust-preview")).contains(now + " → " + (now - 2));

        click(robot, "#confirm-adjust");
        waitUntil("the dialog closes", () -> !exists(robot, "#adjust-dialog"));
        waitUntil("the detail shows the new number", () -> isShowing(robot, "#inventory-detail-numbers")
                && textOf(robot, "#inventory-detail-numbers").startsWith("Platform " + (now - 2) + " "));

        click(robot, "#inventory-history");
        waitUntil("the Audit section shows", () -> isShowing(robot, "#page-audit"));
        dev.opsdesk.desktop.audit.AuditView audit = onFx(() ->
                (dev.opsdesk.desktop.audit.AuditView) shell.scene().lookup("#page-audit").getUserData());
        waitUntil("the pair's adjustments are listed", () -> onFx(() -> audit.viewModel().rows().stream()
                .filter(e -> e.action().equals("inventory.adjusted")).count() == 2));
        assertThat(onFx(() -> audit.viewModel().rows().get(0).actor())).isEqualTo("warehouse");
    }

    @Test
    void anOpsUserFollowsTheStoppedFeedFromTheHealthStrip(FxRobot robot) {
        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        openInventory(robot);
        waitUntil("the health strip shows the stopped feed", () -> isShowing(robot, "#health-wms-WH-2"));
        assertThat(textOf(robot, "#health-status-wms-WH-2")).isEqualTo("Down");
        click(robot, "#health-wms-WH-2");
        waitUntil("the matrix shows the feed's stale pairs", () -> onFx(() -> !table(robot).getItems().isEmpty()
                && table(robot).getItems().stream().allMatch(p -> p.warehouse().equals("WH-2") && p.wms().stale())));
        assertThat(textOf(robot, "#inventory-integration-filter")).contains("wms-WH-2");

        click(robot, "#health-failures-wms-WH-2");
        waitUntil("the Failures section shows", () -> isShowing(robot, "#page-failures"));
    }

    @Test
    void anOpsUserResyncsTheStuckPairsOfAWarehouseFromTheHealthStrip(FxRobot robot) {
        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        openInventory(robot);
        waitUntil("the health strip shows", () -> isShowing(robot, "#health-wms-WH-4"));
        // WH-4's feed is up: its stuck pairs (oversold, below zero) resync; a few, to keep the shared sandbox as seeded.
        click(robot, "#health-wms-WH-4");
        onFx(() -> {
            robot.lookup("#inventory-integration-filter").query();
            robot.lookup("#inventory-state").<javafx.scene.control.ComboBox<Inventory.SyncState>>query()
                    .setValue(Inventory.SyncState.STUCK);
            return null;
        });
        onFx(() -> {
            ((dev.opsdesk.desktop.inventory.InventoryView) shell.scene().lookup("#page-inventory").getUserData())
                    .viewModel().integrationProperty().set(null);
            ((javafx.scene.control.CheckBox) robot.lookup("#inventory-drifting").query()).setSelected(true);
            return null;
        });
        waitUntil("WH-4's stuck pairs are listed", () -> onFx(() -> !table(robot).getItems().isEmpty()
                && table(robot).getItems().stream().allMatch(p -> p.warehouse().equals("WH-4")
                && p.state() == Inventory.SyncState.STUCK)));
        int stuck = onFx(() -> table(robot).getItems().size());

        click(robot, "#inventory-resync");
        waitUntil("the confirmation shows", () -> isShowing(robot, "#resync-confirm"));
        assertThat(onFx(() -> ((javafx.scene.control.DialogPane) robot.lookup("#resync-confirm").query())
                .getHeaderText())).isEqualTo("Resync " + (stuck == 1 ? "1 pair" : stuck + " pairs")
                + " through ERP connector and WMS feed Poznań cross-dock?");
        click(robot, onFx(() -> ((javafx.scene.control.DialogPane) robot.lookup("#resync-confirm").query())
                .lookupButton(javafx.scene.control.ButtonType.OK)));
        waitUntil("the result shows", () -> isShowing(robot, "#inventory-resync-result")
                && textOf(robot, "#inventory-resync-result").startsWith("Resync J-"));
        assertThat(textOf(robot, "#inventory-resync-result")).contains(stuck + " resynced, 0 failed");
        waitUntil("no stuck pair is left", () -> onFx(() -> table(robot).getItems().isEmpty()));
    }
}
