package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event streams cannot exhaust the server, nor outlive the session they were opened with. */
class EventStreamLimitsTest {

    @Test
    void aSessionAndAUserMayHoldOnlyAFewStreams() throws Exception {
        SandboxOptions.Limits limits = new SandboxOptions.Limits(2, 3, Duration.ofMillis(500), 200, 20);
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withLimits(limits))) {
            Api api = new Api(server);
            DemoUser ops = TestSandboxes.demo(server, "ops");
            String first = api.token(ops);
            String second = api.token(ops);
            List<SseClient> open = new ArrayList<>();
            try {
                open.add(new SseClient(server.baseUri(), first, null));
                open.add(new SseClient(server.baseUri(), first, null));
                Api.Response thirdOfSession = api.get("/v1/events", first);
                assertThat(thirdOfSession.status()).isEqualTo(429);
                assertThat(thirdOfSession.problemType()).isEqualTo("rate-limited");
                assertThat(thirdOfSession.header("Retry-After")).isNotBlank();

                open.add(new SseClient(server.baseUri(), second, null));
                assertThat(open.get(2).status()).isEqualTo(200);
                Api.Response fourthOfUser = api.get("/v1/events", second);
                assertThat(fourthOfUser.status()).isEqualTo(429);

                // Another user is not affected; a closed stream frees its place.
                try (SseClient other = new SseClient(server.baseUri(), api.token(TestSandboxes.demo(server, "auditor")),
                        null)) {
                    assertThat(other.status()).isEqualTo(200);
                }
                open.remove(0).close();
                await().atMost(Duration.ofSeconds(20)).until(() -> server.openEventStreams() <= 3
                        && api.get("/v1/events", first).status() == 200);
            } finally {
                open.forEach(SseClient::close);
            }
        }
    }

    @Test
    void aStreamEndsWhenItsSessionIsSignedOutOrRevoked() throws Exception {
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withPort(0))) {
            Api api = new Api(server);
            String token = api.token(TestSandboxes.demo(server, "auditor"));
            try (SseClient stream = new SseClient(server.baseUri(), token, null)) {
                assertThat(stream.nextComment(Duration.ofSeconds(5))).isEqualTo("connected");
                assertThat(api.delete("/v1/sessions/current", token).status()).isEqualTo(204);
                // Someone else's change is an event the stream would carry: it must end instead.
                api.token(TestSandboxes.demo(server, "ops"));
                assertThat(stream.awaitEnd(Duration.ofSeconds(10))).isTrue();
            }
            String other = api.token(TestSandboxes.demo(server, "auditor"));
            try (SseClient stream = new SseClient(server.baseUri(), other, null)) {
                assertThat(stream.nextComment(Duration.ofSeconds(5))).isEqualTo("connected");
                server.revokeAllSessions();
                assertThat(stream.awaitEnd(Duration.ofSeconds(10))).isTrue();
            }
        }
    }

    @Test
    void anIdleStreamEndsAtTheNextHeartbeatOnceItsSessionHasExpired() throws Exception {
        MutableClock clock = TestSandboxes.clock();
        SandboxOptions.Limits limits = new SandboxOptions.Limits(4, 16, Duration.ofMillis(300), 200, 20);
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withClock(clock)
                .withLimits(limits))) {
            Api api = new Api(server);
            String token = api.token(TestSandboxes.demo(server, "auditor"));
            try (SseClient stream = new SseClient(server.baseUri(), token, null)) {
                assertThat(stream.nextComment(Duration.ofSeconds(5))).isEqualTo("connected");
                assertThat(stream.nextComment(Duration.ofSeconds(5))).isEqualTo("heartbeat");
                clock.advance(server.options().tokenTtl());
                assertThat(stream.awaitEnd(Duration.ofSeconds(10))).isTrue();
            }
        }
    }

    @Test
    void healthAndWebhookIntakeAnswerWithAThousandStreamsOpen() throws Exception {
        SandboxOptions.Limits limits = new SandboxOptions.Limits(1_000, 1_000, Duration.ofSeconds(15), 200, 20);
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withLimits(limits))) {
            Api api = new Api(server);
            String token = api.token(TestSandboxes.demo(server, "warehouse"));
            List<Socket> streams = new ArrayList<>();
            try {
                for (int i = 0; i < 1_000; i++) {
                    streams.add(openStream(server, token));
                }
                assertThat(server.openEventStreams()).isEqualTo(1_000);
                long started = System.nanoTime();
                assertThat(api.get("/v1/health", null).status()).isEqualTo(200);
                Api.Response callback = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "busy"),
                        Webhooks.event("payment.succeeded", Fixtures.newOrderNumber(), "pi_busy_1", 1200, "EUR"));
                assertThat(callback.status()).isEqualTo(202);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            } finally {
                for (Socket s : streams) {
                    s.close();
                }
            }
        }
    }

    /** Opens a stream over a raw socket and waits until the server has said it is open. */
    static Socket openStream(SandboxServer server, String token) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!seen.toString().contains(": connected")) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("Stream refused: " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return socket;
    }
}
