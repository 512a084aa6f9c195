package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/events}: live changes as Server-Sent Events, resumable, limited to what the reader may see. */
class LiveEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static SandboxServer server;
    private static Api api;
    private static String ops;
    private static String support;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(31));
        api = new Api(server);
        ops = api.token(TestSandboxes.demo(server, "ops"));
        support = api.token(TestSandboxes.demo(server, "support"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SseClient connect(String token, String lastEventId) throws InterruptedException {
        SseClient client = new SseClient(server.baseUri(), token, lastEventId);
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.contentType()).startsWith("text/event-stream");
        // The server writes a comment first: from then on, nothing is missed.
        assertThat(client.nextComment(WAIT)).isEqualTo("connected");
        return client;
    }

    private static void note(String token, String failureId, String text) {
        assertThat(api.postWithKey("/v1/failures/" + failureId + "/notes", token, null, "{\"text\":\"" + text + "\"}")
                .status()).isEqualTo(201);
    }

    private static String paymentFailure() {
        return Fixtures.seededOne(server, "PAYMENT_CALLBACK", "OPEN");
    }

    @Test
    void aChangeSomeoneMakesArrivesAsAFailureUpdatedEvent() throws Exception {
        String id = paymentFailure();
        try (SseClient stream = connect(ops, null)) {
            note(support, id, "Looking into it");
            SseClient.Event e = stream.next(WAIT);
            assertThat(e).isNotNull();
            assertThat(e.event()).isEqualTo("failure.updated");
            assertThat(e.id()).matches("\\d+");
            JsonNode data = Api.JSON.readTree(e.data());
            assertThat(data.get("kind").asText()).isEqualTo("failure.updated");
            assertThat(data.get("at").asText()).isNotBlank();
            assertThat(data.at("/failure/id").asText()).isEqualTo(id);
            ContractTest.assertValid("/components/schemas/LiveEvent", data);
        }
    }

    @Test
    void reconnectingWithLastEventIdDeliversExactlyWhatWasMissed() throws Exception {
        List<String> ids = Fixtures.seeded(server, FAILURE.QUEUE.eq("PAYMENT_CALLBACK")
                .and(FAILURE.STATUS.eq("OPEN")), 5);
        String last;
        try (SseClient stream = connect(ops, null)) {
            note(support, ids.get(0), "first");
            last = stream.next(WAIT).id();
        }
        // Missed while away: three changes.
        for (int i = 1; i <= 3; i++) {
            note(support, ids.get(i), "missed " + i);
        }
        try (SseClient resumed = connect(ops, last)) {
            List<String> failures = new ArrayList<>();
            List<Long> eventIds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SseClient.Event e = resumed.next(WAIT);
                assertThat(e).as("missed event %d", i + 1).isNotNull();
                eventIds.add(Long.parseLong(e.id()));
                failures.add(Api.JSON.readTree(e.data()).at("/failure/id").asText());
            }
            long from = Long.parseLong(last);
            assertThat(eventIds).containsExactly(from + 1, from + 2, from + 3);
            assertThat(failures).containsExactly(ids.get(1), ids.get(2), ids.get(3));
            assertThat(resumed.next(Duration.ofMillis(300))).as("nothing more than what was missed").isNull();
            // ...and then live again.
            note(support, ids.get(4), "live");
            SseClient.Event live = resumed.next(WAIT);
            assertThat(Long.parseLong(live.id())).isEqualTo(from + 4);
        }
    }

    @Test
    void aReaderOnlyGetsEventsOfTheQueuesItMaySee() throws Exception {
        String inventory = Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN");
        String payment = paymentFailure();
        try (SseClient supportStream = connect(support, null); SseClient opsStream = connect(ops, null)) {
            note(ops, inventory, "ERP is back");
            note(ops, payment, "asked support");
            assertThat(Api.JSON.readTree(opsStream.next(WAIT).data()).at("/failure/id").asText()).isEqualTo(inventory);
            assertThat(Api.JSON.readTree(opsStream.next(WAIT).data()).at("/failure/id").asText()).isEqualTo(payment);
            SseClient.Event seen = supportStream.next(WAIT);
            assertThat(Api.JSON.readTree(seen.data()).at("/failure/id").asText()).isEqualTo(payment);
            assertThat(supportStream.next(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void newFailuresAndJobProgressAreEventsToo() throws Exception {
        try (SseClient stream = connect(support, null)) {
            String failureId = Fixtures.earlyCallbacks(server, 1, true).get(0);
            SseClient.Event created = stream.next(WAIT);
            assertThat(created.event()).isEqualTo("failure.created");
            assertThat(Api.JSON.readTree(created.data()).at("/failure/id").asText()).isEqualTo(failureId);
            String job = api.postWithKey("/v1/replay-jobs", support, null, "{\"ids\":[\"" + failureId + "\"]}")
                    .json().get("id").asText();
            boolean completedSeen = false;
            for (int i = 0; i < 10 && !completedSeen; i++) {
                SseClient.Event e = stream.next(WAIT);
                assertThat(e).isNotNull();
                JsonNode data = Api.JSON.readTree(e.data());
                if (e.event().equals("job.progress")) {
                    assertThat(data.at("/job/id").asText()).isEqualTo(job);
                    completedSeen = data.at("/job/status").asText().equals("COMPLETED");
                }
            }
            assertThat(completedSeen).isTrue();
        }
    }

    @Test
    void theStreamIsGuardedLikeEveryOtherEndpoint() {
        String warehouse = api.token(TestSandboxes.demo(server, "warehouse"));
        Api.Response forbidden = api.get("/v1/events", warehouse);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.problemType()).isEqualTo("forbidden");
        Api.Response anonymous = api.get("/v1/events", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.problemType()).isEqualTo("unauthenticated");
    }
}
