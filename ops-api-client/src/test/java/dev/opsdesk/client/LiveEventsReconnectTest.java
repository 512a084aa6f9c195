package dev.opsdesk.client;

import dev.opsdesk.client.model.LiveEvent;
import dev.opsdesk.client.model.LiveTopic;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live stream whose connection drops mid-way: the subscription reconnects by itself, resumes
 * with Last-Event-ID, and delivers no event twice. The drop is a transport fault the real sandbox
 * cannot be made to show on demand, hence MockWebServer.
 */
class LiveEventsReconnectTest {

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String event(int id, String failureId) {
        return "id: " + id + "\nevent: failure.updated\ndata: {\"kind\":\"failure.updated\",\"at\":\"2026-11-21T09:00:00Z\","
                + "\"failure\":{\"id\":\"" + failureId + "\",\"queue\":\"PAYMENT_CALLBACK\",\"status\":\"OPEN\"}}\n\n";
    }

    @Test
    void droppedStreamReconnectsAndResumesFromTheLastEvent() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(event(41, "F-1") + event(42, "F-2"))
                .onResponseEnd(new SocketEffect.CloseSocket()).build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(event(43, "F-3")).build());

        List<LiveEvent> received = new CopyOnWriteArrayList<>();
        List<LiveEvents.State> states = new CopyOnWriteArrayList<>();
        try (OpsClient client = OpsClient.create(OpsClientConfig.builder(URI.create(server.url("/").toString()))
                .readTimeout(Duration.ofSeconds(2)).build());
             LiveEvents.Subscription sub = client.events().subscribe("40", new LiveEvents.Listener() {
                 @Override
                 public void onEvent(LiveEvent e) {
                     received.add(e);
                 }

                 @Override
                 public void onStateChanged(LiveEvents.State state, OpsApiException cause) {
                     states.add(state);
                 }
             })) {
            await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() == 3);
            assertThat(received).extracting(LiveEvent::id).containsExactly("41", "42", "43");
            assertThat(received).extracting(e -> e.failure().id()).containsExactly("F-1", "F-2", "F-3");
            // Events of a server from before topics still say what they are about.
            assertThat(received).allMatch(e -> e.is(LiveTopic.FAILURES));
            assertThat(sub.lastEventId()).isEqualTo("43");
        }
        RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(first.getHeaders().get("Last-Event-ID")).isEqualTo("40");
        assertThat(second.getHeaders().get("Last-Event-ID")).isEqualTo("42");
        assertThat(states).contains(LiveEvents.State.CONNECTED, LiveEvents.State.RECONNECTING);
    }

    @Test
    void tooManyStreamsWaitsAsLongAsTheServerAsksThenConnects() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/problem+json")
                .addHeader("Retry-After", "1")
                .body("{\"type\":\"https://opsdesk.dev/problems/rate-limited\",\"title\":\"Too many requests\","
                        + "\"status\":429,\"detail\":\"This session has 4 event streams open.\",\"requestId\":\"r\"}")
                .build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(event(7, "F-7")).build());
        List<LiveEvent> received = new CopyOnWriteArrayList<>();
        List<LiveEvents.State> states = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        try (OpsClient client = OpsClient.create(OpsClientConfig.builder(URI.create(server.url("/").toString()))
                .readTimeout(Duration.ofSeconds(5)).build());
             LiveEvents.Subscription sub = client.events().subscribe(null, new LiveEvents.Listener() {
                 @Override
                 public void onEvent(LiveEvent e) {
                     received.add(e);
                 }

                 @Override
                 public void onStateChanged(LiveEvents.State state, OpsApiException cause) {
                     states.add(state);
                 }
             })) {
            await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() == 1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(states).contains(LiveEvents.State.RECONNECTING, LiveEvents.State.CONNECTED);
    }

    @Test
    void rejectedSessionStopsTheStreamAndEndsTheSession() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/problem+json")
                .body("{\"type\":\"https://opsdesk.dev/problems/unauthenticated\",\"title\":\"Unauthenticated\",\"status\":401,"
                        + "\"detail\":\"The session has expired; sign in again.\",\"requestId\":\"r\"}").build());
        List<UnauthenticatedException> ended = new CopyOnWriteArrayList<>();
        List<LiveEvents.State> states = new CopyOnWriteArrayList<>();
        try (OpsClient client = OpsClient.create(OpsClientConfig.builder(URI.create(server.url("/").toString())).build())) {
            client.sessions().useToken("expired-token");
            client.addSessionListener(ended::add);
            try (LiveEvents.Subscription sub = client.events().subscribe(null, new LiveEvents.Listener() {
                @Override
                public void onEvent(LiveEvent e) {
                }

                @Override
                public void onStateChanged(LiveEvents.State state, OpsApiException cause) {
                    states.add(state);
                }
            })) {
                await().atMost(5, TimeUnit.SECONDS).until(() -> sub.state() == LiveEvents.State.STOPPED);
            }
        }
        assertThat(ended).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void topicsAreAskedForOnEveryConnectionAndAuditEventsRead() throws Exception {
        String audit = "id: 7\nevent: audit.appended\ndata: {\"kind\":\"audit.appended\",\"topic\":\"audit\","
                + "\"at\":\"2026-11-21T09:00:00Z\",\"audit\":{\"sequence\":12,\"at\":\"2026-11-21T09:00:00Z\","
                + "\"actor\":\"olga\",\"actorType\":\"USER\",\"action\":\"failure.noted\",\"entityType\":\"failure\","
                + "\"entityId\":\"F-1\",\"details\":{\"text\":\"hi\"},\"prevHash\":\"" + "0".repeat(64)
                + "\",\"hash\":\"" + "a".repeat(64) + "\"}}\n\n";
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(audit).onResponseEnd(new SocketEffect.CloseSocket()).build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .body(event(8, "F-2")).build());
        List<LiveEvent> received = new CopyOnWriteArrayList<>();
        try (OpsClient client = OpsClient.create(OpsClientConfig.builder(URI.create(server.url("/").toString()))
                .readTimeout(Duration.ofSeconds(2)).build());
             LiveEvents.Subscription sub = client.events().subscribe(null, Set.of(LiveTopic.AUDIT, LiveTopic.FAILURES),
                     received::add)) {
            await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() == 2);
            LiveEvent first = received.get(0);
            assertThat(first.is(LiveTopic.AUDIT)).isTrue();
            assertThat(first.failure()).isNull();
            assertThat(first.audit().sequence()).isEqualTo(12);
            assertThat(first.audit().entity()).isEqualTo("failure:F-1");
            assertThat(first.audit().details().get("text").asText()).isEqualTo("hi");
            assertThat(sub.lastEventId()).isEqualTo("8");
        }
        for (int i = 0; i < 2; i++) {
            RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
            assertThat(request.getUrl().queryParameter("topics")).isEqualTo("failures,audit");
        }
    }
}
