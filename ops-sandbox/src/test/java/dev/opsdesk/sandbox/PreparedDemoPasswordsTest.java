package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.APP_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.sandbox.auth.Passwords;
import dev.opsdesk.sandbox.db.tables.records.AppUserRecord;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The build hashes the default demo password once per demo user, each with its own salt, so that a start need not;
 * a sandbox with any other password (what one reachable from other machines must have) hashes it itself, as before.
 */
class PreparedDemoPasswordsTest {

    private SandboxServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theDefaultDemoPasswordUsesTheHashesTheBuildMadeEachWithItsOwnSalt() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0));
        List<Passwords.Hash> prepared = Passwords.prepared();
        assertThat(prepared).as("prepared by the build").hasSize(server.demoUsers().size());
        assertThat(prepared).allSatisfy(h -> {
            assertThat(h.iterations()).isEqualTo(Passwords.DEFAULT_ITERATIONS);
            assertThat(Passwords.matches(SandboxOptions.DEFAULT_DEMO_PASSWORD, h)).isTrue();
            assertThat(Passwords.matches("Sandbox", h)).isFalse();
        }).extracting(Passwords.Hash::salt).doesNotHaveDuplicates();
        assertThat(demoHashes()).containsExactlyElementsOf(prepared);
        assertThat(new Api(server).signIn("ops", "sandbox").status()).isEqualTo(201);
    }

    @Test
    void anyOtherDemoPasswordIsHashedAtStartNeverTakenFromTheBuild() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withDemoPassword("Training-2026"));
        List<Passwords.Hash> own = demoHashes();
        assertThat(own).doesNotContainAnyElementsOf(Passwords.prepared());
        assertThat(own).allSatisfy(h -> {
            assertThat(Passwords.matches("Training-2026", h)).isTrue();
            assertThat(Passwords.matches("sandbox", h)).isFalse();
        }).extracting(Passwords.Hash::salt).doesNotHaveDuplicates();
        assertThat(new Api(server).signIn("ops", "sandbox").status()).isEqualTo(401);
        assertThat(new Api(server).signIn("ops", "Training-2026").status()).isEqualTo(201);
    }

    private List<Passwords.Hash> demoHashes() {
        return server.demoUsers().stream().map(u -> {
            AppUserRecord r = server.dsl().selectFrom(APP_USER).where(APP_USER.USERNAME.eq(u.username())).fetchSingle();
            return new Passwords.Hash(r.getPasswordHash(), r.getPasswordSalt(), r.getPasswordIterations());
        }).toList();
    }
}
