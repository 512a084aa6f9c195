package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sandbox's actual responses against ops-api.yaml: each status must be documented for its operation, come with
 * the documented media type, and its body must validate against the documented schema (JSON Schema 2020-12, as in
 * OpenAPI 3.1; additionalProperties:false catches any property the contract does not know).
 */
class ContractTest {

    private static final OpenApi CONTRACT = OpenApi.load();
    private static MutableClock clock;
    private static SandboxServer clocked;

    private final SandboxServer server = TestSandboxes.shared();
    private final Api api = new Api(server);

    @BeforeAll
    static void startClockedServer() {
        clock = TestSandboxes.clock();
        clocked = TestSandboxes.withClock(clock);
    }

    @AfterAll
    static void stopClockedServer() {
        clocked.close();
    }

    private String admin() {
        return api.token(TestSandboxes.demo(server, "admin"));
    }

    @Test
    void health() {
        conforms("GET", "/v1/health", api.get("/v1/health", null), 200);
    }

    @Test
    void signInSucceeds() {
        DemoUser warehouse = TestSandboxes.demo(server, "warehouse");
        Api.Response r = api.signIn(warehouse.username(), warehouse.password());
        conforms("POST", "/v1/sessions", r, 201);
        assertThat(r.json().at("/user/warehouseScope").isArray()).isTrue();
    }

    @Test
    void signInFailsWithWrongPassword() {
        conforms("POST", "/v1/sessions", api.signIn("contract-nobody", "wrong"), 401);
    }

    @Test
    void signInRequestInvalid() {
        conforms("POST", "/v1/sessions", api.post("/v1/sessions", null, "{\"username\":\"\"}"), 400);
    }

    @Test
    void meForEveryRole() {
        for (DemoUser user : server.demoUsers()) {
            conforms("GET", "/v1/me", api.get("/v1/me", api.token(user)), 200);
        }
    }

    @Test
    void usersFirstAndSecondPage() {
        String token = admin();
        Api.Response first = api.get("/v1/users?limit=20", token);
        conforms("GET", "/v1/users", first, 200);
        String cursor = first.json().get("nextCursor").asText();
        Api.Response second = api.get("/v1/users?limit=20&cursor=" + cursor, token);
        conforms("GET", "/v1/users", second, 200);
    }

