package dev.opsdesk.desktop.settings;

import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.Theme;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AppSettingsTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsComeBack() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("nested"));
        AppSettings settings = new AppSettings();
        settings.setTheme(Theme.DARK);
        settings.rememberServer("https://b.example.com");
        settings.rememberServer("https://a.example.com");
        settings.setLastConnection("SERVER_URL");
        settings.setLastUsername("ops");
        settings.setWindow(new WindowBounds(10, 20, 1300, 810, true));

        store.save(settings);
        AppSettings loaded = store.load();

        assertThat(loaded.theme()).isEqualTo(Theme.DARK);
        assertThat(loaded.servers()).containsExactly("https://a.example.com", "https://b.example.com");
        assertThat(loaded.lastConnection()).isEqualTo("SERVER_URL");
        assertThat(loaded.lastUsername()).isEqualTo("ops");
        assertThat(loaded.window()).isEqualTo(new WindowBounds(10, 20, 1300, 810, true));
    }

    @Test
    void firstRunAndDamagedValuesGiveDefaults() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.load().theme()).isEqualTo(Theme.LIGHT);

        Files.writeString(store.file(), "theme=purple\nwindow.x=abc\nservers.0=https://x\n", StandardCharsets.UTF_8);
        AppSettings loaded = store.load();

        assertThat(loaded.theme()).isEqualTo(Theme.LIGHT);
        assertThat(loaded.window()).isNull();
        assertThat(loaded.servers()).containsExactly("https://x");
    }

    @Test
    void rememberedServersAreMostRecentFirstWithoutDuplicatesAndCapped() {
        AppSettings settings = new AppSettings();
        for (int i = 0; i < 10; i++) {
            settings.rememberServer("https://s" + i + ".example.com");
        }
        settings.rememberServer("https://s7.example.com");

        assertThat(settings.servers()).hasSize(AppSettings.MAX_SERVERS).startsWith("https://s7.example.com", "https://s9.example.com")
                .doesNotHaveDuplicates();
    }

    @Test
    void backgroundSaveWritesTheLatestSnapshot() {
        SettingsStore store = new SettingsStore(dir);
        AppSettings settings = new AppSettings();
        settings.setLastUsername("first");
        store.saveInBackground(settings, BackgroundTasks.inline());
        settings.setLastUsername("second");
        store.saveInBackground(settings, BackgroundTasks.inline());

        assertThat(store.load().lastUsername()).isEqualTo("second");
    }

    @Test
    void theSettingsFolderFollowsTheOverrideAndOtherwiseThePerUserConfigFolder() {
        String before = System.getProperty(SettingsLocation.DIR_PROPERTY);
        try {
            System.setProperty(SettingsLocation.DIR_PROPERTY, dir.resolve("elsewhere").toString());
            assertThat(SettingsLocation.directory()).isEqualTo(dir.resolve("elsewhere").toAbsolutePath());

            System.clearProperty(SettingsLocation.DIR_PROPERTY);
            Path platform = SettingsLocation.directory();
            assertThat(platform).isAbsolute().isNotEqualTo(dir.resolve("elsewhere").toAbsolutePath());
            assertThat(platform.getFileName().toString()).isIn("opsdesk", "OpsDesk");
        } finally {
            if (before == null) {
                System.clearProperty(SettingsLocation.DIR_PROPERTY);
            } else {
                System.setProperty(SettingsLocation.DIR_PROPERTY, before);
            }
        }
    }

    private static final Rectangle2D PRIMARY = new Rectangle2D(0, 0, 1920, 1040);
    private static final Rectangle2D RIGHT = new Rectangle2D(1920, 0, 1280, 1024);

    @Test
    void firstStartIsCentredAtDefaultSize() {
        WindowBounds b = WindowPlacement.fit(null, List.of(PRIMARY));

        assertThat(b.width()).isEqualTo(WindowPlacement.DEFAULT_WIDTH);
        assertThat(b.x()).isEqualTo((1920 - 1280) / 2.0);
    }

    @Test
    void windowOnADetachedMonitorComesBackToThePrimary() {
        WindowBounds saved = new WindowBounds(2100, 100, 1000, 700, false);

        WindowBounds onTwo = WindowPlacement.fit(saved, List.of(PRIMARY, RIGHT));
        WindowBounds onOne = WindowPlacement.fit(saved, List.of(PRIMARY));

        assertThat(onTwo).isEqualTo(saved);
        assertThat(onOne.x()).isBetween(0.0, 1920.0 - 1000);
        assertThat(onOne.width()).isEqualTo(1000);
    }

    @Test
    void oversizedOrPartlyOffscreenWindowIsClampedIntoItsScreen() {
        WindowBounds saved = new WindowBounds(-300, 900, 2500, 1400, true);

        WindowBounds b = WindowPlacement.fit(saved, List.of(PRIMARY));

        assertThat(b).isEqualTo(new WindowBounds(0, 0, 1920, 1040, true));
    }
}
