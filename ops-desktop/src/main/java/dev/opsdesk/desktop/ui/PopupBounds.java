package dev.opsdesk.desktop.ui;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Tooltip;
import javafx.stage.PopupWindow;
import javafx.stage.Screen;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

import java.util.List;

/**
 * Keeps menus, tooltips and drop-down lists inside the window they belong to (and on its screen).
 * JavaFX only keeps a popup on the screen: a menu opened by a button at the window's right edge, or a
 * tooltip near it, ran past the window whenever the screen was larger than the window. Installed once
 * for the whole application; every popup of every window is watched, so no section needs to do
 * anything.
 */
public final class PopupBounds {

    /** A popup nudged by less than this (rounding) stays where it is. */
    private static final double SLACK = 0.5;

    private static final Object PENDING = new Object();

    private static boolean installed;

    private PopupBounds() {
    }

    /** Watches every popup from now on (on the JavaFX thread; a second call does nothing). */
    public static void install() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("PopupBounds.install() must run on the JavaFX thread");
        }
        if (installed) {
            return;
        }
        installed = true;
        for (Window w : List.copyOf(Window.getWindows())) {
            watchIfPopup(w);
        }
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                for (Window w : change.getAddedSubList()) {
                    watchIfPopup(w);
                }
            }
        });
    }

    private static void watchIfPopup(Window w) {
        if (!(w instanceof PopupWindow popup) || popup.getProperties().containsKey(PopupBounds.class)) {
            return;
        }
        popup.getProperties().put(PopupBounds.class, Boolean.TRUE);
        popup.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> keepInside(popup));
        // A menu learns its size after it is shown (CSS, then layout): checked again, once the popup's own
        // positioning for the new size is done.
        popup.widthProperty().addListener((obs, old, now) -> later(popup));
        popup.heightProperty().addListener((obs, old, now) -> later(popup));
        if (popup.isShowing()) {
            keepInside(popup);
        }
    }

    private static void later(PopupWindow popup) {
        if (popup.getProperties().put(PENDING, Boolean.TRUE) == null) {
            Platform.runLater(() -> {
                popup.getProperties().remove(PENDING);
                keepInside(popup);
            });
        }
    }

    /** The area a popup of {@code owner} may use: the window, within the screen it is on. */
    static Rectangle2D allowedArea(Window owner) {
        Rectangle2D window = new Rectangle2D(owner.getX(), owner.getY(), Math.max(1, owner.getWidth()),
                Math.max(1, owner.getHeight()));
        List<Screen> screens = Screen.getScreensForRectangle(window);
        Rectangle2D screen = (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
        double minX = Math.max(window.getMinX(), screen.getMinX());
        double minY = Math.max(window.getMinY(), screen.getMinY());
        double maxX = Math.min(window.getMaxX(), screen.getMaxX());
        double maxY = Math.min(window.getMaxY(), screen.getMaxY());
        if (maxX <= minX || maxY <= minY) {
            return screen; // a window off its screen: the screen is all that is left
        }
        return new Rectangle2D(minX, minY, maxX - minX, maxY - minY);
    }

    private static void keepInside(PopupWindow popup) {
        if (!popup.isShowing() || popup.getWidth() <= 0 || popup.getHeight() <= 0) {
            return;
        }
        Window owner = popup.getOwnerWindow();
        while (owner instanceof PopupWindow parent) { // a submenu: the window of the menu it opens from
            owner = parent.getOwnerWindow();
        }
        if (owner == null || !owner.isShowing()) {
            return;
        }
        Rectangle2D area = allowedArea(owner);
        double x = popup.getX();
        double y = popup.getY();
        if (x + popup.getWidth() > area.getMaxX()) {
            x = area.getMaxX() - popup.getWidth();
        }
        x = Math.max(x, area.getMinX());
        if (y + popup.getHeight() > area.getMaxY()) {
            // A tooltip sits just below the pointer: it goes above it rather than under it (a tooltip
            // under the pointer would hide itself). A menu moves up as far as it needs to.
            y = popup instanceof Tooltip ? y - popup.getHeight() - 24 : area.getMaxY() - popup.getHeight();
        }
        y = Math.max(y, area.getMinY());
        if (Math.abs(x - popup.getX()) > SLACK) {
            popup.setX(x);
        }
        if (Math.abs(y - popup.getY()) > SLACK) {
            popup.setY(y);
        }
    }
}
