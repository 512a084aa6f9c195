package dev.opsdesk.desktop.settings;

import dev.opsdesk.desktop.ui.AtomicFile;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/** Reads and writes {@link AppSettings} as {@code settings.properties} in the settings directory. */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path directory;
    private final Path file;
    private final AtomicReference<AppSettings> pending = new AtomicReference<>();
    private final Object writeLock = new Object();

    public SettingsStore(Path directory) {
        this.directory = directory;
        this.file = directory.resolve("settings.properties");
    }

    /** The store in {@link SettingsLocation#directory()}. */
    public static SettingsStore atDefaultLocation() {
        return new SettingsStore(SettingsLocation.directory());
    }

    public Path directory() {
        return directory;
    }

    public Path file() {
        return file;
    }

    /** The stored settings; defaults when there are none or the file cannot be read. */
    public AppSettings load() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException firstRun) {
            return new AppSettings();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read settings from {}; starting with defaults", file, e);
            return new AppSettings();
        }
        return AppSettings.fromProperties(p);
    }

    /** Writes a snapshot now, replacing the file atomically (a crash never leaves half a file). */
    public void save(AppSettings settings) throws IOException {
        synchronized (writeLock) {
            write(settings.copy());
        }
    }

    /**
     * Writes a snapshot on a worker thread. Snapshots requested while one is being written collapse
     * into the newest, and an older one never overwrites a newer one.
     */
    public void saveInBackground(AppSettings settings, BackgroundTasks tasks) {
        pending.set(settings.copy());
        tasks.task("Saving settings", progress -> {
            synchronized (writeLock) {
                AppSettings latest = pending.getAndSet(null);
                if (latest != null) {
                    write(latest);
                }
            }
            return null;
        }).quiet().cancellable(false)
                .onFailure(e -> LOG.warn("Could not save settings to {}", file, e))
                .start();
    }

    private void write(AppSettings snapshot) throws IOException {
        AtomicFile.writeText(file, out -> snapshot.toProperties().store(out, "Ops Desk settings"));
    }
}
