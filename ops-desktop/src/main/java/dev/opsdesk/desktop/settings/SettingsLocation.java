package dev.opsdesk.desktop.settings;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Where the settings (and the log) live: the system property {@value #DIR_PROPERTY} when set (tests
 * point it into {@code target/}), otherwise the platform's per-user configuration folder. Has no
 * logger on purpose: it is used before logging is configured.
 */
public final class SettingsLocation {

    public static final String DIR_PROPERTY = "opsdesk.settings.dir";

    private SettingsLocation() {
    }

    public static Path directory() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Paths.get(override).toAbsolutePath();
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return Paths.get(appData != null ? appData : home, "OpsDesk");
        }
        if (os.contains("mac")) {
            return Paths.get(home, "Library", "Application Support", "OpsDesk");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank() ? Paths.get(xdg, "opsdesk") : Paths.get(home, ".config", "opsdesk");
    }
}
