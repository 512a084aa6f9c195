package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.desktop.failures.FailureRow;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * At the default 1280×800 window the Failures section's key labels are shown whole: the queue chips, the visible
 * column headers, the detail pane's actions, the Notes tab (not in the overflow menu) and Add note.
 */
@ExtendWith(ApplicationExtension.class)
class FailuresLayoutFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @SuppressWarnings("unchecked")
    private static TableView<FailureRow> table(FxRobot robot) {
        return onFx(() -> robot.lookup("#failure-table").queryAs(TableView.class));
    }

    @Test
    void theKeyLabelsOfFailuresAreNotCutAt1280By800(FxRobot robot) {
        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures") && !table(robot).getItems().isEmpty());
        click(robot, "#failure-table .table-row-cell .table-cell");
        waitUntil("the detail shows", () -> isShowing(robot, "#add-note"));

        // The detail's tabs count what they hold ("Attempts (2)") once it has loaded; a count that arrives between the
        // layout and the reading shows as a different text, not as a cut: read again for a moment before concluding.
        List<String> cut = List.of();
        long deadline = System.nanoTime() + 5_000_000_000L;
        do {
            cut = onFx(() -> {
                List<Node> labels = new ArrayList<>();
                labels.addAll(robot.lookup(".queue-button").queryAll());
                labels.addAll(robot.lookup("#status-chips .toggle-button").queryAll());
                labels.addAll(robot.lookup("#failure-table .column-header .label").queryAll());
                labels.addAll(robot.lookup("#detail-tabs .tab-label").queryAll());
                labels.add(robot.lookup("#add-note").query());
                labels.addAll(robot.lookup(".action-bar .button").queryAll());
                labels.add(robot.lookup("#past-sla-filter").query());
                return Clipped.elided(labels);
            });
            if (!cut.isEmpty()) {
                robot.sleep(100);
            }
        } while (!cut.isEmpty() && System.nanoTime() < deadline);
        assertThat(cut).as("labels drawn cut at 1280×800").isEmpty();

        Bounds notes = onFx(() -> robot.lookup("#tab-notes").query().localToScene(
                robot.lookup("#tab-notes").query().getBoundsInLocal()));
        Bounds tabs = onFx(() -> {
            TabPane pane = robot.lookup("#detail-tabs").queryAs(TabPane.class);
            return pane.localToScene(pane.getBoundsInLocal());
        });
        assertThat(notes.getMaxX()).as("the Notes tab is on its row, not in the overflow menu")
                .isLessThanOrEqualTo(tabs.getMaxX() - 24);
    }
}
