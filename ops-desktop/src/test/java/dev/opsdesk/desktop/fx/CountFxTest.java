package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.desktop.inventory.InventoryView;
import dev.opsdesk.desktop.inventory.count.CountViewModel;
import dev.opsdesk.desktop.testing.TestSandbox;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jooq.Record2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A warehouse counter counts a list of SKUs in WH-1 — three by keyboard, the rest from a scanner file — and submits;
 * an approver approves the run, and the matrix shows the counted number.
 */
@ExtendWith(ApplicationExtension.class)

class CountFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    private InventoryView inventory() {
        return onFx(() -> (InventoryView) shell.scene().lookup("#page-inventory").getUserData());
    }

    @SuppressWarnings("unchecked")
    private static TableView<Inventory.StockPair> matrix(FxRobot robot) {
        return onFx(() -> robot.lookup("#inventory-table").queryAs(TableView.class));
    }

    @Test
    void aWarehouseUserCountsByKeyboardAndScannerFileSubmitsAndTheApprovedCountReachesTheMatrix(FxRobot robot)
            throws Exception {
        List<Record2<String, String>> skus = TestSandbox.shared().dsl().select(SKU.SKU_, SKU.EAN).from(STOCK_PAIR)
                .join(SKU).on(SKU.SKU_.eq(STOCK_PAIR.SKU)).where(STOCK_PAIR.WAREHOUSE.eq("WH-1"))
                .orderBy(STOCK_PAIR.SKU.desc()).limit(5).fetch();
        signInWith(robot, "warehouse", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-inventory");
        waitUntil("the matrix shows", () -> isShowing(robot, "#page-inventory"));

        // Start a LIST count of five SKUs in WH-1 (the first by EAN: a list takes either).
        click(robot, "#inventory-count");
        waitUntil("the start dialog shows", () -> isShowing(robot, "#count-start-dialog"));
        onFx(() -> {
            robot.lookup("#count-warehouse").<javafx.scene.control.ComboBox<String>>query().setValue("WH-1");
            robot.lookup("#count-scope-list").<javafx.scene.control.RadioButton>query().setSelected(true);
            robot.lookup("#count-codes").<TextArea>query().setText(skus.get(0).value2() + "\n" + String.join("\n",
                    skus.subList(1, 5).stream().map(Record2::value1).toList()));
            return null;
        });
        click(robot, "#count-start");
        waitUntil("the count page shows", () -> isShowing(robot, "#count-page"));
        assertThat(textOf(robot, "#count-title")).startsWith("Count C-").contains("WH-1").endsWith("list");
        assertThat(textOf(robot, "#count-facts")).contains("counted 0 of 5 lines").contains("started by warehouse");
        CountViewModel count = inventory().countPage().viewModel();

        // Three SKUs by keyboard: the code, Enter, the quantity (never an expected number beside it), Enter.
        int[] typed = {7, 0, 12};
        for (int i = 0; i < 3; i++) {
            String sku = skus.get(i).value1();
            click(robot, "#count-code").write(sku).type(KeyCode.ENTER);
            waitUntil("the quantity field is ready for " + sku, () -> onFx(() ->
                    count.stepProperty().get() == CountViewModel.Step.QUANTITY));
            assertThat(textOf(robot, "#count-target")).startsWith(sku + " · ").doesNotContainPattern("\\b\\d+$");
            robot.write(Integer.toString(typed[i])).type(KeyCode.ENTER);
            waitUntil("the entry is recorded", () -> onFx(() -> count.waitingProperty().get() == 0
                    && count.codeProperty().get().isEmpty()));
        }
        waitUntil("three lines are counted", () -> textOf(robot, "#count-facts").contains("counted 3 of 5 lines"));

        // A wrong code says so, and keeps what was typed.
        click(robot, "#count-code").write("SKU-NOPE").type(KeyCode.ENTER);
        waitUntil("the code is refused", () -> !textOf(robot, "#count-code-message").isEmpty());
        assertThat(textOf(robot, "#count-code")).isEqualTo("SKU-NOPE");
        robot.type(KeyCode.ESCAPE);

        // The rest from a scanner file; one SKU in two rows adds up.
        Path file = Files.createTempFile("scan", ".csv");
        Files.writeString(file, "\uFEFFEAN;Menge\n" + skus.get(3).value2() + ";2\n" + skus.get(4).value2() + ";5\n"
                + skus.get(3).value2() + ";1\n");
        onFx(() -> {
            inventory().countPage().view().setFileChooser(owner -> file);
            return null;
        });
        click(robot, "#count-import");
        waitUntil("the file is imported", () -> textOf(robot, "#count-import-result").startsWith("Imported 3 rows"));
        waitUntil("every line is counted", () -> textOf(robot, "#count-facts").contains("counted 5 of 5 lines"));

        // Submit.
        click(robot, "#count-submit");
        waitUntil("the confirmation shows", () -> isShowing(robot, "#count-submit-confirm"));
        click(robot, onFx(() -> ((DialogPane) robot.lookup("#count-submit-confirm").query())
                .lookupButton(ButtonType.OK)));
        waitUntil("it is submitted", () -> textOf(robot, "#count-result").startsWith("Submitted as run R-"));
        String runId = onFx(() -> count.runIdProperty().get());
        assertThat(textOf(robot, "#count-result")).contains("a second person reviews and approves it in"
                + " Reconciliation");

        // The preparer settles the variances (a recount confirmed each) and submits the run for approval.
        try (OpsClient preparer = OpsClient.create(OpsClientConfig.builder(TestSandbox.shared().baseUri()).build())) {
            preparer.sessions().signIn("warehouse", "sandbox".toCharArray());
            for (Reconciliation.ExceptionItem x : preparer.reconciliation().exceptions(runId, null,
                    Reconciliation.ExceptionStatus.OPEN, null, dev.opsdesk.client.model.PageRequest.first(100)).items()) {
                preparer.reconciliation().resolve(runId, x.id(), Reconciliation.ResolutionCode.RECOUNT,
                        "Counted twice, the count stands", null, x.version(), RequestOptions.newAction());
            }
            Reconciliation.Run run = preparer.reconciliation().run(runId);
            assertThat(run.kind()).isEqualTo(Reconciliation.Kind.STOCK_COUNT);
            preparer.reconciliation().transition(runId, Reconciliation.Transition.SUBMIT, null, run.version(),
                    RequestOptions.newAction());
        }

        // An approver approves it in the Reconciliation section: the count's run, with its variances.
        click(robot, "#sign-out");
        waitForSignInView(robot);
        int expected = typed[0];
        signInWith(robot, "approver", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-reconciliation");
        waitUntil("the section shows", () -> isShowing(robot, "#page-reconciliation"));
        onFx(() -> {
            ((dev.opsdesk.desktop.reconciliation.ReconciliationView) stage.getScene()
                    .lookup("#page-reconciliation").getUserData()).open(runId);
            return null;
        });
        waitUntil("the run opens", () -> isShowing(robot, "#recon-run-title")
                && textOf(robot, "#recon-run-title").startsWith(runId + " · Stock count WH-1"));
        waitUntil("its variances are listed", () -> isShowing(robot, "#recon-variances"));
        assertThat(onFx(() -> robot.lookup("#recon-tabs").queryAs(javafx.scene.control.TabPane.class).getTabs()
                .stream().map(javafx.scene.control.Tab::getId).toList())).as("a count has only its variances")
                .containsExactly("recon-tab-exceptions");
        waitUntil("Approve is offered", () -> !robot.lookup("#recon-approve").queryButton().isDisabled());
        click(robot, "#recon-approve");
        waitUntil("it is approved", () -> textOf(robot, "#recon-run-state").equals("Approved"));
        waitUntil("the variances are applied", () -> isShowing(robot, "#recon-tile-applied"));
        click(robot, "#sign-out");
        waitForSignInView(robot);

        // Back in Inventory, the first SKU shows what was counted.
        signInWith(robot, "warehouse", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-inventory");
        waitUntil("the matrix shows", () -> isShowing(robot, "#page-inventory"));
        onFx(() -> {
            ((CheckBox) robot.lookup("#inventory-drifting").query()).setSelected(false);
            return null;
        });
        typeInto(robot, "#inventory-search", skus.get(0).value1());
        robot.type(KeyCode.ENTER);
        waitUntil("the counted number shows", () -> onFx(() -> matrix(robot).getItems().stream()
                .anyMatch(p -> p.warehouse().equals("WH-1") && p.sku().equals(skus.get(0).value1())
                        && p.platform().quantity() == expected)));
    }
}
