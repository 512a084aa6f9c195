package dev.opsdesk.desktop.testing;

import dev.opsdesk.sandbox.DemoUser;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;

/**
 * One real in-process sandbox shared by every test in the JVM (starting one takes seconds). Tests
 * that lock accounts use their own user so they do not disturb each other.
 */
public final class TestSandbox {

    private static SandboxServer server;

    private TestSandbox() {
    }

    public static synchronized SandboxServer shared() {
        if (server == null) {
            server = SandboxServer.start(SandboxOptions.defaults().withPort(0));
            SandboxServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-sandbox-stop"));
        }
        return server;
    }

    public static DemoUser user(String username) {
        return shared().demoUsers().stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo user " + username));
    }
}
