package dev.opsdesk.desktop.export.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.prefs.Preferences;

/** Remembers the folder of the last export, so the next file chooser opens there. */
public interface FolderMemory {

    /** The folder last exported to, if there was one and it still exists. */
    Optional<Path> lastFolder();

    void remember(Path folder);

    /**
     * In the user's preferences, node {@code dev/opsdesk/desktop/export}, key {@code lastFolder}; the
     * preferences are opened on first use, not when a view model is made.
     */
    static FolderMemory preferences() {
        return new FolderMemory() {
            private FolderMemory opened;

            private FolderMemory opened() {
                if (opened == null) {
                    opened = preferences(Preferences.userRoot().node("dev/opsdesk/desktop/export"));
                }
                return opened;
            }

            @Override
            public Optional<Path> lastFolder() {
                return opened().lastFolder();
            }

            @Override
            public void remember(Path folder) {
                opened().remember(folder);
            }
        };
    }

    static FolderMemory preferences(Preferences node) {
        return new FolderMemory() {
            @Override
            public Optional<Path> lastFolder() {
                String value = node.get("lastFolder", null);
                try {
                    return Optional.ofNullable(value).map(Path::of).filter(Files::isDirectory);
                } catch (RuntimeException invalid) {
                    return Optional.empty();
                }
            }

            @Override
            public void remember(Path folder) {
                // No flush(): it writes a file, and this runs on the FX thread. The preferences store
                // writes itself back in the background and at exit; at worst the next chooser opens
                // in the home folder.
                node.put("lastFolder", folder.toAbsolutePath().toString());
            }
        };
    }

    /** Kept in memory only (tests, or when preferences are unavailable). */
    static FolderMemory inMemory() {
        AtomicReference<Path> last = new AtomicReference<>();
        return new FolderMemory() {
            @Override
            public Optional<Path> lastFolder() {
                return Optional.ofNullable(last.get()).filter(Files::isDirectory);
            }

            @Override
            public void remember(Path folder) {
                last.set(folder.toAbsolutePath());
            }
        };
    }
}
