package dev.opsdesk.desktop.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;

/**
 * The built-in sandbox is ready for sign-in before its demo data is seeded (what the person waits for at start);
 * the first list they open after signing in is nevertheless the whole seeded one, never part of it.
 */
class BuiltInSandboxTest {

    @Test
    void signedInAtOnceTheFirstListIsTheWholeSeededOne() {
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withSeed(31);
        long seeded;
        try (SandboxServer full = SandboxServer.start(options);
             OpsClient client = OpsClient.create(OpsClientConfig.builder(full.baseUri()).build())) {
            client.sessions().signIn("ops", "sandbox".toCharArray());
            seeded = client.failures().count(FailureFilter.none());
        }
        try (BuiltInSandbox sandbox = BuiltInSandbox.inProcess(options)) {
            SandboxServer server = sandbox.ensureStarted();
            try (OpsClient client = OpsClient.create(OpsClientConfig.builder(server.baseUri()).build())) {
                client.sessions().signIn("ops", "sandbox".toCharArray());
                assertThat(client.failures().count(FailureFilter.none())).isPositive().isEqualTo(seeded);
                assertThat(server.isSeeded()).isTrue();
            }
        }
    }

    /**
     * The application's sandbox holds its seed until the main window has been drawn; if that word never comes,
     * the data comes anyway, a few seconds later, never not at all.
     */
    @Test
    void aSeedHeldForTheMainWindowStillComesWhenNothingLetsItGo() {
        try (BuiltInSandbox sandbox = BuiltInSandbox.inProcess()) {
            SandboxServer server = sandbox.ensureStarted();
            try (OpsClient client = OpsClient.create(OpsClientConfig.builder(server.baseUri()).build())) {
                client.sessions().signIn("ops", "sandbox".toCharArray());
                sandbox.seedNow();
                assertThat(client.failures().count(FailureFilter.none())).isPositive();
                assertThat(server.isSeeded()).isTrue();
            }
        }
    }
}
