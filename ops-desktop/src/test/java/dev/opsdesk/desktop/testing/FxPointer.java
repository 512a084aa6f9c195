package dev.opsdesk.desktop.testing;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;
import org.testfx.api.FxRobot;


/**
 * Clicks and hovers that read the scene graph on the FX thread only.
 *
 * <p>TestFX's {@code clickOn(query)} and {@code clickOn(node)} check visibility and compute the node's bounds on
 * the test's own thread (TestFX issue 813). A node's bounds are computed lazily, so that read can meet the FX
 * thread laying out the same parent and fail with {@code IndexOutOfBoundsException} inside
 * {@code Parent.updateCachedBounds}; TestFX then re-throws it from whichever test runs next. Here the node is
 * found and measured on the FX thread, and the robot is only given a point on the screen.
 */
public final class FxPointer {

    private FxPointer() {
    }

    /** Clicks the centre of the visible part of the first visible node the query finds. */
    public static FxRobot click(FxRobot robot, String query) {
        return clickAt(robot, FxThread.call(() -> spotOf(firstVisible(robot, query), query)));
    }

    /** Clicks the centre of the visible part of the node. */
    public static FxRobot click(FxRobot robot, Node node) {
        return clickAt(robot, FxThread.call(() -> spotOf(node, String.valueOf(node))));
    }

    /** Moves the pointer over the centre of the visible part of the node. */
    public static FxRobot hover(FxRobot robot, Node node) {
        Spot spot = FxThread.call(() -> spotOf(node, String.valueOf(node)));
        robot.targetWindow(spot.window());
        robot.moveTo(spot.point());
        return robot;
    }

    /**
     * A point on the screen and the window it is in. Like TestFX's own node clicks, a click makes that window the
     * one the robot types into next (a dialog's field, say).
     */
    private record Spot(Window window, Point2D point) {
    }

    private static FxRobot clickAt(FxRobot robot, Spot spot) {
        robot.targetWindow(spot.window());
        robot.clickOn(spot.point());
        return robot;
    }

    private static Node firstVisible(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream()
                .filter(FxPointer::shownOnScreen)
                .findFirst()
                .orElseThrow(() -> new AssertionError("Nothing visible to click matches " + query));
    }

    private static boolean shownOnScreen(Node node) {
        if (node.getScene() == null || node.getScene().getWindow() == null || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return visiblePart(node) != null;
    }

    /** The node's bounds in its scene, cut to the scene's area; null when none of it is inside. */
    private static Bounds visiblePart(Node node) {
        Scene scene = node.getScene();
        Bounds b = node.localToScene(node.getBoundsInLocal());
        double minX = Math.max(0, b.getMinX());
        double minY = Math.max(0, b.getMinY());
        double maxX = Math.min(scene.getWidth(), b.getMaxX());
        double maxY = Math.min(scene.getHeight(), b.getMaxY());
        if (maxX < minX || maxY < minY) {
            return null;
        }
        return new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    private static Spot spotOf(Node node, String what) {
        Bounds part = node.getScene() == null || node.getScene().getWindow() == null ? null : visiblePart(node);
        if (part == null) {
            throw new AssertionError("Not on screen, so it cannot be clicked: " + what);
        }
        Scene scene = node.getScene();
        Window window = scene.getWindow();
        return new Spot(window, new Point2D(window.getX() + scene.getX() + part.getCenterX(),
                window.getY() + scene.getY() + part.getCenterY()));
    }
}
