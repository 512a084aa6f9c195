package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.desktop.failures.FailureFixtures;
import dev.opsdesk.desktop.failures.FailureRow;
import dev.opsdesk.desktop.failures.FailuresView;
import dev.opsdesk.desktop.ui.Formats;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Failures section through the real views against the shared sandbox: a support agent finds a
 * failed callback by order number and replays it; ops cannot replay payment callbacks and is told
 * why; a bulk replay with an item that fails lists it, with "Retry failed only".
 */
@ExtendWith(ApplicationExtension.class)
class FailuresFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @SuppressWarnings("unchecked")
    private static TableView<FailureRow> table(FxRobot robot) {
        return onFx(() -> robot.lookup("#failure-table").queryAs(TableView.class));
    }

    private void openFailures(FxRobot robot) {
        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures") && !table(robot).getItems().isEmpty());
    }

    private FailuresView failuresView() {
        return onFx(() -> (FailuresView) shell.scene().lookup("#page-failures").getUserData());
    }

    @Test
    void supportFindsAFailedCallbackByOrderNumberReplaysItAndSeesItResolved(FxRobot robot) {
        Failure target;
        try (OpsClient api = FailureFixtures.signIn("support")) {
            target = FailureFixtures.openWithEffect(api, "PAYMENT_CALLBACK", "CAPTURE_PAYMENT");
        }
        signInWith(robot, "support", "sandbox");
        waitForMainView(robot);
        openFailures(robot);

        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        waitUntil("the search field has focus", () -> robot.lookup("#failure-search").query().isFocused());
        robot.write(target.orderNumber());
        waitUntil("only that order's failures are listed", () -> !table(robot).getItems().isEmpty()
                && table(robot).getItems().stream().allMatch(r -> target.orderNumber().equals(r.failure().orderNumber())));
        int index = onFx(() -> table(robot).getItems().stream().map(FailureRow::id).toList().indexOf(target.id()));
        assertThat(index).isNotNegative();

        click(robot, cell(robot, index));
        waitUntil("the detail shows the failure", () -> textOf(robot, "#detail-message").equals(target.message())
                && !robot.lookup("#replay").queryAs(Button.class).isDisabled());
        assertThat(textOf(robot, "#detail-status")).isEqualTo("Open");

        robot.type(KeyCode.R);
        waitUntil("the confirmation shows", () -> isShowing(robot, "#replay-headline"));
        assertThat(textOf(robot, "#replay-headline")).startsWith("This will capture ")
                .contains(" on order " + target.orderNumber() + " via ");
        click(robot, "#confirm-replay");

        waitUntil("the detail says resolved", () -> "Resolved".equals(textOf(robot, "#detail-status")));
        waitUntil("the row's badge says resolved", () -> robot.lookup("#failure-table .badge").queryAll().stream()
                .anyMatch(n -> "Resolved".equals(((Labeled) n).getText())));
        assertThat(textOf(robot, "#detail-outcome")).contains("Replay succeeded");
        assertThat(onFx(() -> table(robot).getItems().get(index).failure().status())).isEqualTo("RESOLVED");
        assertThat(onFx(() -> robot.lookup("#replay").queryAs(Button.class).isDisabled())).isTrue();
        waitUntil("the attempt is listed", () -> robot.lookup("#detail-attempts").queryAs(ListView.class).getItems().size()
                == target.attemptCount() + 1);
    }

    @Test
    void opsCannotReplayAPaymentCallbackAndIsToldWhy(FxRobot robot) {
        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        openFailures(robot);
        click(robot, "#queue-payment_callback");
        waitUntil("payment callbacks are listed", () -> !table(robot).getItems().isEmpty() && table(robot).getItems()
                .stream().allMatch(r -> "PAYMENT_CALLBACK".equals(r.failure().queue())));

        click(robot, cell(robot, 0));
        waitUntil("the detail shows", () -> isShowing(robot, "#replay-unavailable"));

        assertThat(onFx(() -> robot.lookup("#replay").queryAs(Button.class).isDisabled())).isTrue();
        assertThat(textOf(robot, "#replay-unavailable")).isEqualTo("Replay unavailable: You may replay inventory sync "
                + "failures and fulfillment export failures only — not payment callbacks. Ask a colleague who handles "
                + "payment callbacks.");
        assertThat(onFx(() -> robot.lookup("#resolve").queryAs(Button.class).isDisabled())).as("ops may still resolve").isFalse();
        assertThat(onFx(() -> robot.lookup("#replay").queryAs(Button.class).getTooltip().getText()))
                .contains("not payment callbacks");

        robot.type(KeyCode.R);
        assertThat(exists(robot, "#replay-headline")).isFalse();

        click(robot, "#queue-inventory_sync");
        waitUntil("inventory failures are listed", () -> !table(robot).getItems().isEmpty() && table(robot).getItems()
                .stream().allMatch(r -> "INVENTORY_SYNC".equals(r.failure().queue())));
        click(robot, cell(robot, 0));
        waitUntil("ops may replay inventory syncs", () -> !robot.lookup("#replay").queryAs(Button.class).isDisabled());

        // Scrolled down in one failure's detail, the next one selected starts at its title.
        javafx.scene.control.ScrollPane detail = onFx(() -> robot.lookup("#failure-detail-scroll").queryAs(javafx.scene.control.ScrollPane.class));
        onFx(() -> {
            detail.setVvalue(1);
            return null;
        });
        String next = onFx(() -> table(robot).getItems().get(1).id());
        click(robot, cell(robot, 1));
        waitUntil("the next failure shows", () -> {
            var shown = failuresView().viewModel().detail().failureProperty().get();
            return shown != null && shown.id().equals(next);
        });
        assertThat(onFx(detail::getVvalue)).as("the detail starts at the new failure's title").isZero();
    }

    @Test
    void aBulkReplayWithAnItemThatFailsListsItWithRetryFailedOnly(FxRobot robot) {
        Failure capture;
        Failure failing;
        try (OpsClient api = FailureFixtures.signIn("support")) {
            capture = FailureFixtures.openWithEffect(api, "PAYMENT_CALLBACK", "CAPTURE_PAYMENT");
            failing = FailureFixtures.failsAgainForSure(api, null, Set.of(capture.id()));
        }
        signInWith(robot, "support", "sandbox");
        waitForMainView(robot);
        openFailures(robot);
        waitUntil("both are loaded", () -> {
            List<String> ids = table(robot).getItems().stream().map(FailureRow::id).toList();
            if (!ids.contains(capture.id()) || !ids.contains(failing.id())) {
                failuresView().viewModel().loadMore();
                return false;
            }
            return true;
        });

        int first = onFx(() -> table(robot).getItems().stream().map(FailureRow::id).toList().indexOf(capture.id()));
        int second = onFx(() -> table(robot).getItems().stream().map(FailureRow::id).toList().indexOf(failing.id()));
        onFx(() -> {
            table(robot).scrollTo(first);
            return null;
        });
        click(robot, cell(robot, first));
        onFx(() -> {
            table(robot).scrollTo(second);
            return null;
        });
        robot.press(KeyCode.CONTROL);
        click(robot, cell(robot, second));
        robot.release(KeyCode.CONTROL);
        waitUntil("two rows are selected", () -> failuresView().viewModel().selection().size() == 2);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.R).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil("the preview shows", () -> isShowing(robot, "#bulk-start"));
        assertThat(onFx(() -> robot.lookup("#bulk-effects .label").queryAll())).extracting(n -> ((Labeled) n).getText())
                .contains("•  1 will capture a payment — " + Formats.money(capture.amount()),
                        "•  1 will most likely fail again (nothing changed since the last attempt)");
        click(robot, "#bulk-start");

        waitUntil("the result shows", () -> isShowing(robot, "#bulk-result"));
        assertThat(textOf(robot, "#bulk-result")).isEqualTo("Done: 1 succeeded, 1 failed, 0 skipped.");
        @SuppressWarnings("unchecked")
        ListView<dev.opsdesk.client.model.ReplayJobItem> failed = onFx(() -> robot.lookup("#bulk-failed-items").queryAs(ListView.class));
        assertThat(failed.getItems()).extracting(i -> i.failureId()).containsExactly(failing.id());
        assertThat(onFx(() -> robot.lookup("#bulk-failed-items .list-cell").queryAll())).extracting(n -> ((Labeled) n).getText())
                .anySatisfy(text -> assertThat(text).startsWith("Order " + failing.orderNumber() + "  —  "));
        assertThat(onFx(() -> robot.lookup("#bulk-retry-failed").queryAs(Button.class).isDisabled())).isFalse();

        click(robot, "#bulk-close");
        waitUntil("the bulk window is closed", () -> Window.getWindows().stream()
                .noneMatch(w -> w.getScene() != null && w.getScene().lookup("#bulk-replay") != null));
        waitUntil("the replayed row shows resolved", () -> table(robot).getItems().get(first).failure().status()
                .equals("RESOLVED"));
    }

    /** A cell of the row at {@code index} (the reason column, clear of the badge). */
    private static Node cell(FxRobot robot, int index) {
        return onFx(() -> {
            TableView<FailureRow> t = table(robot);
            t.scrollTo(Math.max(0, index - 2));
            t.layout();
            return t.lookupAll(".table-row-cell").stream()
                    .filter(n -> n instanceof javafx.scene.control.TableRow<?> row && row.getIndex() == index)
                    .findFirst()
                    .map(row -> row.lookupAll(".table-cell").stream().skip(1).findFirst().orElse(row))
                    .orElseThrow(() -> new AssertionError("Row " + index + " is not on screen"));
        });
    }
}
