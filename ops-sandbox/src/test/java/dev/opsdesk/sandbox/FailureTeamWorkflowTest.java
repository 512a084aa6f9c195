package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The team's workflow on a failure: whom it can be assigned to, the resolution note among the notes, reopening with
 * a reason, and SLA ageing per queue (the list's flag and filter, the summary's counts).
 */
class FailureTeamWorkflowTest {

    private static MutableClock clock;
    private static SandboxServer server;
    private static Api api;
    private static String support;
    private static String ops;

    @BeforeAll
    static void start() {
        clock = TestSandboxes.clock();
        server = TestSandboxes.withClock(clock);
        api = new Api(server);
        support = api.token(TestSandboxes.demo(server, "support"));
        ops = api.token(TestSandboxes.demo(server, "ops"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> usernames(JsonNode assignees) {
        List<String> names = new ArrayList<>();
        assignees.get("items").forEach(a -> names.add(a.get("username").asText()));
        return names;
    }

    @Test
    void theAssigneesOfAFailureAreThePeopleWhoMayReplayOrResolveItsQueue() {
        String payment = Fixtures.seededOne(server, "PAYMENT_CALLBACK", "OPEN");
        Api.Response r = api.get("/v1/failures/" + payment + "/assignees", support);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        // finance, the approver and the auditor read the payment queue but may not act on it.
        assertThat(usernames(r.json())).contains("admin", "ops", "support")
                .doesNotContain("finance", "approver", "auditor", "warehouse").isSorted();
        r.json().get("items").forEach(a -> assertThat(a.get("mayReplay").asBoolean()
                || a.get("mayResolve").asBoolean()).as("%s", a).isTrue());
        JsonNode supportRow = row(r.json(), "support");
        assertThat(supportRow.get("mayReplay").asBoolean()).isTrue();
        assertThat(supportRow.get("mayResolve").asBoolean()).isTrue();
        JsonNode opsRow = row(r.json(), "ops");
        assertThat(opsRow.get("mayReplay").asBoolean()).as("ops replays inventory and fulfillment only").isFalse();
        assertThat(opsRow.get("mayResolve").asBoolean()).isTrue();

        String inventory = Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN");
        assertThat(usernames(api.get("/v1/failures/" + inventory + "/assignees", ops).json()))
                .contains("admin", "ops").doesNotContain("support", "finance", "auditor");
        assertThat(api.get("/v1/failures/" + inventory + "/assignees", support).status()).isEqualTo(403);

        Api.Response assigned = api.postWithKey("/v1/failures/" + inventory + "/assign", ops, null,
                "{\"assignee\":\"admin\"}");
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
        assertThat(assigned.json().get("assignee").asText()).isEqualTo("admin");
    }

    @Test
    void theResolutionNoteIsAmongTheFailuresNotes() {
        String id = Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN");
        Api.Response resolved = api.postWithKey("/v1/failures/" + id + "/resolve", ops, null,
                "{\"status\":\"RESOLVED\",\"code\":\"FIXED_MANUALLY\",\"note\":\"Stock set by hand in the WMS\"}");
        assertThat(resolved.status()).as("%s", resolved).isEqualTo(200);
        JsonNode notes = api.get("/v1/failures/" + id, ops).json().get("notes");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("text").asText()).isEqualTo("Stock set by hand in the WMS");
        assertThat(notes.get(0).get("author").asText()).isEqualTo("ops");
    }

    @Test
    void aResolvedOrDismissedFailureCanBeReopenedWithAReasonAndItIsAudited() {
        String id = Fixtures.seededOne(server, "FULFILLMENT_EXPORT", "OPEN");
        assertThat(api.postWithKey("/v1/failures/" + id + "/resolve", ops, null,
                "{\"status\":\"DISMISSED\",\"code\":\"DUPLICATE\",\"note\":\"Same as the other one\"}").status())
                .isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        long before = lastSequence();

        Api.Response reopened = api.postWithKey("/v1/failures/" + id + "/reopen", ops, null,
                "{\"reason\":\"Not a duplicate after all: another shipment\"}");
        assertThat(reopened.status()).as("%s", reopened).isEqualTo(200);
        JsonNode failure = reopened.json();
        assertThat(failure.get("status").asText()).isEqualTo("OPEN");
        assertThat(failure.path("resolution").isMissingNode() || failure.get("resolution").isNull()).isTrue();
        assertThat(failure.get("replayable").asBoolean()).isTrue();
        List<String> notes = new ArrayList<>();
        failure.get("notes").forEach(n -> notes.add(n.get("text").asText()));
        assertThat(notes).containsExactly("Same as the other one", "Reopened: Not a duplicate after all: another shipment");

        var events = server.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.SEQUENCE.gt(before))
                .orderBy(AUDIT_EVENT.SEQUENCE).fetch();
        assertThat(events).extracting(e -> e.getAction()).containsExactly("failure.reopened");
        assertThat(events.get(0).getActor()).isEqualTo("ops");
        assertThat(events.get(0).getDetails()).contains("Not a duplicate after all")
                .contains("DUPLICATE").contains("DISMISSED");

        Api.Response again = api.postWithKey("/v1/failures/" + id + "/reopen", ops, null, "{\"reason\":\"again\"}");
        assertThat(again.status()).as("an open failure is not reopened: %s", again).isEqualTo(409);
        Api.Response noReason = api.postWithKey("/v1/failures/" + id + "/reopen", ops, null, "{\"reason\":\" \"}");
        assertThat(noReason.status()).isEqualTo(400);
        String quarantined = Fixtures.seededOne(server, "PAYMENT_CALLBACK", "DEAD");
        assertThat(api.postWithKey("/v1/failures/" + quarantined + "/reopen", support, null,
                "{\"reason\":\"why not\"}").status()).isEqualTo(409);
    }

    @Test
    void anOpenFailureOlderThanItsQueuesTargetIsPastItsSla() {
        JsonNode summary = api.get("/v1/failures/summary", ops).json();
        List<Long> targets = new ArrayList<>();
        summary.get("queues").forEach(q -> targets.add(q.get("slaTargetMinutes").asLong()));
        assertThat(targets).containsExactly(30L, 120L, 240L);
        long pastBefore = summary.get("queues").get(0).get("pastSla").asLong();

        String id = Fixtures.earlyCallbacks(server, 1, false).get(0);
        Instant seen = Instant.parse(api.get("/v1/failures/" + id, support).json().get("firstSeenAt").asText());
        JsonNode fresh = api.get("/v1/failures/" + id, support).json();
        assertThat(Instant.parse(fresh.get("slaDueAt").asText())).isEqualTo(seen.plus(Duration.ofMinutes(30)));
        assertThat(ids(api.get("/v1/failures?pastSla=true&queue=PAYMENT_CALLBACK&limit=500", support).json()))
                .doesNotContain(id);

        clock.advance(Duration.ofMinutes(31));
        JsonNode past = api.get("/v1/failures?pastSla=true&queue=PAYMENT_CALLBACK&limit=500", support).json();
        assertThat(ids(past)).contains(id);
        past.get("items").forEach(f -> {
            assertThat(f.get("status").asText()).isIn("OPEN", "REPLAYING");
            assertThat(Instant.parse(f.get("slaDueAt").asText())).isBefore(clock.instant());
        });
        assertThat(api.get("/v1/failures/count?pastSla=true&queue=PAYMENT_CALLBACK", support).json().get("count")
                .asLong()).isEqualTo(api.get("/v1/failures/summary", support).json().get("queues").get(0)
                .get("pastSla").asLong()).isGreaterThan(pastBefore);

        Api.Response resolved = api.postWithKey("/v1/failures/" + id + "/resolve", support, null,
                "{\"status\":\"DISMISSED\",\"code\":\"NOT_AN_ISSUE\",\"note\":\"test\"}");
        assertThat(resolved.json().has("slaDueAt")).as("a closed failure has no SLA").isFalse();
        assertThat(api.get("/v1/failures?pastSla=maybe", support).status()).isEqualTo(400);
    }

    private static JsonNode row(JsonNode assignees, String username) {
        for (JsonNode a : assignees.get("items")) {
            if (a.get("username").asText().equals(username)) {
                return a;
            }
        }
        throw new AssertionError(username + " not in " + assignees);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    private static long lastSequence() {
        Long max = server.dsl().select(org.jooq.impl.DSL.max(AUDIT_EVENT.SEQUENCE)).from(AUDIT_EVENT)
                .fetchOne(0, Long.class);
        return max == null ? 0 : max;
    }
}
