package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_ATTEMPT;
import static dev.opsdesk.sandbox.db.Tables.IDEMPOTENCY_RECORD;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT_CAPTURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * However many replays of one payment callback arrive at once (one client retrying, many clients clicking, with the
 * same key or different ones), the payment is captured once and exactly one attempt succeeds.
 */
class ExactlyOnceReplayTest {

    private static final AtomicInteger ORDERS = new AtomicInteger(810_000);

    private static SandboxServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(11));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /**
     * Payment callbacks that arrived before their order (one per webhook-id in {@code deliveries}), and the order
     * placed since: each is an open failure whose replay captures. Returns the failure ids, then the reference.
     */
    private static List<String> earlyCallbacks(int deliveries) {
        String order = "ORD-" + ORDERS.incrementAndGet();
        String reference = "pi_once_" + order.substring(4);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            Api.Response r = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "once"),
                    Webhooks.event("payment.succeeded", order, reference, 4250, "EUR"));
            assertThat(r.status()).as("%s", r).isEqualTo(202);
            result.add(r.json().get("failureId").asText());
        }
        assertThat(server.placeOrder(order, 4250, "EUR", "stripe", reference)).isTrue();
        result.add(reference);
        return result;
    }

    private static int captures(String reference) {
        return server.dsl().fetchCount(PAYMENT_CAPTURE, PAYMENT_CAPTURE.PAYMENT_REFERENCE.eq(reference));
    }

    private static int attempts(String failureId, String outcome) {
        return server.dsl().fetchCount(FAILURE_ATTEMPT, FAILURE_ATTEMPT.FAILURE_ID.eq(failureId)
                .and(FAILURE_ATTEMPT.OUTCOME.eq(outcome)).and(FAILURE_ATTEMPT.TRIGGER_KIND.eq("MANUAL")));
    }

    private record Call(String token, String key, String failureId) {
    }

    /** Fires all calls at once (released together) and returns their responses. */
    private static List<Api.Response> together(List<Call> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (Call c : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return api.postWithKey("/v1/failures/" + c.failureId() + "/replay", c.token(), c.key(), "{}");
                }));
            }
            go.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sixteenConcurrentReplaysFromManySessionsWithSameAndDifferentKeysCaptureOnce() throws Exception {
        List<String> early = earlyCallbacks(1);
        String failureId = early.get(0);
        String reference = early.get(1);
        List<String> sessions = List.of(
                api.token(TestSandboxes.demo(server, "support")), api.token(TestSandboxes.demo(server, "support")),
                api.token(TestSandboxes.demo(server, "support")), api.token(TestSandboxes.demo(server, "admin")));
        String sharedKey = UUID.randomUUID().toString();
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            // Half retry one logical request (one key, from any of the user's sessions), half are separate clicks.
            calls.add(new Call(sessions.get(i % sessions.size()), i % 2 == 0 ? sharedKey : UUID.randomUUID().toString(),
                    failureId));
        }
        List<Api.Response> responses = together(calls);

        int firstRuns = 0;
        String succeeded = null;
        for (Api.Response r : responses) {
            assertThat(r.status()).as("%s", r).isIn(200, 409);
            if (r.status() == 409) {
                assertThat(r.problemType()).isIn("replay-in-progress", "failure-not-replayable", "idempotency-key-in-use");
                continue;
            }
            JsonNode body = r.json();
            if (r.header("Idempotent-Replayed") == null) {
                firstRuns++;
                assertThat(body.get("outcome").asText()).isEqualTo("SUCCEEDED");
                succeeded = r.body();
            }
        }
        assertThat(firstRuns).as("replays that ran").isEqualTo(1);
        for (Api.Response r : responses) {
            if (r.status() == 200 && r.header("Idempotent-Replayed") != null) {
                assertThat(r.body()).as("a repeat gets the first answer").isEqualTo(succeeded);
            }
        }
        assertThat(captures(reference)).isEqualTo(1);
        assertThat(attempts(failureId, "SUCCEEDED")).isEqualTo(1);
        assertThat(server.dsl().select(FAILURE.STATUS).from(FAILURE).where(FAILURE.ID.eq(failureId))
                .fetchSingle(FAILURE.STATUS)).isEqualTo("RESOLVED");
    }

    @Test
    void twoDeliveriesOfOnePaymentReplayedAtOnceCaptureItOnce() throws Exception {
        List<String> early = earlyCallbacks(2);
        String reference = early.get(2);
        String support = api.token(TestSandboxes.demo(server, "support"));
        String admin = api.token(TestSandboxes.demo(server, "admin"));
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(new Call(i % 3 == 0 ? admin : support, UUID.randomUUID().toString(), early.get(i % 2)));
        }
        List<Api.Response> responses = together(calls);

        List<String> effects = new ArrayList<>();
        for (Api.Response r : responses) {
            assertThat(r.status()).as("%s", r).isIn(200, 409);
            if (r.status() == 200) {
                effects.add(r.json().get("outcome").asText() + "/" + r.json().get("effect").asText());
            }
        }
        assertThat(effects).containsExactlyInAnyOrder("SUCCEEDED/CAPTURE_PAYMENT", "SKIPPED/ALREADY_APPLIED");
        assertThat(captures(reference)).isEqualTo(1);
        for (String failureId : early.subList(0, 2)) {
            assertThat(server.dsl().select(FAILURE.STATUS, FAILURE.RESOLUTION_CODE).from(FAILURE)
                    .where(FAILURE.ID.eq(failureId)).fetchSingle().into(String[].class))
                    .containsExactly("RESOLVED", "REPLAYED");
        }
        assertThat(attempts(early.get(0), "SUCCEEDED") + attempts(early.get(1), "SUCCEEDED")).isEqualTo(1);
    }

    @Test
    void twoBulkJobsAndManualReplaysOfTheSameFailuresNeverApplyTwiceNorCollide() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<String> early = earlyCallbacks(1);
            ids.add(early.get(0));
            references.add(early.get(1));
            // And one whose order never comes: every replay of it fails again (and is recorded as such).
            Api.Response never = Webhooks.send(server, "stripe", Webhooks.id(server, "stripe", "never"),
                    Webhooks.event("payment.succeeded", "ORD-" + ORDERS.incrementAndGet(), "pi_never_" + i, 100, "EUR"));
            ids.add(never.json().get("failureId").asText());
        }
        String support = api.token(TestSandboxes.demo(server, "support"));
        String admin = api.token(TestSandboxes.demo(server, "admin"));
        String body = "{\"ids\":" + Fixtures.idsJson(ids) + ",\"throttlePerSecond\":10000}";
        String first = api.postWithKey("/v1/replay-jobs", support, null, body).json().get("id").asText();
        String second = api.postWithKey("/v1/replay-jobs", admin, null, body).json().get("id").asText();
        List<Call> clicks = new ArrayList<>();
        for (String id : ids) {
            clicks.add(new Call(support, UUID.randomUUID().toString(), id));
        }
        for (Api.Response r : together(clicks)) {
            assertThat(r.status()).as("%s", r).isIn(200, 409);
        }
        Fixtures.awaitJob(api, support, first, java.time.Duration.ofSeconds(30));
        Fixtures.awaitJob(api, support, second, java.time.Duration.ofSeconds(30));

        for (String reference : references) {
            assertThat(captures(reference)).as(reference).isEqualTo(1);
        }
        for (String id : ids) {
            List<Integer> numbers = server.dsl().select(FAILURE_ATTEMPT.ATTEMPT_NUMBER).from(FAILURE_ATTEMPT)
                    .where(FAILURE_ATTEMPT.FAILURE_ID.eq(id)).orderBy(FAILURE_ATTEMPT.ATTEMPT_NUMBER)
                    .fetch(FAILURE_ATTEMPT.ATTEMPT_NUMBER);
            for (int n = 0; n < numbers.size(); n++) {
                assertThat(numbers.get(n)).as("attempts of %s are numbered in order", id).isEqualTo(n + 1);
            }
            assertThat(server.dsl().fetchCount(FAILURE_ATTEMPT, FAILURE_ATTEMPT.FAILURE_ID.eq(id)
                    .and(FAILURE_ATTEMPT.OUTCOME.eq("SUCCEEDED")))).as(id).isLessThanOrEqualTo(1);
            assertThat(server.dsl().fetchCount(FAILURE_ATTEMPT, FAILURE_ATTEMPT.FAILURE_ID.eq(id)
                    .and(FAILURE_ATTEMPT.STATUS_CODE.eq(500)))).as("no replay of %s broke", id).isZero();
        }
        assertThat(server.dsl().fetchCount(FAILURE, FAILURE.ID.in(ids).and(FAILURE.STATUS.eq("REPLAYING")))).isZero();
    }

    @Test
    void aReplayNeedsAnIdempotencyKey() {
        String failureId = earlyCallbacks(1).get(0);
        String support = api.token(TestSandboxes.demo(server, "support"));
        Api.Response r = api.post("/v1/failures/" + failureId + "/replay", support, "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problemType()).isEqualTo("idempotency-key-missing");
        assertThat(server.dsl().fetchCount(FAILURE_ATTEMPT, FAILURE_ATTEMPT.FAILURE_ID.eq(failureId))).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndAfterCompletionAnswersAsTheFirstTime() {
        String failureId = earlyCallbacks(1).get(0);
        String support = api.token(TestSandboxes.demo(server, "support"));
        String key = UUID.randomUUID().toString();
        Api.Response first = api.postWithKey("/v1/failures/" + failureId + "/replay", support, key,
                "{\"note\":\"customer called\"}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Api.Response other = api.postWithKey("/v1/failures/" + failureId + "/replay", support, key,
                "{\"note\":\"something else\"}");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problemType()).isEqualTo("idempotency-key-mismatch");
        String otherSession = api.token(TestSandboxes.demo(server, "support"));
        Api.Response again = api.postWithKey("/v1/failures/" + failureId + "/replay", otherSession, key,
                "{\"note\":\"customer called\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(attempts(failureId, "SUCCEEDED")).isEqualTo(1);
    }

    @Test
    void theSameKeyWhileTheFirstReplayStillRunsIsInUse() throws Exception {
        String failureId = earlyCallbacks(1).get(0);
        String support = api.token(TestSandboxes.demo(server, "support"));
        String key = UUID.randomUUID().toString();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Hold the failure's row lock, so that the replay waits at its claim with its key in flight.
            Future<?> lock = pool.submit(() -> server.dsl().transaction(tx -> {
                tx.dsl().selectFrom(FAILURE).where(FAILURE.ID.eq(failureId)).forUpdate().fetch();
                locked.countDown();
                release.await(8, TimeUnit.SECONDS);
            }));
            assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();
            Future<Api.Response> first = pool.submit(() ->
                    api.postWithKey("/v1/failures/" + failureId + "/replay", support, key, "{}"));
            await("the first replay claimed its key").atMost(5, TimeUnit.SECONDS).pollInterval(10, TimeUnit.MILLISECONDS)
                    .until(() -> server.dsl().fetchCount(IDEMPOTENCY_RECORD,
                            IDEMPOTENCY_RECORD.IDEMPOTENCY_KEY.eq(key)) > 0);
            Api.Response second = api.postWithKey("/v1/failures/" + failureId + "/replay", support, key, "{}");
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.problemType()).isEqualTo("idempotency-key-in-use");
            release.countDown();
            lock.get(10, TimeUnit.SECONDS);
            Api.Response done = first.get(15, TimeUnit.SECONDS);
            assertThat(done.status()).as("%s", done).isEqualTo(200);
            assertThat(done.json().get("outcome").asText()).isEqualTo("SUCCEEDED");
            Api.Response third = api.postWithKey("/v1/failures/" + failureId + "/replay", support, key, "{}");
            assertThat(third.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(third.body()).isEqualTo(done.body());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
