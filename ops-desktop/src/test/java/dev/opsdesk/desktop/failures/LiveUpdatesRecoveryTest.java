package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.LiveEvent;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.desktop.ui.LiveUpdates;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status bar's live-updates state when the server goes away and comes back: "paused —
 * reconnecting…" while it is down, "on" again by itself afterwards, and the listeners are told to
 * refresh their counts. A real sandbox on a persistent database is stopped and started again on the
 * same port (so the session survives the restart, as it would on a real server).
 */
class LiveUpdatesRecoveryTest {

    @TempDir
    Path data;

    @Test
    void aLostStreamShowsPausedAndRecoversByItself() throws Exception {
        int port = freePort();
        SandboxOptions options = SandboxOptions.defaults().withPort(port).withDataDir(data).withSeed(7);
        SandboxServer first = SandboxServer.start(options);
        FailureFixtures.TestUiThread ui = new FailureFixtures.TestUiThread();
        List<String> texts = new ArrayList<>();
        AtomicInteger resumed = new AtomicInteger();
        List<LiveEvent> events = new ArrayList<>();
        try (OpsClient client = ClientFactory.standard().create(first.baseUri());
             LiveUpdates live = new LiveUpdates(ui)) {
            client.sessions().signIn("support", "sandbox".toCharArray());
            live.textProperty().addListener((obs, old, now) -> texts.add(now));
            live.addListener(new LiveUpdates.Listener() {
                @Override
                public void onEvents(List<LiveEvent> batch) {
                    events.addAll(batch);
                }

                @Override
                public void onResumed() {
                    resumed.incrementAndGet();
                }
            });
            live.start(client.events());
            ui.runUntil("live", () -> live.statusProperty().get() == LiveUpdates.Status.LIVE, 20);
            assertThat(live.textProperty().get()).isEqualTo("Live updates on");

            first.close();
            ui.runUntil("paused", () -> live.statusProperty().get() == LiveUpdates.Status.RECONNECTING, 30);
            assertThat(live.textProperty().get()).isEqualTo("Live updates paused — reconnecting…");

            try (SandboxServer second = SandboxServer.start(options)) {
                ui.runUntil("live again", () -> live.statusProperty().get() == LiveUpdates.Status.LIVE, 40);
                assertThat(resumed).hasValue(1);
                assertThat(texts).containsSubsequence("Live updates on", "Live updates paused — reconnecting…",
                        "Live updates on");

                // And events flow again on the resumed stream.
                String order = FailureFixtures.callbackForMissingOrder(second, 1000);
                ui.runUntil("an event after the restart", () -> events.stream()
                        .anyMatch(e -> e.failure() != null && order.equals(e.failure().orderNumber())), 20);
            }
        } finally {
            first.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
