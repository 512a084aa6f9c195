package dev.opsdesk.desktop.settings;

import dev.opsdesk.desktop.ui.Theme;
import javafx.beans.property.ObjectProperty;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The application's settings as the sections of the main window reach them.
 *
 * @param values the settings, changed in place
 * @param theme  the application's theme; changing it restyles the window at once
 * @param save   persists {@code values} (in the background)
 * @param file   where they are kept, shown to the user; may be null
 */
public record SettingsAccess(AppSettings values, ObjectProperty<Theme> theme, Runnable save, Path file) {

    public SettingsAccess {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(save, "save");
    }
}
