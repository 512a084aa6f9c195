package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.desktop.audit.AuditView;
import dev.opsdesk.desktop.failures.FailuresView;
import dev.opsdesk.desktop.failures.StatusChoice;
import dev.opsdesk.desktop.reconciliation.ReconciliationView;
import dev.opsdesk.desktop.ui.Theme;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * #10: at the default 1280×800 window, in the light and the dark theme, no label, button, chip, tab title or column
 * header of any section is drawn cut ("…"): the sign-in window, Overview, Failures (a quarantined failure too),
 * Inventory, the stock count (its start dialog and its page), Audit (with the verify-range row open),
 * Reconciliation (the runs and a run), Settings and Administration. Each section is walked as the role that works
 * in it, with a row selected so that its detail shows. A table cell's value may be shortened when its tooltip has
 * all of it.
 */
@ExtendWith(ApplicationExtension.class)
class SectionsTruncationFxTest extends FxTestSupport {

    private final List<String> cut = new ArrayList<>();

    @Start
    void start(Stage stage) {
        startApp(stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @Stop
    void stop() {
        stopApp();
    }

    /** Walks the window (and any dialog over it) in both themes, noting what is cut. */
    private void walk(String where) {
        for (Theme theme : Theme.values()) {
            onFx(() -> {
                shell.themeProperty().set(theme);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            List<String> found = onFx(() -> {
                List<String> all = new ArrayList<>();
                for (Window w : Window.getWindows()) {
                    if (w instanceof Stage && w.isShowing() && w.getScene() != null) {
                        if (w != stage && theme == Theme.DARK) {
                            // A dialog keeps the theme it was opened with: its own root says which.
                            w.getScene().getRoot().getStyleClass().add(dev.opsdesk.desktop.ui.Styles.DARK);
                        }
                        all.addAll(Clipped.under((Parent) w.getScene().getRoot()));
                        all.addAll(Clipped.scrolledSideways((Parent) w.getScene().getRoot()));
                        if (w != stage) {
                            w.getScene().getRoot().getStyleClass().remove(dev.opsdesk.desktop.ui.Styles.DARK);
                        }
                    }
                }
                return all;
            });
            found.forEach(f -> cut.add(where + " (" + theme.name().toLowerCase() + "): " + f));
        }
        onFx(() -> {
            shell.themeProperty().set(Theme.LIGHT);
            return null;
        });
    }

    private void assertNothingCut() {
        assertThat(cut).as("labels drawn cut at 1280×800").isEmpty();
    }

    private static void selectFirstRow(FxRobot robot, String table) {
        waitUntil("rows in " + table, () -> !robot.lookup(table).queryAs(TableView.class).getItems().isEmpty());
        onFx(() -> {
            TableView<?> t = robot.lookup(table).queryAs(TableView.class);
            t.getSelectionModel().clearAndSelect(0);
            t.requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void signOut(FxRobot robot) {
        onFx(() -> {
            shell.mainViewModel().orElseThrow().signOut();
            return null;
        });
        waitForSignInView(robot);
    }

    @Test
    void signInOverviewAndFailuresAreNotCut(FxRobot robot) {
        waitUntil("the demo users are listed", () -> !robot.lookup("#demo-users").queryAs(TableView.class).getItems().isEmpty());
        walk("sign-in");

        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        waitUntil("the overview is filled", () -> robot.lookup("#failure-chart .chart-bar").tryQuery().isPresent()
                && robot.lookup("#drift-trend-chart").tryQuery().isPresent());
        walk("Overview");

        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures"));
        selectFirstRow(robot, "#failure-table");
        waitUntil("the detail shows", () -> isShowing(robot, "#add-note"));
        walk("Failures");

        FailuresView failures = onFx(() -> (FailuresView) stage.getScene().lookup("#page-failures").getUserData());
        onFx(() -> {
            failures.viewModel().statusProperty().set(StatusChoice.QUARANTINED);
            return null;
        });
        waitUntil("quarantined failures are listed", () -> !failures.viewModel().list().loadingProperty().get()
                && !failures.viewModel().rows().isEmpty()
                && failures.viewModel().rows().stream().allMatch(r -> r.failure().isQuarantined()));
        selectFirstRow(robot, "#failure-table");
        waitUntil("the detail shows", () -> isShowing(robot, "#add-note"));
        walk("Failures, quarantined");

        click(robot, "#nav-settings");
        waitUntil("settings show", () -> isShowing(robot, "#page-settings"));
        walk("Settings");
        assertNothingCut();
    }

    @Test
    void auditInventoryAndReconciliationAreNotCut(FxRobot robot) {
        signInWith(robot, "auditor", "sandbox");
        waitForMainView(robot);

        click(robot, "#nav-audit");
        waitUntil("the audit trail shows", () -> isShowing(robot, "#page-audit"));
        AuditView audit = onFx(() -> (AuditView) stage.getScene().lookup("#page-audit").getUserData());
        waitUntil("audit rows", () -> !audit.viewModel().rows().isEmpty() && !audit.viewModel().list().loadingProperty().get());
        AuditEvent replay = onFx(() -> audit.viewModel().rows().stream()
                .filter(e -> e.action().equals("failure.replayed")).findFirst().orElse(audit.viewModel().rows().get(0)));
        onFx(() -> {
            TableView<?> t = robot.lookup("#audit-table").queryAs(TableView.class);
            t.getSelectionModel().clearAndSelect(audit.viewModel().rows().indexOf(replay));
            ((ToggleButton) robot.lookup("#audit-range-toggle").query()).setSelected(true);
            return null;
        });
        waitUntil("the detail and the range row show", () -> audit.viewModel().detailProperty().get() != null
                && isShowing(robot, "#audit-verify-range"));
        walk("Audit");

        click(robot, "#nav-inventory");
        waitUntil("the matrix shows", () -> isShowing(robot, "#page-inventory"));
        selectFirstRow(robot, "#inventory-table");
        waitUntil("the pair's detail shows", () -> isShowing(robot, "#inventory-detail-title"));
        walk("Inventory");

        click(robot, "#nav-reconciliation");
        waitUntil("the runs show", () -> isShowing(robot, "#page-reconciliation"));
        ReconciliationView recon = onFx(() -> (ReconciliationView) stage.getScene().lookup("#page-reconciliation").getUserData());
        waitUntil("runs", () -> !recon.viewModel().runs().rows().isEmpty() && !recon.viewModel().runs().loadingProperty().get());
        walk("Reconciliation runs");
        String inReview = onFx(() -> recon.viewModel().runs().rows().stream()
                .filter(r -> r.state() == Reconciliation.State.IN_REVIEW).findFirst()
                .orElse(recon.viewModel().runs().rows().get(0)).id());
        onFx(() -> {
            recon.open(inReview);
            return null;
        });
        waitUntil("the run's exceptions", () -> recon.viewModel().runProperty().get() != null
                && !recon.viewModel().exceptions().rows().isEmpty() && !recon.viewModel().exceptions().loadingProperty().get());
        selectFirstRow(robot, "#recon-exceptions");
        waitUntil("the exception's detail", () -> recon.viewModel().detailProperty().get() != null);
        walk("Reconciliation run " + inReview);
        assertNothingCut();
    }

    @Test
    void theStockCountScreensAreNotCut(FxRobot robot) {
        signInWith(robot, "warehouse", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-inventory");
        waitUntil("the matrix shows", () -> isShowing(robot, "#page-inventory"));
        selectFirstRow(robot, "#inventory-table");
        walk("Inventory (warehouse)");

        click(robot, "#inventory-count");
        waitUntil("the start dialog shows", () -> isShowing(robot, "#count-start-dialog"));
        @SuppressWarnings("unchecked")
        ListView<Object> open = onFx(() -> robot.lookup("#count-open").queryAs(ListView.class));
        waitUntil("the open counts are listed", () -> !open.getItems().isEmpty());
        walk("Stock count, start dialog");
        onFx(() -> {
            open.getSelectionModel().select(0);
            return null;
        });
        click(robot, "#count-resume");
        waitUntil("the count page shows", () -> isShowing(robot, "#count-page"));
        waitUntil("its lines", () -> !robot.lookup("#count-page .table-view").queryAs(TableView.class).getItems().isEmpty());
        walk("Stock count page");
        assertNothingCut();
    }

    @Test
    void administrationIsNotCut(FxRobot robot) {
        signInWith(robot, "admin", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-admin");
        waitUntil("the accounts show", () -> isShowing(robot, "#page-admin"));
        selectFirstRow(robot, "#account-table");
        walk("Administration");
        assertNothingCut();
    }
}
