package dev.opsdesk.desktop;

import dev.opsdesk.desktop.shell.AppShell;
import dev.opsdesk.desktop.shell.DesktopContext;
import dev.opsdesk.desktop.shell.LaunchOptions;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one window, run by {@link AppShell}. Started through {@link Main}. */
public final class OpsDeskApp extends Application {

    private DesktopContext context;
    private AppShell shell;

    /** Runs on the launcher thread, before the window: reading settings here keeps file I/O off the UI thread. */
    @Override
    public void init() {
        context = DesktopContext.standard(LaunchOptions.parse(getParameters().getRaw(), System.getProperties()),
                StandardSections.registry());
    }

    @Override
    public void start(Stage stage) {
        shell = new AppShell(stage, context);
        shell.show();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
        }
        if (context != null) {
            context.close();
        }
    }
}
