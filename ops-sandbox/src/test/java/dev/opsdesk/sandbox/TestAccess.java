package dev.opsdesk.sandbox;

import java.time.Duration;
import org.jooq.DSLContext;

/** What benchmarks (in another package) may look at inside a sandbox: its database and what seeding did. */
public final class TestAccess {

    private TestAccess() {
    }

    public static DSLContext dsl(SandboxServer server) {
        return server.dsl();
    }

    public static int seededFailures(SandboxServer server) {
        return server.seeded().failures();
    }

    public static Duration seedingTook(SandboxServer server) {
        return server.seeded().took();
    }
}
