package dev.opsdesk.desktop.settings;

import javafx.geometry.Rectangle2D;

import java.util.List;

/**
 * Puts a restored window where the user can see it: on the screen it overlaps most, no larger than
 * that screen, and fully inside it; a window whose screen is gone (a detached monitor) comes back
 * centred on the primary one.
 */
public final class WindowPlacement {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    public static final double MIN_WIDTH = 960;
    public static final double MIN_HEIGHT = 620;

    private WindowPlacement() {
    }

    /**
     * @param saved   the stored bounds, or null on first start
     * @param screens the screens' visual bounds, primary first
     */
    public static WindowBounds fit(WindowBounds saved, List<Rectangle2D> screens) {
        if (screens.isEmpty()) {
            return saved != null && saved.isUsable() ? saved
                    : new WindowBounds(0, 0, DEFAULT_WIDTH, DEFAULT_HEIGHT, false);
        }
        Rectangle2D primary = screens.get(0);
        if (saved == null || !saved.isUsable()) {
            return centred(primary, DEFAULT_WIDTH, DEFAULT_HEIGHT, false);
        }
        Rectangle2D best = null;
        double bestArea = 0;
        for (Rectangle2D screen : screens) {
            double area = overlap(screen, saved);
            if (area > bestArea) {
                bestArea = area;
                best = screen;
            }
        }
        if (best == null) {
            return centred(primary, saved.width(), saved.height(), saved.maximized());
        }
        double width = clamp(saved.width(), Math.min(MIN_WIDTH, best.getWidth()), best.getWidth());
        double height = clamp(saved.height(), Math.min(MIN_HEIGHT, best.getHeight()), best.getHeight());
        double x = clamp(saved.x(), best.getMinX(), best.getMaxX() - width);
        double y = clamp(saved.y(), best.getMinY(), best.getMaxY() - height);
        return new WindowBounds(x, y, width, height, saved.maximized());
    }

    private static WindowBounds centred(Rectangle2D screen, double wantedWidth, double wantedHeight, boolean maximized) {
        double width = Math.min(wantedWidth, screen.getWidth());
        double height = Math.min(wantedHeight, screen.getHeight());
        return new WindowBounds(screen.getMinX() + (screen.getWidth() - width) / 2,
                screen.getMinY() + (screen.getHeight() - height) / 2, width, height, maximized);
    }

    private static double overlap(Rectangle2D screen, WindowBounds w) {
        double dx = Math.min(screen.getMaxX(), w.x() + w.width()) - Math.max(screen.getMinX(), w.x());
        double dy = Math.min(screen.getMaxY(), w.y() + w.height()) - Math.max(screen.getMinY(), w.y());
        return dx > 0 && dy > 0 ? dx * dy : 0;
    }

    private static double clamp(double value, double min, double max) {
        return max < min ? min : Math.max(min, Math.min(max, value));
    }
}
