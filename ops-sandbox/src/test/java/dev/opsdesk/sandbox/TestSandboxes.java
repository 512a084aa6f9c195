package dev.opsdesk.sandbox;

import java.time.Instant;

/** Sandboxes for tests: one shared server (started once per test JVM) and fresh ones with a hand-moved clock. */
final class TestSandboxes {

    private static SandboxServer shared;

    private TestSandboxes() {
    }

    /** A server for tests that do not disturb each other (read-only, or their own usernames). Never closed by tests. */
    static synchronized SandboxServer shared() {
        if (shared == null) {
            shared = SandboxServer.start(SandboxOptions.defaults().withPort(0));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static DemoUser demo(SandboxServer server, String role) {
        return server.demoUsers().stream().filter(u -> u.role().equals(role)).findFirst().orElseThrow();
    }

    static MutableClock clock() {
        return new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));
    }

    static SandboxServer withClock(MutableClock clock) {
        return SandboxServer.start(SandboxOptions.defaults().withPort(0).withClock(clock));
    }
}
