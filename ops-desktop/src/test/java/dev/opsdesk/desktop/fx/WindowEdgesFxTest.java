package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.hover;
import static dev.opsdesk.desktop.testing.FxPointer.click;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * What sits at the window's edges (#14): menus and tooltips stay inside the window, nothing is drawn at the bottom
 * left that does not belong to a label, and the server history of the sign-in window never opens as an empty sliver.
 *
 * <p>The window is smaller than the (1280×800 headless) screen and not in its corner, as on a desktop: JavaFX by
 * itself keeps a popup on the screen only, so a popup that runs past the window shows only then.
 */
@ExtendWith(ApplicationExtension.class)
class WindowEdgesFxTest extends FxTestSupport {

    @Start
    void start(Stage stage) {
        startApp(stage);
        stage.setX(40);
        stage.setY(30);
        stage.setWidth(1100);
        stage.setHeight(720);
    }

    @Stop
    void stop() {
        stopApp();
    }

    private static List<PopupWindow> popupsShowing() {
        return onFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof PopupWindow && w.isShowing()).map(w -> (PopupWindow) w).toList());
    }

    /** Null when {@code popup} is inside the window, else where it is. */
    private String outside(PopupWindow popup, String what) {
        double[] p = onFx(() -> new double[] {popup.getX(), popup.getY(), popup.getWidth(), popup.getHeight(),
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()});
        boolean inside = p[0] >= p[4] - 0.5 && p[1] >= p[5] - 0.5
                && p[0] + p[2] <= p[4] + p[6] + 0.5 && p[1] + p[3] <= p[5] + p[7] + 0.5;
        return inside ? null : String.format("%s at %.0f,%.0f %.0f×%.0f; the window at %.0f,%.0f %.0f×%.0f",
                what, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
    }

    @Test
    void everyMenuOfTheFailuresSectionStaysInsideTheWindow(FxRobot robot) {
        signInWith(robot, "support", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures")
                && !robot.lookup("#failure-table").queryAs(TableView.class).getItems().isEmpty());
        click(robot, "#failure-table .table-row-cell .table-cell");
        waitUntil("the detail shows", () -> isShowing(robot, "#add-note"));

        List<MenuButton> menus = onFx(() -> robot.lookup(".menu-button").queryAll().stream()
                .filter(n -> n instanceof MenuButton m && drawn(m) && !m.isDisabled()
                        && stage.getScene().getRoot().localToScene(stage.getScene().getRoot().getBoundsInLocal())
                        .contains(m.localToScene(m.getBoundsInLocal())))
                .map(n -> (MenuButton) n).toList());
        assertThat(menus).as("menus to open").isNotEmpty();
        List<String> outside = new ArrayList<>();
        for (MenuButton button : menus) {
            onFx(() -> {
                button.show();
                return null;
            });
            waitUntil("the menu " + button.getText() + " shows", () -> popupsShowing().stream().anyMatch(w -> w instanceof ContextMenu));
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            PopupWindow menu = popupsShowing().stream().filter(w -> w instanceof ContextMenu).findFirst().orElseThrow();
            String where = outside(menu, "the menu \"" + button.getText() + "\"");
            if (where != null) {
                outside.add(where);
            }
            onFx(() -> {
                button.hide();
                return null;
            });
            waitUntil("the menu is closed", () -> popupsShowing().stream().noneMatch(w -> w instanceof ContextMenu));
        }
        assertThat(outside).as("menus past the window's edge").isEmpty();
    }

    @Test
    void theTooltipOfTheChartsLastBarStaysInsideTheWindow(FxRobot robot) {
        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        waitUntil("the chart has bars", () -> !robot.lookup("#failure-chart .chart-bar").queryAll().isEmpty());
        // Live updates may redraw the chart (new bars) while the pointer gets there: point again until a tip shows.
        boolean shown = false;
        for (int attempt = 0; attempt < 5 && !shown; attempt++) {
            Node last = onFx(() -> robot.lookup("#failure-chart .chart-bar").queryAll().stream()
                    .filter(n -> n.getBoundsInLocal().getHeight() > 6
                            && n.localToScene(n.getBoundsInLocal()).getMaxX() < stage.getScene().getWidth() - 30)
                    .max(Comparator.comparingDouble(n -> n.localToScreen(n.getBoundsInLocal()).getMaxX())).orElseThrow());
            hover(robot, last);
            robot.moveBy(1, 1);
            try {
                org.testfx.util.WaitForAsyncUtils.waitFor(4, java.util.concurrent.TimeUnit.SECONDS,
                        () -> popupsShowing().stream().anyMatch(w -> w instanceof Tooltip));
                shown = true;
            } catch (java.util.concurrent.TimeoutException e) {
                robot.moveTo(new javafx.geometry.Point2D(stage.getX() + 300, stage.getY() + 300)); // away, then back
            }
        }
        if (!shown) {
            // Pointing did not bring it up (a headless pointer can lose its hover when the chart redraws): show the
            // last bar's tooltip where its behaviour would, a little right of and below the pointer on the bar.
            onFx(() -> {
                Node last = robot.lookup("#failure-chart .chart-bar").queryAll().stream()
                        .filter(n -> n.getBoundsInLocal().getHeight() > 6
                                && n.localToScene(n.getBoundsInLocal()).getMaxX() < stage.getScene().getWidth() - 30)
                        .max(Comparator.comparingDouble(n -> n.localToScreen(n.getBoundsInLocal()).getMaxX())).orElseThrow();
                Tooltip tip = (Tooltip) last.getProperties().get("javafx.scene.control.Tooltip");
                Bounds b = last.localToScreen(last.getBoundsInLocal());
                tip.show(last, b.getCenterX() + 10, b.getCenterY() + 7);
                return null;
            });
            waitUntil("its tooltip shows", () -> popupsShowing().stream().anyMatch(w -> w instanceof Tooltip));
        }
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        PopupWindow tip = popupsShowing().stream().filter(w -> w instanceof Tooltip).findFirst().orElseThrow();
        assertThat(outside(tip, "the tooltip \"" + ((Tooltip) tip).getText() + "\"")).isNull();
    }

    /** Visible with every parent. */
    private static boolean drawn(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Laid out with its parents: a node that is not is drawn wherever it happens to be (at its parent's origin). */
    private static boolean laidOut(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isManaged()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void noStatusDotIsDrawnOutsideItsLabelWhileLiveUpdatesAreOff(FxRobot robot) {
        signInWith(robot, "ops", "sandbox");
        waitForMainView(robot);
        waitUntil("live updates are on", () -> !textOf(robot, "#live-state").isEmpty());
        onFx(() -> {
            shell.mainViewModel().orElseThrow().liveUpdates().close(); // as at sign-out or before they start: off
            return null;
        });
        waitUntil("live updates are off", () -> textOf(robot, "#live-state").isEmpty());

        List<String> stray = onFx(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return robot.lookup(".status-dot").queryAll().stream()
                    .filter(dot -> drawn(dot) && !laidOut(dot))
                    .map(dot -> {
                        Bounds b = dot.localToScene(dot.getBoundsInLocal());
                        Labeled owner = (Labeled) dot.getParent();
                        return String.format("the dot of #%s at %.0f,%.0f", owner.getId(), b.getMinX(), b.getMinY());
                    }).toList();
        });
        assertThat(stray).as("dots drawn outside a laid-out label").isEmpty();
    }

    @Test
    void anEmptyServerHistoryDoesNotOpenAsABlankSliver(FxRobot robot) {
        waitForSignInView(robot);
        @SuppressWarnings("unchecked")
        ComboBox<String> servers = onFx(() -> robot.lookup("#server-url").queryAs(ComboBox.class));
        assertThat(onFx(() -> servers.getItems().isEmpty())).as("a fresh workstation has used no server").isTrue();
        click(robot, "#connection-url");
        waitUntil("the address can be typed", () -> !servers.isDisabled());

        click(robot, "#server-url .arrow-button");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        Optional<String> said = onFx(() -> {
            if (!servers.isShowing()) {
                return Optional.of("(nothing opens)");
            }
            PopupWindow popup = Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing())
                    .map(w -> (PopupWindow) w).findFirst().orElseThrow();
            return popup.getScene().getRoot().lookupAll(".label").stream()
                    .filter(n -> n instanceof Labeled l && drawn(l) && l.getHeight() >= 12 && l.getText() != null
                            && !l.getText().isBlank())
                    .map(n -> ((Labeled) n).getText()).findFirst();
        });
        assertThat(said).as("what the open history says when it is empty").hasValueSatisfying(text ->
                assertThat(text).containsAnyOf("No servers used yet", "(nothing opens)"));
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
    }
}
