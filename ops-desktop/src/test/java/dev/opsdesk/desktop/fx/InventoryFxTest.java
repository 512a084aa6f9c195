package dev.opsdesk.desktop.fx;

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
        return robot.lookup("#inventory-table").queryAs(TableView.class);
    }

    private static void openInventory(FxRobot robot) {
        robot.clickOn("#nav-inventory");
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
    void anOpsUserFollowsTheStoppedFeedFromTheHealthStrip(FxRobot robot) {
        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        openInventory(robot);
        waitUntil("the health strip shows the stopped feed", () -> isShowing(robot, "#health-wms-WH-2"));
        assertThat(textOf(robot, "#health-status-wms-WH-2")).isEqualTo("Down");
        robot.clickOn("#health-wms-WH-2");
        waitUntil("the matrix shows the feed's stale pairs", () -> onFx(() -> !table(robot).getItems().isEmpty()
                && table(robot).getItems().stream().allMatch(p -> p.warehouse().equals("WH-2") && p.wms().stale())));
        assertThat(textOf(robot, "#inventory-integration-filter")).contains("wms-WH-2");

        robot.clickOn("#health-failures-wms-WH-2");
        waitUntil("the Failures section shows", () -> isShowing(robot, "#page-failures"));
    }
}
