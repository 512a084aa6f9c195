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

/**
 * {@code GET /v1/events}: live changes as Server-Sent Events by topic, resumable, each reader getting only what it may
 * read.
 */
class LiveEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);

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

    private static SseClient connect(String token, String lastEventId, String topics) throws InterruptedException {
        SseClient client = new SseClient(server.baseUri(), token, lastEventId, topics);
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

    private static JsonNode data(SseClient.Event e) throws Exception {
        return Api.JSON.readTree(e.data());
    }

    /** Every event until one of {@code kind} about {@code failureId} (that one included); fails if it never comes. */
    private static List<SseClient.Event> until(SseClient stream, String kind, String failureId) throws Exception {
        List<SseClient.Event> seen = new ArrayList<>();
        while (true) {
            SseClient.Event e = stream.next(WAIT);
            assertThat(e).as("%s of %s after %s", kind, failureId, seen).isNotNull();
            seen.add(e);
            if (e.event().equals(kind) && failureId.equals(data(e).at("/failure/id").asText())) {
                return seen;
            }
        }
    }

    @Test
    void aChangeSomeoneMakesArrivesAsAFailureUpdatedEvent() throws Exception {
        String id = paymentFailure();
        try (SseClient stream = connect(ops, null, "failures")) {
            note(support, id, "Looking into it");
            SseClient.Event e = stream.next(WAIT);
            assertThat(e).isNotNull();
            assertThat(e.event()).isEqualTo("failure.updated");
            assertThat(e.id()).matches("\\d+");
            JsonNode data = data(e);
            assertThat(data.get("kind").asText()).isEqualTo("failure.updated");
            assertThat(data.get("topic").asText()).isEqualTo("failures");
            assertThat(data.get("at").asText()).isNotBlank();
            assertThat(data.at("/failure/id").asText()).isEqualTo(id);
            ContractTest.assertValid("/components/schemas/LiveEvent", data);
        }
    }

    @Test
    void everyCommittedAuditEventArrivesAsTheAuditListShowsIt() throws Exception {
        String id = paymentFailure();
        try (SseClient stream = connect(ops, null, "audit")) {
            note(support, id, "Audited live");
            SseClient.Event e = stream.next(WAIT);
            assertThat(e).isNotNull();
            assertThat(e.event()).isEqualTo("audit.appended");
            JsonNode data = data(e);
            ContractTest.assertValid("/components/schemas/LiveEvent", data);
            assertThat(data.get("topic").asText()).isEqualTo("audit");
            JsonNode audit = data.get("audit");
            assertThat(audit.get("action").asText()).isEqualTo("failure.noted");
            assertThat(audit.get("entityId").asText()).isEqualTo(id);
            long sequence = audit.get("sequence").asLong();
            JsonNode listed = api.get("/v1/audit/events?fromSequence=" + sequence + "&toSequence=" + sequence, ops)
                    .json().at("/items/0");
            assertThat(audit).isEqualTo(listed);
            assertThat(stream.next(QUIET)).as("only the audit topic").isNull();
        }
    }

    @Test
    void reconnectingWithLastEventIdDeliversExactlyWhatWasMissed() throws Exception {
        List<String> ids = Fixtures.seeded(server, FAILURE.QUEUE.eq("PAYMENT_CALLBACK")
                .and(FAILURE.STATUS.eq("OPEN")), 5);
        String last;
        try (SseClient stream = connect(ops, null, "failures")) {
            note(support, ids.get(0), "first");
            last = stream.next(WAIT).id();
        }
        // Missed while away: three changes.
        for (int i = 1; i <= 3; i++) {
            note(support, ids.get(i), "missed " + i);
        }
        try (SseClient resumed = connect(ops, last, "failures")) {
            List<String> failures = new ArrayList<>();
            List<Long> eventIds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SseClient.Event e = resumed.next(WAIT);
                assertThat(e).as("missed event %d", i + 1).isNotNull();
                eventIds.add(Long.parseLong(e.id()));
                failures.add(data(e).at("/failure/id").asText());
            }
            // One sequence across topics: the audit events of those changes took the ids in between.
            assertThat(eventIds).isSorted().doesNotHaveDuplicates().allMatch(n -> n > Long.parseLong(last));
            assertThat(failures).containsExactly(ids.get(1), ids.get(2), ids.get(3));
            assertThat(resumed.next(QUIET)).as("nothing more than what was missed").isNull();
            // ...and then live again.
            note(support, ids.get(4), "live");
            SseClient.Event live = resumed.next(WAIT);
            assertThat(Long.parseLong(live.id())).isGreaterThan(eventIds.get(2));
            assertThat(data(live).at("/failure/id").asText()).isEqualTo(ids.get(4));
        }
    }

    @Test
    void aReaderOnlyGetsEventsOfTheQueuesItMaySee() throws Exception {
        String inventory = Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN");
        String payment = paymentFailure();
        try (SseClient supportStream = connect(support, null, "failures");
             SseClient opsStream = connect(ops, null, "failures")) {
            note(ops, inventory, "ERP is back");
            note(ops, payment, "asked support");
            assertThat(data(opsStream.next(WAIT)).at("/failure/id").asText()).isEqualTo(inventory);
            assertThat(data(opsStream.next(WAIT)).at("/failure/id").asText()).isEqualTo(payment);
            SseClient.Event seen = supportStream.next(WAIT);
            assertThat(data(seen).at("/failure/id").asText()).isEqualTo(payment);
            assertThat(supportStream.next(QUIET)).isNull();
        }
    }

    @Test
    void supportGetsPaymentFailuresAndOrderAuditEventsOnly() throws Exception {
        String inventory = Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN");
        String payment = paymentFailure();
        try (SseClient stream = connect(support, null, null)) {
            note(ops, inventory, "not for support");
            note(ops, payment, "for support");
            List<SseClient.Event> seen = until(stream, "failure.updated", payment);
            assertThat(seen).extracting(SseClient.Event::event).contains("audit.appended");
            for (SseClient.Event e : seen) {
                JsonNode data = data(e);
                assertThat(e.data()).as("nothing about the inventory failure").doesNotContain(inventory);
                if (data.get("topic").asText().equals("audit")) {
                    assertThat(data.at("/audit/orderNumber").isTextual()).as("ORDERS scope: %s", e).isTrue();
                } else {
                    assertThat(data.at("/failure/queue").asText()).isEqualTo("PAYMENT_CALLBACK");
                }
            }
        }
    }

    @Test
    void warehouseStaffOpenTheStreamAndGetOnlyTheirOwnAuditEvents() throws Exception {
        DemoUser warehouse = TestSandboxes.demo(server, "warehouse");
        String token = api.token(warehouse);
        String inventory = Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN");
        try (SseClient stream = connect(token, null, null)) {
            note(ops, inventory, "not a failure event for warehouse staff");
            note(ops, paymentFailure(), "nor this one");
            // Their own action, the last of these: once it arrives, everything before it has been sent.
            api.token(warehouse);
            List<JsonNode> seen = new ArrayList<>();
            while (true) {
                SseClient.Event e = stream.next(WAIT);
                assertThat(e).as("own sign-in after %s", seen).isNotNull();
                JsonNode data = data(e);
                seen.add(data);
                if (data.at("/audit/action").asText().equals("session.signed_in")) {
                    break;
                }
            }
            for (JsonNode data : seen) {
                assertThat(data.get("topic").asText()).isEqualTo("audit");
                JsonNode audit = data.get("audit");
                boolean own = audit.get("actor").asText().equals(warehouse.username())
                        || warehouse.warehouses().contains(audit.path("warehouse").asText());
                assertThat(own).as("own action or own warehouse: %s", audit).isTrue();
            }
        }
    }

    @Test
    void newFailuresAndJobProgressAreEventsToo() throws Exception {
        try (SseClient stream = connect(support, null, "failures,jobs")) {
            String failureId = Fixtures.earlyCallbacks(server, 1, true).get(0);
            SseClient.Event created = stream.next(WAIT);
            assertThat(created.event()).isEqualTo("failure.created");
            assertThat(data(created).at("/failure/id").asText()).isEqualTo(failureId);
            String job = api.postWithKey("/v1/replay-jobs", support, null, "{\"ids\":[\"" + failureId + "\"]}")
                    .json().get("id").asText();
            boolean completedSeen = false;
            for (int i = 0; i < 10 && !completedSeen; i++) {
                SseClient.Event e = stream.next(WAIT);
                assertThat(e).isNotNull();
                JsonNode data = data(e);
                if (e.event().equals("job.progress")) {
                    assertThat(data.get("topic").asText()).isEqualTo("jobs");
                    assertThat(data.at("/job/id").asText()).isEqualTo(job);
                    completedSeen = data.at("/job/status").asText().equals("COMPLETED");
                }
            }
            assertThat(completedSeen).isTrue();
        }
    }

    @Test
    void anyoneSignedInMayOpenTheStreamButNotAskForATopicTheyCannotRead() {
        String warehouse = api.token(TestSandboxes.demo(server, "warehouse"));
        assertThat(api.get("/v1/events", warehouse).status()).isEqualTo(200);
        Api.Response forbidden = api.get("/v1/events?topics=failures", warehouse);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.problemType()).isEqualTo("forbidden");
        Api.Response unknown = api.get("/v1/events?topics=failures,weather", ops);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.problemType()).isEqualTo("validation");
        Api.Response anonymous = api.get("/v1/events", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.problemType()).isEqualTo("unauthenticated");
    }
}
