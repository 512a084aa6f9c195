package dev.opsdesk.desktop.settings;

/** Where the main window was, in screen coordinates, and whether it was maximised. */
public record WindowBounds(double x, double y, double width, double height, boolean maximized) {

    public boolean isUsable() {
        return Double.isFinite(x) && Double.isFinite(y) && width > 0 && height > 0
                && Double.isFinite(width) && Double.isFinite(height);
    }
}
