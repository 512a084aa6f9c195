package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import dev.opsdesk.desktop.failures.FailureRow;
import dev.opsdesk.desktop.failures.FailuresView;
import dev.opsdesk.desktop.failures.SortChoice;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sorting the lazily paged Failures table through the server: the Amount header sorts (ascending,
 * then descending, then back to newest first, with the arrow on the header), a header the server
 * cannot sort by does nothing, and the Sort choice under the list does the same from the keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class FailuresSortFxTest extends FxTestSupport {

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

    private FailuresView failuresView() {
        return onFx(() -> (FailuresView) shell.scene().lookup("#page-failures").getUserData());
    }

    private static Node header(FxRobot robot, String columnId) {
        return onFx(() -> robot.lookup("#failure-table .column-header").queryAll().stream()
                .filter(n -> columnId.equals(n.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("No header " + columnId)));
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<SortChoice> choice(FxRobot robot) {
        return onFx(() -> robot.lookup("#sort-choice").queryAs(ComboBox.class));
    }

    private static List<dev.opsdesk.client.model.Money> amounts(FxRobot robot) {
        return onFx(() -> table(robot).getItems().stream().map(r -> r.failure().amount()).toList());
    }

    /** Within each currency (currencies A to Z) in the direction asked; rows without an amount last. */
    private static boolean sortedByAmount(List<dev.opsdesk.client.model.Money> values, boolean descending) {
        boolean noAmountSeen = false;
        for (int i = 0; i < values.size(); i++) {
            var m = values.get(i);
            if (m == null) {
                noAmountSeen = true;
                continue;
            }
            if (noAmountSeen) {
                return false;
            }
            var before = i == 0 ? null : values.get(i - 1);
            if (before != null) {
                int byCurrency = before.currency().compareTo(m.currency());
                if (byCurrency > 0 || byCurrency == 0 && (descending ? before.amountMinor() < m.amountMinor()
                        : before.amountMinor() > m.amountMinor())) {
                    return false;
                }
            }
        }
        return values.size() > 1;
    }


    @Test
    void headersThatTheServerCanSortBySortAndTheOthersDoNot(FxRobot robot) {
        signInWith(robot, "support", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures") && !table(robot).getItems().isEmpty());
        FailuresView view = failuresView();
        assertThat(onFx(() -> table(robot).getSortOrder().get(0).getId())).as("newest first shows on Age")
                .isEqualTo("firstSeenAt");
        assertThat(onFx(() -> choice(robot).getValue())).isEqualTo(SortChoice.NEWEST);

        click(robot, header(robot, "amount"));
        waitUntil("smallest amounts first", () -> view.viewModel().sortProperty().get() == SortChoice.SMALLEST_AMOUNT
                && !view.viewModel().list().loadingProperty().get() && sortedByAmount(amounts(robot), false));
        assertThat(onFx(() -> table(robot).getSortOrder().get(0).getSortType())).isEqualTo(TableColumn.SortType.ASCENDING);

        click(robot, header(robot, "amount"));
        waitUntil("largest amounts first", () -> view.viewModel().sortProperty().get() == SortChoice.LARGEST_AMOUNT
                && !view.viewModel().list().loadingProperty().get() && sortedByAmount(amounts(robot), true));
        assertThat(onFx(() -> table(robot).getSortOrder().get(0).getId())).isEqualTo("amount");
        assertThat(onFx(() -> table(robot).getSortOrder().get(0).getSortType())).isEqualTo(TableColumn.SortType.DESCENDING);
        assertThat(onFx(() -> choice(robot).getValue())).as("the Sort choice follows the header")
                .isEqualTo(SortChoice.LARGEST_AMOUNT);
        List<String> before = onFx(() -> table(robot).getItems().stream().map(FailureRow::id).toList());

        click(robot, header(robot, "status"));
        WaitForAsyncUtilsBridge.settle();
        assertThat(view.viewModel().sortProperty().get()).as("Status cannot be sorted by").isEqualTo(SortChoice.LARGEST_AMOUNT);
        assertThat(onFx(() -> table(robot).getItems().stream().map(FailureRow::id).toList())).isEqualTo(before);
        assertThat(onFx(() -> table(robot).getSortOrder().get(0).getId())).isEqualTo("amount");

        // A third click on the sorted header goes back to the default order: newest first.
        click(robot, header(robot, "amount"));
        waitUntil("newest first again", () -> view.viewModel().sortProperty().get() == SortChoice.NEWEST
                && !view.viewModel().list().loadingProperty().get());
        assertThat(onFx(() -> choice(robot).getValue())).isEqualTo(SortChoice.NEWEST);
        assertThat(onFx(() -> table(robot).getSortOrder().get(0).getId())).isEqualTo("firstSeenAt");
        assertThat(onFx(() -> table(robot).getSortOrder().get(0).getSortType()))
                .as("the youngest first").isEqualTo(TableColumn.SortType.ASCENDING);
        List<java.time.Instant> seen = onFx(() -> table(robot).getItems().stream().map(r -> r.failure().firstSeenAt()).toList());
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)).isBeforeOrEqualTo(seen.get(i - 1));
        }

        // From the keyboard: Tab from the list to the Sort choice, open it, take the last entry.
        onFx(() -> {
            table(robot).requestFocus();
            return null;
        });
        robot.type(KeyCode.TAB);
        waitUntil("the Sort choice has focus", () -> choice(robot).isFocused());
        robot.type(KeyCode.F4);
        waitUntil("the choices show", () -> choice(robot).isShowing());
        robot.type(KeyCode.END).type(KeyCode.ENTER);
        waitUntil("smallest amounts first", () -> view.viewModel().sortProperty().get() == SortChoice.SMALLEST_AMOUNT
                && !view.viewModel().list().loadingProperty().get() && sortedByAmount(amounts(robot), false));
        assertThat(onFx(() -> table(robot).getSortOrder().get(0).getId())).as("the header shows it").isEqualTo("amount");
        assertThat(onFx(() -> table(robot).getSortOrder().get(0).getSortType())).isEqualTo(TableColumn.SortType.ASCENDING);
    }
}
