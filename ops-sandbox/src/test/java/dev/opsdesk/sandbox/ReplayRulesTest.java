package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_ATTEMPT;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT_CAPTURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may replay what, what is not replayable, previews, bulk replay jobs, and resolving, assigning, notes. */
class ReplayRulesTest {

    private static SandboxServer server;
    private static Api api;
    private static String support;
    private static String ops;
    private static String admin;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(13));
        api = new Api(server);
        support = api.token(TestSandboxes.demo(server, "support"));
        ops = api.token(TestSandboxes.demo(server, "ops"));
        admin = api.token(TestSandboxes.demo(server, "admin"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Api.Response replay(String token, String failureId) {
        return api.postWithKey("/v1/failures/" + failureId + "/replay", token, null, "{}");
    }

    @Test
    void replayOfAResolvedOrDismissedFailureIsRejected() {
        for (String status : List.of("RESOLVED", "DISMISSED")) {
            String id = Fixtures.seededOne(server, "PAYMENT_CALLBACK", status);
            Api.Response r = replay(support, id);
            assertThat(r.status()).as("%s: %s", status, r).isEqualTo(409);
            assertThat(r.problemType()).isEqualTo("failure-not-replayable");
            assertThat(r.json().get("detail").asText()).contains("already " + status.toLowerCase());
        }
    }

    @Test
    void replayOfAQuarantinedFailureIsRejected() {
        String id = Fixtures.seededOne(server, "PAYMENT_CALLBACK", "DEAD");
        Api.Response r = replay(admin, id);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.problemType()).isEqualTo("failure-not-replayable");
        assertThat(r.json().get("detail").asText()).contains("quarantined");
        assertThat(server.dsl().fetchCount(FAILURE_ATTEMPT, FAILURE_ATTEMPT.FAILURE_ID.eq(id))).isEqualTo(1);
    }

    @Test
    void aReplayOutsideTheRolesQueuesIsForbidden() {
        String payment = Fixtures.capturable(server);
        String inventory = Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN");
        String finance = api.token(TestSandboxes.demo(server, "finance"));
        assertThat(replay(ops, payment).status()).isEqualTo(403);
        assertThat(replay(support, inventory).status()).isEqualTo(403);
        Api.Response guard = replay(finance, payment);
        assertThat(guard.status()).isEqualTo(403);
        assertThat(guard.problemType()).isEqualTo("forbidden");
        assertThat(server.dsl().fetchCount(FAILURE_ATTEMPT, FAILURE_ATTEMPT.FAILURE_ID.eq(payment))).isEqualTo(1);
        Api.Response allowed = replay(ops, inventory);
        assertThat(allowed.status()).as("%s", allowed).isEqualTo(200);
        assertThat(allowed.json().get("effect").asText()).isIn("SYNC_STOCK", "FAIL_AGAIN");
    }

    @Test
    void aPreviewSaysWhatEachReplayWouldDoAndChangesNothing() {
        List<String> captures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            captures.add(Fixtures.capturable(server));
        }
        List<String> twins = Fixtures.earlyCallbacks(server, 2, true);
        assertThat(replay(support, twins.get(0)).json().get("effect").asText()).isEqualTo("CAPTURE_PAYMENT");
        String alreadyPaid = twins.get(1);
        String orderStillMissing = Fixtures.earlyCallbacks(server, 1, false).get(0);
        List<String> dead = Fixtures.seeded(server, FAILURE.STATUS.eq("DEAD"), 2);
        String resolved = Fixtures.seededOne(server, "PAYMENT_CALLBACK", "RESOLVED");
        String inventory = Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN");
        List<String> ids = new ArrayList<>(captures);
        ids.addAll(List.of(alreadyPaid, orderStillMissing, dead.get(0), dead.get(1), resolved, inventory));

        Map<String, String> before = snapshot(ids);
        int capturesBefore = server.dsl().fetchCount(PAYMENT_CAPTURE);
        Api.Response r = api.post("/v1/failures/replay-preview", support, "{\"ids\":" + Fixtures.idsJson(ids) + "}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode preview = r.json();
        assertThat(preview.get("total").asInt()).isEqualTo(9);
        assertThat(preview.get("truncated").asBoolean()).isFalse();
        Map<String, Integer> byEffect = new TreeMap<>();
        preview.get("byEffect").properties().forEach(e -> byEffect.put(e.getKey(), e.getValue().asInt()));
        assertThat(byEffect).isEqualTo(Map.of("CAPTURE_PAYMENT", 3, "ALREADY_APPLIED", 1, "FAIL_AGAIN", 1,
                "NOT_REPLAYABLE", 3, "NOT_ALLOWED", 1));
        Map<String, String> effects = new TreeMap<>();
        Map<String, String> explanations = new TreeMap<>();
        preview.get("items").forEach(i -> {
            effects.put(i.get("failureId").asText(), i.get("effect").asText());
            explanations.put(i.get("failureId").asText(), i.get("explanation").asText());
        });
        captures.forEach(id -> assertThat(effects.get(id)).isEqualTo("CAPTURE_PAYMENT"));
        long captureTotal = server.dsl().select(DSL.sum(FAILURE.AMOUNT_MINOR)).from(FAILURE).where(FAILURE.ID.in(captures))
                .fetchSingle(0, Long.class);
        assertThat(preview.get("captureTotals")).hasSize(1);
        assertThat(preview.at("/captureTotals/0/amountMinor").asLong()).isEqualTo(captureTotal);
        assertThat(preview.at("/captureTotals/0/currency").asText()).isEqualTo("EUR");
        assertThat(preview.get("refundTotals")).isEmpty();
        preview.get("items").forEach(i -> {
            if (i.get("failureId").asText().equals(inventory)) {
                assertThat(i.hasNonNull("orderNumber")).as("support may not read inventory failures").isFalse();
            } else if (captures.contains(i.get("failureId").asText())) {
                assertThat(i.get("orderNumber").asText()).isEqualTo(server.dsl().select(FAILURE.ORDER_NUMBER)
                        .from(FAILURE).where(FAILURE.ID.eq(i.get("failureId").asText())).fetchSingle(0, String.class));
                assertThat(i.at("/amount/amountMinor").asLong()).isPositive();
            }
        });
        assertThat(explanations.get(captures.get(0))).startsWith("Will capture 42.50 EUR for order");
        assertThat(effects.get(alreadyPaid)).isEqualTo("ALREADY_APPLIED");
        assertThat(explanations.get(alreadyPaid)).contains("already captured").contains("skipped");
        assertThat(effects.get(orderStillMissing)).isEqualTo("FAIL_AGAIN");
        assertThat(explanations.get(orderStillMissing)).contains("does not exist");
        assertThat(effects.get(dead.get(0))).isEqualTo("NOT_REPLAYABLE");
        assertThat(explanations.get(dead.get(0))).contains("Quarantined");
        assertThat(effects.get(resolved)).isEqualTo("NOT_REPLAYABLE");
        assertThat(effects.get(inventory)).isEqualTo("NOT_ALLOWED");

        assertThat(snapshot(ids)).as("a preview changes nothing").isEqualTo(before);
        assertThat(server.dsl().fetchCount(PAYMENT_CAPTURE)).isEqualTo(capturesBefore);
    }

    @Test
    void aPreviewByFilterCoversWhatTheFilterMatchesInTheCallersQueues() {
        Api.Response dead = api.post("/v1/failures/replay-preview", support,
                "{\"filter\":{\"queue\":\"PAYMENT_CALLBACK\",\"status\":\"DEAD\"}}");
        long deadCount = api.get("/v1/failures/count?queue=PAYMENT_CALLBACK&status=DEAD", support).json()
                .get("count").asLong();
        assertThat(dead.json().get("total").asLong()).isEqualTo(deadCount).isPositive();
        assertThat(dead.json().at("/byEffect/NOT_REPLAYABLE").asLong()).isEqualTo(deadCount);
        Api.Response foreign = api.post("/v1/failures/replay-preview", support,
                "{\"filter\":{\"queue\":\"INVENTORY_SYNC\"}}");
        assertThat(foreign.json().get("total").asInt()).isZero();
        Api.Response both = api.post("/v1/failures/replay-preview", support, "{\"ids\":[\"F-1\"],\"filter\":{}}");
        assertThat(both.status()).isEqualTo(400);
        Api.Response ops = api.post("/v1/failures/replay-preview", ReplayRulesTest.ops,
                "{\"filter\":{\"queue\":\"INVENTORY_SYNC\",\"reason\":\"UNKNOWN_SKU\",\"status\":\"OPEN\"}}");
        assertThat(ops.json().get("byEffect").toString()).isEqualTo("{\"FAIL_AGAIN\":" + ops.json().get("total") + "}");
    }

    /** Status, version and attempts of each failure. */
    private static Map<String, String> snapshot(List<String> ids) {
        Map<String, String> result = new TreeMap<>();
        for (Record r : server.dsl().select(FAILURE.ID, FAILURE.STATUS, FAILURE.VERSION, FAILURE.ATTEMPT_COUNT)
                .from(FAILURE).where(FAILURE.ID.in(ids)).fetch()) {
            result.put(r.get(FAILURE.ID), r.get(FAILURE.STATUS) + "/" + r.get(FAILURE.VERSION) + "/"
                    + r.get(FAILURE.ATTEMPT_COUNT));
        }
        return result;
    }

    @Test
    void aBulkJobWithOneFailingItemCompletesAndRetryFailedRetriesOnlyThatItem() throws Exception {
        List<String> missing = Fixtures.earlyCallbacks(server, 1, false);
        String failing = missing.get(0);
        List<String> ids = List.of(Fixtures.capturable(server), failing, Fixtures.capturable(server),
                Fixtures.seededOne(server, "PAYMENT_CALLBACK", "DEAD"));
        Api.Response started = api.postWithKey("/v1/replay-jobs", support, null,
                "{\"ids\":" + Fixtures.idsJson(ids) + ",\"throttlePerSecond\":50}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.json().get("status").asText()).isEqualTo("QUEUED");
        assertThat(started.json().get("total").asInt()).isEqualTo(4);
        String jobId = started.json().get("id").asText();

        JsonNode job = Fixtures.awaitJob(api, support, jobId, Duration.ofSeconds(20));
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("processed").asInt()).isEqualTo(4);
        assertThat(job.get("succeeded").asInt()).isEqualTo(2);
        assertThat(job.get("failed").asInt()).isEqualTo(1);
        assertThat(job.get("skipped").asInt()).isEqualTo(1);
        assertThat(job.get("createdBy").asText()).isEqualTo("support");
        assertThat(job.get("startedAt").asText()).isNotBlank();
        assertThat(job.get("finishedAt").asText()).isNotBlank();

        JsonNode failedItems = api.get("/v1/replay-jobs/" + jobId + "/items?outcome=FAILED", support).json();
        assertThat(failedItems.get("items")).hasSize(1);
        assertThat(failedItems.at("/items/0/failureId").asText()).isEqualTo(failing);
        assertThat(failedItems.at("/items/0/error").asText()).contains("does not exist");
        assertThat(failedItems.at("/items/0/orderNumber").asText()).isEqualTo(missing.get(1));
        JsonNode all = api.get("/v1/replay-jobs/" + jobId + "/items?limit=2", support).json();
        assertThat(all.get("items")).hasSize(2);
        JsonNode rest = api.get("/v1/replay-jobs/" + jobId + "/items?limit=2&cursor=" + all.get("nextCursor").asText(),
                support).json();
        assertThat(rest.get("items")).hasSize(2);
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        assertThat(rest.at("/items/1/outcome").asText()).isEqualTo("SKIPPED");
        assertThat(rest.at("/items/1/effect").asText()).isEqualTo("NOT_REPLAYABLE");
        JsonNode bulkAttempt = api.get("/v1/failures/" + ids.get(0), support).json().at("/attempts/1");
        assertThat(bulkAttempt.get("trigger").asText()).isEqualTo("BULK");
        assertThat(bulkAttempt.get("jobId").asText()).isEqualTo(jobId);
        assertThat(bulkAttempt.get("actor").asText()).isEqualTo("support");

        // The order arrives; then the failed items are retried, and this time the replay captures.
        assertThat(server.placeOrder(missing.get(1), 4250, "EUR", "stripe", missing.get(2))).isTrue();
        Api.Response retry = api.postWithKey("/v1/replay-jobs/" + jobId + "/retry-failed", support, null, null);
        assertThat(retry.status()).as("%s", retry).isEqualTo(202);
        assertThat(retry.json().get("retryOf").asText()).isEqualTo(jobId);
        assertThat(retry.json().get("total").asInt()).isEqualTo(1);
        String retryId = retry.json().get("id").asText();
        JsonNode retried = Fixtures.awaitJob(api, support, retryId, Duration.ofSeconds(20));
        assertThat(retried.get("succeeded").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/replay-jobs/" + retryId + "/items", support).json().at("/items/0/failureId").asText())
                .isEqualTo(failing);
        Api.Response nothingLeft = api.postWithKey("/v1/replay-jobs/" + retryId + "/retry-failed", support, null, null);
        assertThat(nothingLeft.status()).isEqualTo(409);
        assertThat(nothingLeft.problemType()).isEqualTo("conflict");
    }

    @Test
    void cancelStopsAThrottledJobMidway() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(Fixtures.capturable(server));
        }
        String jobId = api.postWithKey("/v1/replay-jobs", support, null,
                "{\"ids\":" + Fixtures.idsJson(ids) + ",\"throttlePerSecond\":2}").json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.get("/v1/replay-jobs/" + jobId, support).json().get("processed").asInt() >= 1);
        Api.Response notYours = api.postWithKey("/v1/replay-jobs/" + jobId + "/cancel", ops, null, null);
        assertThat(notYours.status()).isEqualTo(403);
        Api.Response cancelled = api.postWithKey("/v1/replay-jobs/" + jobId + "/cancel", support, null, null);
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        int processed = cancelled.json().get("processed").asInt();
        assertThat(processed).isBetween(1, 5);
        // At 2 a second, two more items would run in this time had the cancel not stopped the job.
        await("nothing runs after the cancel").during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
                .until(() -> api.get("/v1/replay-jobs/" + jobId, support).json().get("processed").asInt() == processed);
        JsonNode later = api.get("/v1/replay-jobs/" + jobId, support).json();
        assertThat(later.get("finishedAt").asText()).isNotBlank();
        assertThat(server.dsl().fetchCount(FAILURE, FAILURE.ID.in(ids).and(FAILURE.STATUS.eq("OPEN"))))
                .isEqualTo(6 - processed);
        Api.Response again = api.postWithKey("/v1/replay-jobs/" + jobId + "/cancel", support, null, null);
        assertThat(again.json().get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void resolvingNeedsAReasonRecordsWhoAndWhyAndHappensOnce() {
        String id = Fixtures.seededOne(server, "FULFILLMENT_EXPORT", "OPEN");
        Api.Response noNote = api.postWithKey("/v1/failures/" + id + "/resolve", ops, null,
                "{\"status\":\"RESOLVED\",\"code\":\"FIXED_MANUALLY\",\"note\":\" \"}");
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.json().at("/errors/0/field").asText()).isEqualTo("note");
        Api.Response badCode = api.postWithKey("/v1/failures/" + id + "/resolve", ops, null,
                "{\"status\":\"OPEN\",\"code\":\"OOPS\",\"note\":\"x\"}");
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.json().get("errors")).hasSize(2);
        Api.Response ok = api.postWithKey("/v1/failures/" + id + "/resolve", ops, null,
                "{\"status\":\"DISMISSED\",\"code\":\"WONT_FIX\",\"note\":\"Carrier contract ended\"}");
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().get("status").asText()).isEqualTo("DISMISSED");
        assertThat(ok.json().get("replayable").asBoolean()).isFalse();
        assertThat(ok.json().at("/resolution/by").asText()).isEqualTo("ops");
        assertThat(ok.json().at("/resolution/code").asText()).isEqualTo("WONT_FIX");
        assertThat(ok.json().at("/resolution/note").asText()).isEqualTo("Carrier contract ended");
        Api.Response twice = api.postWithKey("/v1/failures/" + id + "/resolve", ops, null,
                "{\"status\":\"RESOLVED\",\"code\":\"FIXED_MANUALLY\",\"note\":\"again\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.problemType()).isEqualTo("conflict");
        // A quarantined callback can be dismissed once someone knows where it came from.
        String dead = Fixtures.seededOne(server, "PAYMENT_CALLBACK", "DEAD");
        Api.Response dismissed = api.postWithKey("/v1/failures/" + dead + "/resolve", support, null,
                "{\"status\":\"DISMISSED\",\"code\":\"NOT_AN_ISSUE\",\"note\":\"Our own penetration test\"}");
        assertThat(dismissed.json().get("status").asText()).isEqualTo("DISMISSED");
        Api.Response supportOnInventory = api.postWithKey("/v1/failures/"
                + Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN") + "/resolve", support, null,
                "{\"status\":\"DISMISSED\",\"code\":\"NOT_AN_ISSUE\",\"note\":\"x\"}");
        assertThat(supportOnInventory.status()).isEqualTo(403);
    }

    @Test
    void assigningNeedsAUserWhoCanSeeTheQueue() {
        String id = Fixtures.capturable(server);
        Api.Response unknown = api.postWithKey("/v1/failures/" + id + "/assign", support, null,
                "{\"assignee\":\"nobody-here\"}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.problemType()).isEqualTo("validation");
        assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("assignee");
        Api.Response blind = api.postWithKey("/v1/failures/" + id + "/assign", support, null,
                "{\"assignee\":\"warehouse\"}");
        assertThat(blind.status()).isEqualTo(422);
        assertThat(blind.json().get("detail").asText()).contains("cannot see");
        Api.Response missing = api.postWithKey("/v1/failures/" + id + "/assign", support, null, "{}");
        assertThat(missing.status()).isEqualTo(400);
        Api.Response assigned = api.postWithKey("/v1/failures/" + id + "/assign", support, null,
                "{\"assignee\":\"Finance\"}");
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
        assertThat(assigned.json().get("assignee").asText()).isEqualTo("finance");
        Api.Response unassigned = api.postWithKey("/v1/failures/" + id + "/assign", support, null,
                "{\"assignee\":null}");
        assertThat(unassigned.json().has("assignee")).isFalse();
    }

    @Test
    void notesAreAddedByAnyoneWhoReadsTheQueue() {
        String id = Fixtures.capturable(server);
        String finance = api.token(TestSandboxes.demo(server, "finance"));
        Api.Response note = api.postWithKey("/v1/failures/" + id + "/notes", finance, null,
                "{\"text\":\"Settlement shows it on the 21st\"}");
        assertThat(note.status()).as("%s", note).isEqualTo(201);
        assertThat(note.json().get("author").asText()).isEqualTo("finance");
        assertThat(api.postWithKey("/v1/failures/" + id + "/notes", finance, null, "{\"text\":\"\"}").status())
                .isEqualTo(400);
        JsonNode detail = api.get("/v1/failures/" + id, support).json();
        assertThat(detail.at("/notes/0/text").asText()).isEqualTo("Settlement shows it on the 21st");
        assertThat(detail.at("/notes/0/id").asText()).isEqualTo(note.json().get("id").asText());
    }
}
