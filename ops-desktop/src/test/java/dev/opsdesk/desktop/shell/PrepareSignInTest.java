package dev.opsdesk.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.desktop.StandardSections;
import dev.opsdesk.desktop.settings.AppSettings;
import dev.opsdesk.desktop.settings.SettingsStore;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/**
 * The built-in sandbox begins to boot while the sign-in window is first drawn when, and only when, that sign-in
 * will use it: a fresh install or a person who last used the sandbox does not wait for it after the window
 * appears; a person who signs in to a real server does not pay for a sandbox they will not use.
 */
class PrepareSignInTest {

    @TempDir
    Path settingsDir;

    @Test
    void aFreshInstallBootsTheSandboxBeforeAnyoneAsks() throws Exception {
        BuiltInSandbox sandbox = prepare(new AppSettings(), LaunchOptions.defaults());
        assertThat(awaitStarted(sandbox)).as("the sandbox was started in the background").isTrue();
    }

    @Test
    void theLastConnectionBeingTheSandboxBootsIt() throws Exception {
        AppSettings settings = new AppSettings();
        settings.setLastConnection(ConnectionChoice.BUILT_IN_SANDBOX.name());
        assertThat(awaitStarted(prepare(settings, LaunchOptions.defaults()))).isTrue();
    }

    @Test
    void aPersonWhoLastSignedInToARealServerGetsNoSandbox() throws Exception {
        AppSettings settings = new AppSettings();
        settings.setLastConnection(ConnectionChoice.SERVER_URL.name());
        BuiltInSandbox sandbox = prepare(settings, LaunchOptions.defaults());
        Thread.sleep(300);
        assertThat(sandbox.current()).isEmpty();
    }

    @Test
    void aServerNamedOnTheCommandLineMeansNoSandbox() throws Exception {
        LaunchOptions options = LaunchOptions.parse(List.of("--server", "https://ops.example.com"),
                new java.util.Properties());
        BuiltInSandbox sandbox = prepare(new AppSettings(), options);
        Thread.sleep(300);
        assertThat(sandbox.current()).isEmpty();
    }

    private BuiltInSandbox prepare(AppSettings settings, LaunchOptions options) {
        BuiltInSandbox sandbox = BuiltInSandbox.sharing(TestSandbox.shared());
        DesktopContext context = new DesktopContext(new SettingsStore(settingsDir), settings,
                BackgroundTasks.forJavaFx(), ErrorMessages.systemDefault(), sandbox, ClientFactory.standard(), options,
                StandardSections.registry());
        assertThat(sandbox.current()).as("nothing started before prepareSignIn").isEmpty();
        context.prepareSignIn();
        return sandbox;
    }

    private static boolean awaitStarted(BuiltInSandbox sandbox) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (sandbox.current().isPresent()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