    @Test
    void usersLastPageHasNullCursor() {
        Api.Response last = api.get("/v1/users?limit=500", admin());
        conforms("GET", "/v1/users", last, 200);
        assertThat(last.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void usersWithBadLimit() {
        conforms("GET", "/v1/users", api.get("/v1/users?limit=0", admin()), 400);
    }

    @Test
    void roles() {
        conforms("GET", "/v1/roles", api.get("/v1/roles", admin()), 200);
    }

    @Test
    void forbidden() {
        String ops = api.token(TestSandboxes.demo(server, "ops"));
        conforms("GET", "/v1/users", api.get("/v1/users", ops), 403);
        conforms("GET", "/v1/roles", api.get("/v1/roles", ops), 403);
    }

    @Test
    void unauthenticatedWithoutToken() {
        conforms("GET", "/v1/me", api.get("/v1/me", null), 401);
    }

    @Test
    void unauthenticatedWithExpiredToken() {
        Api clockedApi = new Api(clocked);
        String token = clockedApi.token(TestSandboxes.demo(clocked, "support"));
        clock.advance(clocked.options().tokenTtl().plus(Duration.ofSeconds(1)));
        Api.Response r = clockedApi.get("/v1/me", token);
        conforms("GET", "/v1/me", r, 401);
        assertThat(r.json().get("detail").asText()).contains("expired");
    }

    @Test
    void rateLimitedAfterFailedSignIns() {
        Api.Response r = null;
        for (int i = 0; i < 6; i++) {
            r = api.signIn("contract-lockout", "wrong-" + i);
        }
        conforms("POST", "/v1/sessions", r, 429);
        assertThat(r.header("Retry-After")).matches("\\d+");
    }

    @Test
    void signOut() {
        Api.Response r = api.delete("/v1/sessions/current", admin());
        conforms("DELETE", "/v1/sessions/current", r, 204);
    }

    @Test
    void unknownPathIsAProblem() {
        Api.Response r = api.get("/v1/no-such-thing", admin());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertValid("/components/responses/NotFound/content/application~1problem+json/schema", r.json());
    }

    /** The failure queues, bulk replays, orders, events and webhook intake: every operation, every status produced. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class FailureQueues {

        private MutableClock failureClock;
        private SandboxServer fs;
        private Api fa;
        private String support;
        private String ops;
        private String warehouse;

        @BeforeAll
        void start() {
            failureClock = TestSandboxes.clock();
            fs = TestSandboxes.withClock(failureClock);
            fa = new Api(fs);
            support = fa.token(TestSandboxes.demo(fs, "support"));
            ops = fa.token(TestSandboxes.demo(fs, "ops"));
            warehouse = fa.token(TestSandboxes.demo(fs, "warehouse"));
        }

        @AfterAll
        void stop() {
            fs.close();
        }

        private Api.Response replay(String token, String id, String key, String body) {
            return fa.postWithKey("/v1/failures/" + id + "/replay", token, key, body);
        }

        @Test
        void webhookIntake() {
            String order = Fixtures.newOrderNumber();
            String reference = "pi_contract_" + order.substring(4);
            fs.placeOrder(order, 1999, "EUR", "stripe", reference);
            String id = Webhooks.id(fs, "stripe", "contract");
            String body = Webhooks.event("payment.succeeded", order, reference, 1999, "EUR");
            conforms("POST", "/webhooks/payments/stripe", Webhooks.send(fs, "stripe", id, body), 200);
            Api.Response duplicate = Webhooks.send(fs, "stripe", id, body);
            conforms("POST", "/webhooks/payments/stripe", duplicate, 200);
            assertThat(duplicate.json().get("duplicate").asBoolean()).isTrue();
            Api.Response early = Webhooks.send(fs, "adyen", Webhooks.id(fs, "adyen", "contract"),
                    Webhooks.event("payment.succeeded", Fixtures.newOrderNumber(), "8815000000000001", 1999, "EUR"));
            conforms("POST", "/webhooks/payments/adyen", early, 202);
            assertThat(early.json().get("failureId").asText()).startsWith("F-");
            conforms("POST", "/webhooks/payments/paypal", Webhooks.send(fs, "paypal", "msg_forged",
                    failureClock.instant().getEpochSecond(), body, "v1,AAAA"), 401);
            conforms("POST", "/webhooks/payments/klarna", fa.request("POST", "/webhooks/payments/klarna").body(body)
                    .send(), 404);
        }

        @Test
        void listCountAndSummary() {
            Api.Response first = fa.get("/v1/failures?limit=10", support);
            conforms("GET", "/v1/failures", first, 200);
            assertThat(first.json().get("nextCursor").isTextual()).isTrue();
            conforms("GET", "/v1/failures", fa.get("/v1/failures?limit=10&cursor=" + first.json().get("nextCursor")
                    .asText(), support), 200);
            Api.Response last = fa.get("/v1/failures?limit=500&queue=PAYMENT_CALLBACK&status=DEAD", ops);
            conforms("GET", "/v1/failures", last, 200);
            assertThat(last.json().get("nextCursor").isNull()).isTrue();
            conforms("GET", "/v1/failures", fa.get("/v1/failures?status=BAD", ops), 400);
            conforms("GET", "/v1/failures", fa.get("/v1/failures", warehouse), 403);
            conforms("GET", "/v1/failures", fa.get("/v1/failures", null), 401);
            conforms("GET", "/v1/failures/count", fa.get("/v1/failures/count?q=ORD-1", ops), 200);
            conforms("GET", "/v1/failures/count", fa.get("/v1/failures/count?since=soon", ops), 400);
            conforms("GET", "/v1/failures/count", fa.get("/v1/failures/count", warehouse), 403);
            conforms("GET", "/v1/failures/summary", fa.get("/v1/failures/summary", ops), 200);
            conforms("GET", "/v1/failures/summary", fa.get("/v1/failures/summary", support), 200);
            conforms("GET", "/v1/failures/summary", fa.get("/v1/failures/summary", warehouse), 403);
        }

        @Test
        void detailAndOrder() {
            String payment = Fixtures.capturable(fs);
            Api.Response detail = fa.get("/v1/failures/" + payment, support);
            conforms("GET", "/v1/failures/{id}", detail, 200);
            assertThat(detail.json().get("order").isObject()).isTrue();
            String resolved = Fixtures.seededOne(fs, "PAYMENT_CALLBACK", "RESOLVED");
            conforms("GET", "/v1/failures/{id}", fa.get("/v1/failures/" + resolved, support), 200);
            String inventory = Fixtures.seededOne(fs, "INVENTORY_SYNC", "OPEN");
            conforms("GET", "/v1/failures/{id}", fa.get("/v1/failures/" + inventory, ops), 200);
            conforms("GET", "/v1/failures/{id}", fa.get("/v1/failures/" + inventory, support), 403);
            conforms("GET", "/v1/failures/{id}", fa.get("/v1/failures/F-9999999", support), 404);
            String order = detail.json().get("orderNumber").asText();
            conforms("GET", "/v1/orders/{orderNumber}", fa.get("/v1/orders/" + order, support), 200);
            conforms("GET", "/v1/orders/{orderNumber}", fa.get("/v1/orders/" + order, warehouse), 403);
            conforms("GET", "/v1/orders/{orderNumber}", fa.get("/v1/orders/ORD-0", support), 404);
        }

        @Test
        void replayOneFailure() {
            String payment = Fixtures.capturable(fs);
            String key = java.util.UUID.randomUUID().toString();
            conforms("POST", "/v1/failures/{id}/replay", fa.post("/v1/failures/" + payment + "/replay", support, "{}"),
                    400);
            conforms("POST", "/v1/failures/{id}/replay", replay(support, payment, null, "{\"color\":1}"), 400);
            conforms("POST", "/v1/failures/{id}/replay", replay(ops, payment, null, "{}"), 403);
            conforms("POST", "/v1/failures/{id}/replay", replay(support, "F-9999999", null, "{}"), 404);
            Api.Response succeeded = replay(support, payment, key, "{\"note\":\"customer called\"}");
            conforms("POST", "/v1/failures/{id}/replay", succeeded, 200);
            assertThat(succeeded.json().get("outcome").asText()).isEqualTo("SUCCEEDED");
            conforms("POST", "/v1/failures/{id}/replay", replay(support, payment, key, "{}"), 422);
            Api.Response notReplayable = replay(support, payment, null, "{}");
            conforms("POST", "/v1/failures/{id}/replay", notReplayable, 409);
            assertThat(notReplayable.problemType()).isEqualTo("failure-not-replayable");
            String stillMissing = Fixtures.earlyCallbacks(fs, 1, false).get(0);
            Api.Response failed = replay(support, stillMissing, null, "{}");
            conforms("POST", "/v1/failures/{id}/replay", failed, 200);
            assertThat(failed.json().get("outcome").asText()).isEqualTo("FAILED");
        }

        @Test
        void replayInProgress() throws Exception {
            String payment = Fixtures.capturable(fs);
            // A replay that holds the failure: claimed in the database as a running replay would.
            fs.dsl().update(dev.opsdesk.sandbox.db.Tables.FAILURE).set(dev.opsdesk.sandbox.db.Tables.FAILURE.STATUS,
                    "REPLAYING").where(dev.opsdesk.sandbox.db.Tables.FAILURE.ID.eq(payment)).execute();
            Api.Response busy = replay(support, payment, null, "{}");
            conforms("POST", "/v1/failures/{id}/replay", busy, 409);
            assertThat(busy.problemType()).isEqualTo("replay-in-progress");
            conforms("POST", "/v1/failures/{id}/resolve", fa.postWithKey("/v1/failures/" + payment + "/resolve",
                    support, null, "{\"status\":\"RESOLVED\",\"code\":\"FIXED_MANUALLY\",\"note\":\"x\"}"), 409);
            fs.dsl().update(dev.opsdesk.sandbox.db.Tables.FAILURE).set(dev.opsdesk.sandbox.db.Tables.FAILURE.STATUS,
                    "OPEN").where(dev.opsdesk.sandbox.db.Tables.FAILURE.ID.eq(payment)).execute();
        }

        @Test
        void resolveAssignAndNotes() {
            String id = Fixtures.capturable(fs);
            String resolve = "/v1/failures/" + id + "/resolve";
            conforms("POST", resolve, fa.postWithKey(resolve, support, null, "{\"status\":\"RESOLVED\"}"), 400);
            conforms("POST", resolve, fa.postWithKey(resolve, warehouse, null, "{}"), 403);
            conforms("POST", "/v1/failures/{id}/resolve", fa.postWithKey("/v1/failures/F-9999999/resolve", support,
                    null, "{}"), 404);
            String assign = "/v1/failures/" + id + "/assign";
            conforms("POST", assign, fa.postWithKey(assign, support, null, "{\"assignee\":\"support\"}"), 200);
            conforms("POST", assign, fa.postWithKey(assign, support, null, "{\"assignee\":\"ghost\"}"), 422);
            conforms("POST", assign, fa.postWithKey(assign, support, null, "{\"who\":1}"), 400);
            conforms("POST", assign, fa.postWithKey(assign, warehouse, null, "{\"assignee\":null}"), 403);
            conforms("POST", "/v1/failures/{id}/assign", fa.postWithKey("/v1/failures/F-9999999/assign", support, null,
                    "{\"assignee\":null}"), 404);
            String notes = "/v1/failures/" + id + "/notes";
            conforms("POST", notes, fa.postWithKey(notes, support, null, "{\"text\":\"called the PSP\"}"), 201);
            conforms("POST", notes, fa.postWithKey(notes, support, null, "{\"text\":5}"), 400);
            conforms("POST", notes, fa.postWithKey(notes, warehouse, null, "{\"text\":\"x\"}"), 403);
            conforms("POST", "/v1/failures/{id}/notes", fa.postWithKey("/v1/failures/F-9999999/notes", support, null,
                    "{\"text\":\"x\"}"), 404);
            Api.Response resolved = fa.postWithKey(resolve, support, null,
                    "{\"status\":\"RESOLVED\",\"code\":\"CUSTOMER_CONTACTED\",\"note\":\"refunded by hand\"}");
            conforms("POST", resolve, resolved, 200);
            conforms("POST", resolve, fa.postWithKey(resolve, support, null,
                    "{\"status\":\"DISMISSED\",\"code\":\"DUPLICATE\",\"note\":\"x\"}"), 409);
        }

        @Test
        void auditEventsExportAndCheckpoint() {
            String auditor = fa.token(TestSandboxes.demo(fs, "auditor"));
            conforms("GET", "/v1/audit/events", fa.get("/v1/audit/events?limit=200", auditor), 200);
            conforms("GET", "/v1/audit/events", fa.get("/v1/audit/events?direction=asc&limit=500", support), 200);
            conforms("GET", "/v1/audit/events", fa.get("/v1/audit/events?entity=order:ORD-100001&limit=5", support), 200);
            conforms("GET", "/v1/audit/events", fa.get("/v1/audit/events?fromSequence=0", auditor), 400);
            conforms("GET", "/v1/audit/events", fa.get("/v1/audit/events", null), 401);
            conforms("GET", "/v1/audit/export", fa.get("/v1/audit/export?limit=50&action=failure.*", auditor), 200);
            conforms("GET", "/v1/audit/export", fa.get("/v1/audit/export", support), 403);
            conforms("GET", "/v1/audit/checkpoint", fa.get("/v1/audit/checkpoint", auditor), 200);
        }

        @Test
        void previewAndBulkJobs() throws Exception {
            String id = Fixtures.capturable(fs);
            String body = "{\"ids\":[\"" + id + "\"]}";
            conforms("POST", "/v1/failures/replay-preview", fa.post("/v1/failures/replay-preview", support, body), 200);
            conforms("POST", "/v1/failures/replay-preview", fa.post("/v1/failures/replay-preview", support,
                    "{\"filter\":{\"status\":\"OPEN\"}}"), 200);
            conforms("POST", "/v1/failures/replay-preview", fa.post("/v1/failures/replay-preview", support, "{}"), 400);
            conforms("POST", "/v1/failures/replay-preview", fa.post("/v1/failures/replay-preview", warehouse, body),
                    403);

            String key = java.util.UUID.randomUUID().toString();
            Api.Response started = fa.postWithKey("/v1/replay-jobs", support, key, body);
            conforms("POST", "/v1/replay-jobs", started, 202);
            conforms("POST", "/v1/replay-jobs", fa.postWithKey("/v1/replay-jobs", support, key, "{\"ids\":[\"x\"]}"),
                    422);
            conforms("POST", "/v1/replay-jobs", fa.postWithKey("/v1/replay-jobs", support, null,
                    "{\"ids\":[],\"throttlePerSecond\":0}"), 400);
            conforms("POST", "/v1/replay-jobs", fa.postWithKey("/v1/replay-jobs", warehouse, null, body), 403);
            String job = started.json().get("id").asText();
            Fixtures.awaitJob(fa, support, job, Duration.ofSeconds(20));
            conforms("GET", "/v1/replay-jobs/{jobId}", fa.get("/v1/replay-jobs/" + job, support), 200);
            conforms("GET", "/v1/replay-jobs/{jobId}", fa.get("/v1/replay-jobs/J-999999", support), 404);
            conforms("GET", "/v1/replay-jobs/{jobId}", fa.get("/v1/replay-jobs/" + job, warehouse), 403);
            String items = "/v1/replay-jobs/" + job + "/items";
            conforms("GET", items, fa.get(items, support), 200);
            conforms("GET", items, fa.get(items + "?outcome=MAYBE", support), 400);
            conforms("GET", items, fa.get(items, warehouse), 403);
            conforms("GET", "/v1/replay-jobs/{jobId}/items", fa.get("/v1/replay-jobs/J-999999/items", support), 404);
            String cancel = "/v1/replay-jobs/" + job + "/cancel";
            conforms("POST", cancel, fa.postWithKey(cancel, support, null, null), 200);
            conforms("POST", cancel, fa.post(cancel, support, null), 400);
            conforms("POST", cancel, fa.postWithKey(cancel, ops, null, null), 403);
            conforms("POST", "/v1/replay-jobs/{jobId}/cancel", fa.postWithKey("/v1/replay-jobs/J-999999/cancel", support,
                    null, null), 404);
            String retry = "/v1/replay-jobs/" + job + "/retry-failed";
            conforms("POST", retry, fa.postWithKey(retry, support, null, null), 409);
            conforms("POST", retry, fa.post(retry, support, null), 400);
            conforms("POST", retry, fa.postWithKey(retry, warehouse, null, null), 403);
            conforms("POST", "/v1/replay-jobs/{jobId}/retry-failed", fa.postWithKey("/v1/replay-jobs/J-999999/retry-failed",
                    support, null, null), 404);
            String failing = Fixtures.earlyCallbacks(fs, 1, false).get(0);
            String failingJob = fa.postWithKey("/v1/replay-jobs", support, null, "{\"ids\":[\"" + failing + "\"]}")
                    .json().get("id").asText();
            Fixtures.awaitJob(fa, support, failingJob, Duration.ofSeconds(20));
            conforms("POST", "/v1/replay-jobs/{jobId}/retry-failed", fa.postWithKey("/v1/replay-jobs/" + failingJob
                    + "/retry-failed", support, null, null), 202);
        }

        @Test
        void events() {
            conforms("GET", "/v1/events", fa.get("/v1/events", ops), 200);
            // Open to everyone signed in; a topic the caller may not read is refused.
            conforms("GET", "/v1/events", fa.get("/v1/events", warehouse), 200);
            conforms("GET", "/v1/events", fa.get("/v1/events?topics=failures", warehouse), 403);
            conforms("GET", "/v1/events", fa.get("/v1/events?topics=nonsense", ops), 400);
            conforms("GET", "/v1/events", fa.get("/v1/events", null), 401);
        }
    }

    // --- the check itself can fail ---

    @Test
    void anExtraPropertyIsCaught() {
        ObjectNode health = (ObjectNode) api.get("/v1/health", null).json();
        health.put("uptime", 12);
        assertThatThrownBy(() -> conforms("GET", "/v1/health", fake(200, "application/json", health), 200))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("uptime");
    }

    @Test
    void aMissingPropertyOrWrongValueIsCaught() {
        ObjectNode me = (ObjectNode) api.get("/v1/me", admin()).json();
        me.remove("roles");
        ((com.fasterxml.jackson.databind.node.ArrayNode) me.get("permissions")).add("launch.missiles");
        assertThatThrownBy(() -> conforms("GET", "/v1/me", fake(200, "application/json", me), 200))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("roles")
                .hasMessageContaining("launch.missiles");
    }

    @Test
    void anUndocumentedStatusOrWrongMediaTypeIsCaught() {
        JsonNode health = api.get("/v1/health", null).json();
        assertThatThrownBy(() -> conforms("GET", "/v1/health", fake(201, "application/json", health), 201))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not documented");
        assertThatThrownBy(() -> conforms("GET", "/v1/health", fake(200, "text/plain", health), 200))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("media type");
    }

    // --- helpers ---

    /** Asserts that {@code r} is what the contract documents for {@code method path} with {@code status}. */
    @Test
    void inventoryReads() {
        String ops = api.token(TestSandboxes.demo(server, "ops"));
        String warehouse = api.token(TestSandboxes.demo(server, "warehouse"));
        String support = api.token(TestSandboxes.demo(server, "support"));
        Api.Response first = api.get("/v1/inventory/stock?limit=20&drifting=true", ops);
        conforms("GET", "/v1/inventory/stock", first, 200);
        conforms("GET", "/v1/inventory/stock", api.get("/v1/inventory/stock?limit=20&cursor="
                + first.json().get("nextCursor").asText() + "&drifting=true", ops), 200);
        conforms("GET", "/v1/inventory/stock", api.get("/v1/inventory/stock?sort=oldestSync&state=STUCK", warehouse),
                200);
        conforms("GET", "/v1/inventory/stock", api.get("/v1/inventory/stock?q=no-such-thing", ops), 200);
        conforms("GET", "/v1/inventory/stock", api.get("/v1/inventory/stock?state=LATE&minDrift=-1", ops), 400);
        conforms("GET", "/v1/inventory/stock", api.get("/v1/inventory/stock", support), 403);
        conforms("GET", "/v1/inventory/stock", api.get("/v1/inventory/stock", null), 401);
        String pair = "/v1/inventory/stock/WH-1/SKU-100003";
        conforms("GET", "/v1/inventory/stock/{warehouse}/{sku}", api.get(pair, warehouse), 200);
        conforms("GET", "/v1/inventory/stock/{warehouse}/{sku}", api.get("/v1/inventory/stock/WH-4/SKU-100003",
                warehouse), 403);
        conforms("GET", "/v1/inventory/stock/{warehouse}/{sku}", api.get("/v1/inventory/stock/WH-1/SKU-0", ops), 404);
        conforms("GET", "/v1/inventory/integrations", api.get("/v1/inventory/integrations", ops), 200);
        conforms("GET", "/v1/inventory/integrations", api.get("/v1/inventory/integrations", support), 403);
        conforms("GET", "/v1/inventory/summary", api.get("/v1/inventory/summary", warehouse), 200);
        conforms("GET", "/v1/inventory/trend", api.get("/v1/inventory/trend?days=2", ops), 200);
        conforms("GET", "/v1/inventory/trend", api.get("/v1/inventory/trend?days=15", ops), 400);
        conforms("GET", "/v1/inventory/trend", api.get("/v1/inventory/trend?warehouse=WH-9", ops), 404);
        conforms("GET", "/v1/inventory/trend", api.get("/v1/inventory/trend?warehouse=WH-4", warehouse), 403);
    }

    @Test
    void inventoryAdjustments() {
        Api clockedApi = new Api(clocked);
        String warehouse = clockedApi.token(TestSandboxes.demo(clocked, "warehouse"));
        String adjust = "/v1/inventory/stock/WH-1/SKU-100020/adjustments";
        String op = "/v1/inventory/stock/{warehouse}/{sku}/adjustments";
        long version = clockedApi.get("/v1/inventory/stock/WH-1/SKU-100020", warehouse).json()
                .at("/pair/platform/version").asLong();
        String body = "{\"reason\":\"DAMAGED\",\"quantity\":-1,\"note\":\"torn box\",\"expectedVersion\":" + version
                + "}";
        conforms("POST", op, clockedApi.postWithKey(adjust, warehouse, null, body), 201);
        conforms("POST", op, clockedApi.postWithKey(adjust, warehouse, null, body), 409);
        conforms("POST", op, clockedApi.postWithKey(adjust, warehouse, null, "{\"reason\":\"BROKEN\"}"), 400);
        conforms("POST", op, clockedApi.postWithKey("/v1/inventory/stock/WH-4/SKU-100020/adjustments", warehouse, null,
                body), 403);
        conforms("POST", op, clockedApi.postWithKey("/v1/inventory/stock/WH-1/SKU-0/adjustments", warehouse, null,
                body), 404);
        conforms("POST", op, clockedApi.postWithKey(adjust, clockedApi.token(TestSandboxes.demo(clocked, "ops")), null,
                body), 403);
    }

    static void conforms(String method, String path, Api.Response r, int status) {
        assertThat(r.status()).as("status of %s %s: %s", method, path, r).isEqualTo(status);
        OpenApi.Operation op = CONTRACT.operation(method, path)
                .orElseThrow(() -> new AssertionError(method + " " + path + " is not in the contract"));
        JsonNode documented = CONTRACT.response(op, status)
                .orElseThrow(() -> new AssertionError("status " + status + " is not documented for " + op));
        JsonNode content = documented.get("content");
        if (content == null || content.isEmpty()) {
            assertThat(r.body()).as("%s %d has no body in the contract", op, status).isEmpty();
            return;
        }
        String actualType = r.contentType() == null ? "" : r.contentType().split(";")[0].trim();
        List<String> documentedTypes = new ArrayList<>();
        content.fieldNames().forEachRemaining(documentedTypes::add);
        if (!documentedTypes.contains(actualType)) {
            throw new AssertionError("media type of " + op + " " + status + " is '" + actualType
                    + "', the contract documents " + documentedTypes);
        }
        if (actualType.equals("text/event-stream")) {
            // A stream never ends: its status, media type and headers are what can be checked here.
            assertThat(r.header("X-Request-Id")).as("X-Request-Id").isNotBlank();
            return;
        }
        assertValid(CONTRACT.responseSchemaPointer(op, status, actualType), r.json());
        // Documented headers that the contract marks as always present.
        for (Map.Entry<String, JsonNode> documentedHeader : documented.path("headers").properties()) {
            String header = documentedHeader.getKey();
            assertThat(r.header(header)).as("header %s of %s %d", header, op, status).isNotNull();
        }
        assertThat(r.header("X-Request-Id")).as("X-Request-Id").isNotBlank();
    }

    static void assertValid(String schemaPointer, JsonNode body) {
        List<String> violations = CONTRACT.validate(schemaPointer, body);
        if (!violations.isEmpty()) {
            throw new AssertionError("Body does not match " + schemaPointer + ": " + violations + "\n" + body);
        }
    }

    private static Api.Response fake(int status, String contentType, JsonNode body) {
        HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of(contentType),
                "X-Request-Id", List.of("fake")), (a, b) -> true);
        return new Api.Response(status, headers, body.toString());
    }
}
