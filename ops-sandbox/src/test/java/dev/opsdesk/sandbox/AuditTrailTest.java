package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static dev.opsdesk.sandbox.db.Tables.AUDIT_HEAD;
import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.audit.Canonical;
import dev.opsdesk.sandbox.db.tables.records.AuditEventRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail: each change appends exactly its events in the change's transaction, the chain is gapless and
 * hashes to what the contract says, filters and scopes read what they should.
 */
class AuditTrailTest {

    private static SandboxServer server;
    private static Api api;
    private static String admin;
    private static String support;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(5));
        api = new Api(server);
        admin = api.token(TestSandboxes.demo(server, "admin"));
        support = api.token(TestSandboxes.demo(server, "support"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long head() {
        return server.dsl().select(AUDIT_HEAD.LAST_SEQUENCE).from(AUDIT_HEAD).fetchSingle(AUDIT_HEAD.LAST_SEQUENCE);
    }

    /** The events appended after {@code sequence}, oldest first. */
    private static List<AuditEventRecord> since(long sequence) {
        return server.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.SEQUENCE.gt(sequence))
                .orderBy(AUDIT_EVENT.SEQUENCE).fetch();
    }

    private static List<String> actions(List<AuditEventRecord> events) {
        return events.stream().map(AuditEventRecord::getAction).toList();
    }

    private static JsonNode json(String text) {
        return new Api.Response(200, null, text).json();
    }

    @Test
    void theSeededTrailIsAGaplessChainThatHashesToItsCanonicalForm() {
        List<AuditEventRecord> all = server.dsl().selectFrom(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQUENCE).fetch();
        assertThat(all).hasSizeGreaterThan(1_000);
        AuditChains.assertVerifies(all);
        assertThat(actions(all)).contains("order.created", "payment.captured", "webhook.processed", "failure.created",
                "failure.replayed", "failure.resolved", "failure.dismissed", "failure.assigned", "failure.noted",
                "replay_job.created", "replay_job.completed", "session.signed_in");
        JsonNode checkpoint = api.get("/v1/audit/checkpoint", admin).json();
        assertThat(checkpoint.get("sequence").asLong()).isGreaterThanOrEqualTo(all.size());
    }

    @Test
    void theCanonicalFormIsTheContractsJcs() {
        String canonical = AuditLog.canonical(7, Instant.parse("2026-11-21T10:00:00Z"), "support", "USER",
                "failure.noted", "failure", "F-0000001", null, null, null, "req-1", null,
                Canonical.json(AuditEntry.values("text", "Zoë said \"ok\"\n", "b", 1L, "a", List.of(true))), "0".repeat(64));
        assertThat(canonical).isEqualTo("{\"action\":\"failure.noted\",\"actor\":\"support\",\"actorType\":\"USER\","
                + "\"at\":\"2026-11-21T10:00:00.000Z\",\"correlationId\":null,"
                + "\"details\":{\"a\":[true],\"b\":1,\"text\":\"Zoë said \\\"ok\\\"\\n\"},"
                + "\"entityId\":\"F-0000001\",\"entityType\":\"failure\",\"orderNumber\":null,"
                + "\"prevHash\":\"" + "0".repeat(64) + "\",\"requestId\":\"req-1\",\"sequence\":7,\"sku\":null,"
                + "\"warehouse\":null}");
    }

    @Test
    void aReplayRecordsTheReplayAndThePaymentItCapturedUnderItsRequestId() {
        List<String> early = Fixtures.earlyCallbacks(server, 1, true);
        String failure = early.get(0);
        String order = early.get(1);
        long before = head();
        Api.Response r = api.postWithKey("/v1/failures/" + failure + "/replay", support, "k-" + failure, "{}");
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        List<AuditEventRecord> events = since(before);
        assertThat(actions(events)).containsExactly("payment.captured", "order.status_changed", "failure.replayed");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getActor()).isEqualTo("support");
            assertThat(e.getOrderNumber()).isEqualTo(order);
            assertThat(e.getRequestId()).isEqualTo(r.header("X-Request-Id"));
        });
        JsonNode replayed = json(events.get(2).getDetails());
        assertThat(replayed.at("/before/status").asText()).isEqualTo("OPEN");
        assertThat(replayed.at("/after/status").asText()).isEqualTo("RESOLVED");
        assertThat(replayed.get("effect").asText()).isEqualTo("CAPTURE_PAYMENT");
        assertThat(json(events.get(0).getDetails()).at("/after/state").asText()).isEqualTo("CAPTURED");
        // The order's timeline, through the API, shows the whole story newest first.
        JsonNode timeline = api.get("/v1/audit/events?entity=order:" + order, support).json();
        List<String> story = new ArrayList<>();
        timeline.get("items").forEach(i -> story.add(i.get("action").asText()));
        assertThat(story).containsExactly("failure.replayed", "order.status_changed", "payment.captured",
                "order.created", "failure.created", "webhook.processed");
    }

    @Test
    void resolveAssignNoteAndSignInOutEachRecordOneEvent() {
        String open = Fixtures.seededOne(server, "PAYMENT_CALLBACK", "OPEN");
        long before = head();
        assertThat(api.postWithKey("/v1/failures/" + open + "/assign", support, "a1-" + open,
                "{\"assignee\":\"support\"}").status()).isEqualTo(200);
        assertThat(api.postWithKey("/v1/failures/" + open + "/assign", support, "a2-" + open,
                "{\"assignee\":\"support\"}").status()).as("assigning again changes nothing").isEqualTo(200);
        assertThat(api.postWithKey("/v1/failures/" + open + "/notes", support, "n-" + open,
                "{\"text\":\"Called the PSP\"}").status()).isEqualTo(201);
        assertThat(api.postWithKey("/v1/failures/" + open + "/resolve", support, "r-" + open,
                "{\"status\":\"DISMISSED\",\"code\":\"DUPLICATE\",\"note\":\"Test order\"}").status()).isEqualTo(200);
        List<AuditEventRecord> events = since(before);
        assertThat(actions(events)).containsExactly("failure.assigned", "failure.noted", "failure.dismissed");
        assertThat(events).allSatisfy(e -> assertThat(e.getEntityId()).isEqualTo(open));
        assertThat(json(events.get(2).getDetails()).at("/after/resolutionCode").asText()).isEqualTo("DUPLICATE");

        long beforeSession = head();
        assertThat(api.signIn("finance", "Gue55-Not-It").status()).isEqualTo(401);
        String token = api.token(TestSandboxes.demo(server, "finance"));
        assertThat(api.delete("/v1/sessions/current", token).status()).isEqualTo(204);
        List<AuditEventRecord> sessions = since(beforeSession);
        assertThat(actions(sessions)).containsExactly("session.sign_in_failed", "session.signed_in",
                "session.signed_out");
        assertThat(sessions).allSatisfy(e -> assertThat(e.getEntityId()).isEqualTo("finance"));
        assertThat(sessions.toString()).as("no password in the trail").doesNotContain("Gue55-Not-It");
    }

    @Test
    void aCallbackRecordsItsProcessingOrTheFailureItBecame() {
        String order = Fixtures.newOrderNumber();
        assertThat(server.placeOrder(order, 1999, "EUR", "stripe", "pi_audit_" + order)).isTrue();
        long before = head();
        Api.Response ok = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "au"),
                Webhooks.event("payment.succeeded", order, "pi_audit_" + order, 1999, "EUR"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(actions(since(before))).containsExactly("webhook.processed", "payment.captured",
                "order.status_changed");
        long beforeBad = head();
        Api.Response unsigned = Webhooks.send(server, "stripe", "msg_unsigned",
                server.options().clock().instant().getEpochSecond(), "{}", "v1,bm90LWEtc2lnbmF0dXJl");
        assertThat(unsigned.status()).isEqualTo(401);
        List<AuditEventRecord> quarantined = since(beforeBad);
        assertThat(actions(quarantined)).containsExactly("failure.created");
        assertThat(json(quarantined.get(0).getDetails()).get("status").asText()).isEqualTo("DEAD");
        assertThat(quarantined.get(0).getActorType()).isEqualTo("SYSTEM");
    }

    @Test
    void aBulkJobRecordsItsCreationEachReplayUnderItsIdAndItsEnd() throws Exception {
        List<String> ids = Fixtures.seeded(server, FAILURE.QUEUE.eq("PAYMENT_CALLBACK").and(FAILURE.STATUS.eq("OPEN"))
                .and(FAILURE.REASON.eq("ORDER_NOT_FOUND")), 2);
        long before = head();
        Api.Response r = api.postWithKey("/v1/replay-jobs", support, "job-audit",
                "{\"ids\":" + Fixtures.idsJson(ids) + "}");
        assertThat(r.status()).as("%s", r).isEqualTo(202);
        String job = r.json().get("id").asText();
        Fixtures.awaitJob(api, support, job, Duration.ofSeconds(20));
        List<AuditEventRecord> events = since(before).stream().filter(e -> job.equals(e.getCorrelationId())).toList();
        assertThat(actions(events)).containsExactly("replay_job.created", "failure.replayed", "failure.replayed",
                "replay_job.completed");
    }

    @Test
    void twoFailuresAboutOnePaymentReplayedAtOnceRecordOneCapture() throws Exception {
        List<String> twins = Fixtures.earlyCallbacks(server, 2, true);
        String reference = twins.get(3);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Api.Response>> replies = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String id = twins.get(i);
                replies.add(pool.submit(() -> api.postWithKey("/v1/failures/" + id + "/replay", support,
                        "twin-" + id, "{}")));
            }
            for (Future<Api.Response> r : replies) {
                assertThat(r.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }
        // Whether the second replay ran after the first, or its first transaction hit the capture ledger's unique
        // key and rolled back (with its events) before running again: one capture, recorded once.
        assertThat(server.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("payment.captured")
                .and(AUDIT_EVENT.ENTITY_ID.eq(reference)))).isEqualTo(1);
        List<String> effects = new ArrayList<>();
        server.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("failure.replayed"))
                .and(AUDIT_EVENT.ENTITY_ID.in(twins.get(0), twins.get(1)))
                .forEach(e -> effects.add(json(e.getDetails()).get("effect").asText()));
        assertThat(effects).containsExactlyInAnyOrder("CAPTURE_PAYMENT", "ALREADY_APPLIED");
    }

    @Test
    void unassigningAndCancellingAJobAreRecordedToo() throws Exception {
        String open = Fixtures.seededOne(server, "INVENTORY_SYNC", "OPEN");
        String ops = api.token(TestSandboxes.demo(server, "ops"));
        assertThat(api.postWithKey("/v1/failures/" + open + "/assign", ops, "u1-" + open,
                "{\"assignee\":\"ops\"}").status()).isEqualTo(200);
        long before = head();
        assertThat(api.postWithKey("/v1/failures/" + open + "/assign", ops, "u2-" + open,
                "{\"assignee\":null}").status()).isEqualTo(200);
        List<AuditEventRecord> unassigned = since(before);
        assertThat(actions(unassigned)).containsExactly("failure.unassigned");
        assertThat(json(unassigned.get(0).getDetails()).at("/before/assignee").asText()).isEqualTo("ops");
        assertThat(unassigned.get(0).getWarehouse()).isNotNull();

        List<String> ids = Fixtures.seeded(server, FAILURE.QUEUE.eq("INVENTORY_SYNC").and(FAILURE.STATUS.eq("OPEN")),
                40);
        Api.Response started = api.postWithKey("/v1/replay-jobs", ops, "slow-job",
                "{\"ids\":" + Fixtures.idsJson(ids) + ",\"throttlePerSecond\":1}");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String job = started.json().get("id").asText();
        assertThat(api.postWithKey("/v1/replay-jobs/" + job + "/cancel", ops, "cancel-" + job, "{}").status())
                .isEqualTo(200);
        Fixtures.awaitJob(api, ops, job, Duration.ofSeconds(20));
        List<AuditEventRecord> jobEvents = server.dsl().selectFrom(AUDIT_EVENT)
                .where(AUDIT_EVENT.CORRELATION_ID.eq(job)).and(AUDIT_EVENT.ENTITY_TYPE.eq("replay_job"))
                .orderBy(AUDIT_EVENT.SEQUENCE).fetch();
        assertThat(actions(jobEvents)).containsExactly("replay_job.created", "replay_job.cancelled");
        assertThat(jobEvents.get(1).getActor()).as("who cancelled it").isEqualTo("ops");
    }

    @Test
    void aChangeThatRollsBackLeavesNoEventAndNoGap() {
        long before = head();
        assertThatThrownBy(() -> server.dsl().transaction(tx -> {
            AuditLog.append(tx.dsl(), AuditEntry.bySystem(Instant.now(), "test", "test.rolled_back", "test", "1"));
            throw new IllegalStateException("the change fails after its event was appended");
        })).hasMessage("the change fails after its event was appended");
        assertThat(head()).isEqualTo(before);
        assertThat(server.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("test.rolled_back"))).isZero();
        // A refused change (already resolved) records nothing either.
        String resolved = Fixtures.seededOne(server, "PAYMENT_CALLBACK", "RESOLVED");
        long beforeRefusal = head();
        assertThat(api.postWithKey("/v1/failures/" + resolved + "/replay", support, "x-" + resolved, "{}").status())
                .isEqualTo(409);
        assertThat(head()).isEqualTo(beforeRefusal);
    }

    @Test
    void concurrentChangesStillMakeOneGaplessChain() throws Exception {
        long before = head();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                work.add(pool.submit(() -> server.dsl().transaction(tx -> AuditLog.append(tx.dsl(),
                        AuditEntry.bySystem(Instant.now(), "test", "test.concurrent", "test", "c" + n)))));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<AuditEventRecord> events = since(before);
        assertThat(events).hasSizeGreaterThanOrEqualTo(40);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getSequence()).isEqualTo(before + 1 + i);
            if (i > 0) {
                assertThat(events.get(i).getPrevHash()).isEqualTo(events.get(i - 1).getHash());
            }
        }
    }

    @Test
    void filtersPageInBothDirectionsWithoutGapsOrRepeats() {
        List<Long> newest = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/v1/audit/events?limit=97&action=failure.*" + (cursor == null ? ""
                    : "&cursor=" + cursor), admin).json();
            page.get("items").forEach(i -> newest.add(i.get("sequence").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        List<Long> expected = server.dsl().select(AUDIT_EVENT.SEQUENCE).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ACTION.like("failure.%")).orderBy(AUDIT_EVENT.SEQUENCE.desc())
                .fetch(AUDIT_EVENT.SEQUENCE);
        assertThat(newest).hasSizeGreaterThan(97).isEqualTo(expected);

        JsonNode oldest = api.get("/v1/audit/events?direction=asc&limit=5&fromSequence=10&toSequence=12", admin).json();
        List<Long> range = new ArrayList<>();
        oldest.get("items").forEach(i -> range.add(i.get("sequence").asLong()));
        assertThat(range).containsExactly(10L, 11L, 12L);

        Instant since = server.dsl().select(AUDIT_EVENT.AT).from(AUDIT_EVENT).where(AUDIT_EVENT.SEQUENCE.eq(200L))
                .fetchSingle(AUDIT_EVENT.AT).toInstant();
        Instant until = since.plusSeconds(3600);
        List<Long> byTime = new ArrayList<>();
        api.get("/v1/audit/events?direction=asc&limit=500&since=" + since + "&until=" + until, admin).json()
                .get("items").forEach(i -> byTime.add(i.get("sequence").asLong()));
        List<Long> expectedTime = server.dsl().select(AUDIT_EVENT.SEQUENCE).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.AT.ge(FailureStoreTime.utc(since))).and(AUDIT_EVENT.AT.lt(FailureStoreTime.utc(until)))
                .orderBy(AUDIT_EVENT.SEQUENCE).limit(500).fetch(AUDIT_EVENT.SEQUENCE);
        assertThat(byTime).isNotEmpty().isEqualTo(expectedTime);

        Api.Response wrongWay = api.get("/v1/audit/events?direction=asc&cursor="
                + api.get("/v1/audit/events?limit=1", admin).json().get("nextCursor").asText(), admin);
        assertThat(wrongWay.status()).isEqualTo(400);
        assertThat(api.get("/v1/audit/events?entity=nocolon", admin).status()).isEqualTo(400);
        assertThat(api.get("/v1/audit/events?since=yesterday", admin).json().at("/errors/0/field").asText())
                .isEqualTo("since");
    }

    @Test
    void eachRoleReadsExactlyItsScope() {
        long total = head();
        // Support: order-related events only.
        Set<Boolean> supportSeesOrders = new java.util.HashSet<>();
        api.get("/v1/audit/events?limit=500", support).json().get("items")
                .forEach(i -> supportSeesOrders.add(i.hasNonNull("orderNumber")));
        assertThat(supportSeesOrders).containsExactly(true);
        assertThat(api.get("/v1/audit/events?entity=user:admin", support).json().get("items")).isEmpty();
        // Warehouse: its own actions and its warehouses' events.
        String warehouse = api.token(TestSandboxes.demo(server, "warehouse"));
        JsonNode own = api.get("/v1/audit/events?limit=500", warehouse).json().get("items");
        assertThat(own).isNotEmpty();
        own.forEach(i -> assertThat(i.path("actor").asText().equals("warehouse")
                || Set.of("WH-1", "WH-2").contains(i.path("warehouse").asText())).as("%s", i).isTrue());
        long whEvents = server.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTOR.eq("warehouse")
                .or(AUDIT_EVENT.WAREHOUSE.in("WH-1", "WH-2")));
        assertThat(countAll(warehouse)).isEqualTo(whEvents);
        // The auditor: everything.
        String auditor = api.token(TestSandboxes.demo(server, "auditor"));
        assertThat(countAll(auditor)).isGreaterThanOrEqualTo(total);
        // Export: the auditor may, support may not; an export is itself recorded.
        assertThat(api.get("/v1/audit/export?limit=10", support).status()).isEqualTo(403);
        long before = head();
        assertThat(api.get("/v1/audit/export?limit=10&action=failure.*", auditor).status()).isEqualTo(200);
        List<AuditEventRecord> exported = since(before);
        assertThat(actions(exported)).containsExactly("audit.exported");
        assertThat(json(exported.get(0).getDetails()).at("/filter/action").asText()).isEqualTo("failure.*");
    }

    private static long countAll(String token) {
        long n = 0;
        String cursor = null;
        do {
            JsonNode page = api.get("/v1/audit/events?limit=500" + (cursor == null ? "" : "&cursor=" + cursor), token)
                    .json();
            n += page.get("items").size();
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return n;
    }

    /** UTC for jOOQ conditions. */
    private static final class FailureStoreTime {
        static java.time.OffsetDateTime utc(Instant i) {
            return java.time.OffsetDateTime.ofInstant(i, java.time.ZoneOffset.UTC);
        }
    }
}
