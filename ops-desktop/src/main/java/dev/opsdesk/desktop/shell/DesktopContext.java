package dev.opsdesk.desktop.shell;

import dev.opsdesk.desktop.settings.AppSettings;
import dev.opsdesk.desktop.settings.SettingsStore;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;

import java.util.Objects;

/**
 * The application's long-lived services, made once at start (tests make their own: a shared
 * sandbox, a settings folder under {@code target/}).
 */
public final class DesktopContext implements AutoCloseable {

    private final SettingsStore settingsStore;
    private final AppSettings settings;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final BuiltInSandbox sandbox;
    private final ClientFactory clients;
    private final LaunchOptions options;
    private final SectionRegistry sections;

    /** @param sections the sections of the main window, in navigation order */
    public DesktopContext(SettingsStore settingsStore, AppSettings settings, BackgroundTasks tasks,
                          ErrorMessages errors, BuiltInSandbox sandbox, ClientFactory clients, LaunchOptions options,
                          SectionRegistry sections) {
        this.settingsStore = Objects.requireNonNull(settingsStore);
        this.settings = Objects.requireNonNull(settings);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.sandbox = Objects.requireNonNull(sandbox);
        this.clients = Objects.requireNonNull(clients);
        this.options = Objects.requireNonNull(options);
        this.sections = Objects.requireNonNull(sections);
    }

    /** What the real application runs with. Reads the settings file: call it off the UI thread. */
    public static DesktopContext standard(LaunchOptions options, SectionRegistry sections) {
        SettingsStore store = SettingsStore.atDefaultLocation();
        return new DesktopContext(store, store.load(), BackgroundTasks.forJavaFx(), ErrorMessages.systemDefault(),
                BuiltInSandbox.inProcess(), ClientFactory.standard(), options, sections);
    }

    public SettingsStore settingsStore() {
        return settingsStore;
    }

    public AppSettings settings() {
        return settings;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public ErrorMessages errors() {
        return errors;
    }

    public BuiltInSandbox sandbox() {
        return sandbox;
    }

    public ClientFactory clients() {
        return clients;
    }

    public LaunchOptions options() {
        return options;
    }

    public SectionRegistry sections() {
        return sections;
    }

    /**
     * Begins, off the UI thread, what the first sign-in will need while the window is still being made: the
     * built-in sandbox's boot, when the sign-in starts on it (no {@code --server}, and either an automatic
     * sign-in or the sandbox as the last connection). Returns at once.
     */
    public void prepareSignIn() {
        boolean onSandbox = options.server() == null && (options.autoSignIn() != null
                || ConnectionChoice.parse(settings.lastConnection()) == ConnectionChoice.BUILT_IN_SANDBOX);
        if (onSandbox) {
            sandbox.startInBackground();
        }
    }

    /** Writes the settings in the background. */
    public void saveSettings() {
        settingsStore.saveInBackground(settings, tasks);
    }

    /** Stops background work and the built-in sandbox. */
    @Override
    public void close() {
        tasks.close();
        sandbox.close();
    }
}
