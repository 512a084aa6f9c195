package dev.opsdesk.desktop.settings;

import dev.opsdesk.desktop.ui.Theme;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.Objects;

/** The settings page: theme (applied live), remembered servers, where settings are stored. */
public final class SettingsViewModel {

    private final AppSettings settings;
    private final ObjectProperty<Theme> theme;
    private final Runnable save;
    private final Path location;
    private final ObservableList<String> servers = FXCollections.observableArrayList();
    private final ObservableList<String> serversView = FXCollections.unmodifiableObservableList(servers);

    /**
     * @param theme    the application's theme; changing it restyles every window at once
     * @param save     persists {@code settings} (in the background)
     * @param location the settings file, shown to the user
     */
    public SettingsViewModel(AppSettings settings, ObjectProperty<Theme> theme, Runnable save, Path location) {
        this.settings = Objects.requireNonNull(settings);
        this.theme = Objects.requireNonNull(theme);
        this.save = Objects.requireNonNull(save);
        this.location = location;
        servers.setAll(settings.servers());
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public void setTheme(Theme value) {
        if (value != null && value != theme.get()) {
            theme.set(value);
            settings.setTheme(value);
            save.run();
        }
    }

    public ObservableList<String> servers() {
        return serversView;
    }

    public void forgetServers() {
        settings.forgetServers();
        servers.clear();
        save.run();
    }

    public String location() {
        return location == null ? "" : location.toString();
    }
}
