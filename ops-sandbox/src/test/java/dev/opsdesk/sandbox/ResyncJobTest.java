package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.ContractTest.conforms;
import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static dev.opsdesk.sandbox.db.Tables.WAREHOUSE_DRIFT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.db.tables.records.AuditEventRecord;
import dev.opsdesk.sandbox.inventory.StockPairs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resync jobs run by the bulk-replay machinery: per-item results, a feed that is down fails into the INVENTORY_SYNC
 * queue, retry failed only, a filter as the selection, and who may start one.
 */
class ResyncJobTest {

    private static SandboxServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String role) {
        return api.token(TestSandboxes.demo(server, role));
    }

    private static String drifting(String warehouse, String ops) {
        return api.get("/v1/inventory/stock?limit=1&drifting=true&warehouse=" + warehouse, ops).json()
                .at("/items/0/sku").asText();
    }

    @Test
    void aResyncClosesTheDriftWhereTheFeedIsUpAndFailsIntoTheQueueWhereItIsDown() {
        String ops = token("ops");
        String up = "WH-1/" + drifting("WH-1", ops);
        String down = "WH-2/" + drifting("WH-2", ops);
        Api.Response started = api.postWithKey("/v1/inventory/resync-jobs", ops, null,
                "{\"pairs\":[\"" + up + "\",\"" + down + "\"],\"throttlePerSecond\":1000}");
        conforms("POST", "/v1/inventory/resync-jobs", started, 202);
        String job = started.json().get("id").asText();
        assertThat(started.json().get("kind").asText()).isEqualTo("RESYNC");
        JsonNode done = Fixtures.awaitJob(api, ops, job, Duration.ofSeconds(20));
        conforms("GET", "/v1/replay-jobs/{jobId}", api.get("/v1/replay-jobs/" + job, ops), 200);
        assertThat(done.get("succeeded").asInt()).isEqualTo(1);
        assertThat(done.get("failed").asInt()).isEqualTo(1);

        Map<String, JsonNode> items = new HashMap<>();
        api.get("/v1/replay-jobs/" + job + "/items", ops).json().get("items")
                .forEach(i -> items.put(i.get("failureId").asText(), i));
        assertThat(items.get(up).get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(items.get(down).get("outcome").asText()).isEqualTo("FAILED");
        assertThat(items.get(down).get("error").asText()).contains("WMS feed").contains("inventory sync queue");

        JsonNode closed = api.get("/v1/inventory/stock/" + up, ops).json();
        assertThat(closed.at("/pair/drift").asInt()).isZero();
        assertThat(closed.at("/pair/state").asText()).isEqualTo("IN_SYNC");
        JsonNode failed = api.get("/v1/inventory/stock/" + down, ops).json();
        assertThat(failed.at("/pair/drift").asInt()).isPositive();
        assertThat(failed.get("openFailures")).isNotEmpty();
        String failureId = failed.at("/openFailures/0/id").asText();
        JsonNode failure = api.get("/v1/failures/" + failureId, ops).json();
        assertThat(failure.get("queue").asText()).isEqualTo("INVENTORY_SYNC");
        assertThat(failure.get("sku").asText()).isEqualTo(down.substring(5));
        assertThat(failure.get("warehouse").asText()).isEqualTo("WH-2");

        JsonNode trail = api.get("/v1/audit/events?correlationId=" + job + "&action=inventory.resynced", ops).json()
                .get("items");
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).get("entityId").asText()).isEqualTo(up);

        // Retry failed only: a new resync job of the one pair, which fails again while the feed is down.
        Api.Response retry = api.postWithKey("/v1/replay-jobs/" + job + "/retry-failed", ops, null, "{}");
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("kind").asText()).isEqualTo("RESYNC");
        assertThat(retry.json().get("total").asInt()).isEqualTo(1);
        JsonNode again = Fixtures.awaitJob(api, ops, retry.json().get("id").asText(), Duration.ofSeconds(20));
        assertThat(again.get("failed").asInt()).isEqualTo(1);
    }

    @Test
    void aFilterSelectsThePairsAndOnlyResyncersMayStartOne() {
        String ops = token("ops");
        Api.Response started = api.postWithKey("/v1/inventory/resync-jobs", ops, null,
                "{\"filter\":{\"warehouse\":\"WH-3\",\"state\":\"STUCK\"},\"throttlePerSecond\":1000}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode done = Fixtures.awaitJob(api, ops, started.json().get("id").asText(), Duration.ofSeconds(20));
        assertThat(done.get("total").asInt()).isPositive();
        assertThat(done.get("succeeded").asInt()).isEqualTo(done.get("total").asInt());
        assertThat(api.get("/v1/inventory/stock?warehouse=WH-3&state=STUCK", ops).json().get("items")).isEmpty();

        conforms("POST", "/v1/inventory/resync-jobs", api.postWithKey("/v1/inventory/resync-jobs", ops, null,
                "{\"filter\":{\"state\":\"LATE\"}}"), 400);
        conforms("POST", "/v1/inventory/resync-jobs", api.postWithKey("/v1/inventory/resync-jobs", ops, null,
                "{\"pairs\":[\"WH-1\"]}"), 400);
        conforms("POST", "/v1/inventory/resync-jobs", api.postWithKey("/v1/inventory/resync-jobs", token("warehouse"),
                null, "{\"pairs\":[\"WH-1/SKU-100000\"]}"), 403);
    }

    @Test
    void aLargeResyncClosesEveryPairsDriftWithOneAuditEventEachAndTheTotalsStayTrue() {
        String ops = token("ops");
        // Every pair of WH-4 and a few of WH-2 (feed down), mixed: the pairs of a batch fail or succeed on their own.
        List<String> keys = new ArrayList<>();
        server.dsl().select(STOCK_PAIR.SKU).from(STOCK_PAIR).where(STOCK_PAIR.WAREHOUSE.eq("WH-4"))
                .orderBy(STOCK_PAIR.SKU).fetch(STOCK_PAIR.SKU).forEach(sku -> keys.add("WH-4/" + sku));
        keys.add(60, "WH-2/SKU-100007");
        keys.add(61, "WH-4/SKU-999999");
        keys.add(62, "WH-3/SKU-100001");
        int drifting = server.dsl().fetchCount(STOCK_PAIR, STOCK_PAIR.WAREHOUSE.eq("WH-4").and(STOCK_PAIR.DRIFT.gt(0)));
        assertThat(drifting).isPositive();
        Api.Response started = api.postWithKey("/v1/inventory/resync-jobs", ops, null,
                "{\"pairs\":" + Fixtures.idsJson(keys) + ",\"throttlePerSecond\":1000}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String job = started.json().get("id").asText();
        JsonNode done = Fixtures.awaitJob(api, ops, job, Duration.ofSeconds(30));
        assertThat(done.get("succeeded").asInt()).isEqualTo(keys.size() - 2);
        assertThat(done.get("failed").asInt()).isEqualTo(1);
        assertThat(done.get("skipped").asInt()).isEqualTo(1);

        assertThat(server.dsl().fetchCount(STOCK_PAIR, STOCK_PAIR.WAREHOUSE.eq("WH-4").and(STOCK_PAIR.DRIFT.gt(0))))
                .isZero();
        Map<String, List<Object>> kept = totals();
        StockPairs.recount(server.dsl());
        assertThat(kept).isEqualTo(totals());
        // One event per resynced pair, in the order of the job's items, on a chain that still verifies.
        List<AuditEventRecord> resynced = server.dsl().selectFrom(AUDIT_EVENT)
                .where(AUDIT_EVENT.ACTION.eq("inventory.resynced")).and(AUDIT_EVENT.CORRELATION_ID.eq(job))
                .orderBy(AUDIT_EVENT.SEQUENCE).fetch();
        List<String> expected = new ArrayList<>(keys);
        expected.removeAll(List.of("WH-2/SKU-100007", "WH-4/SKU-999999"));
        assertThat(resynced).extracting(AuditEventRecord::getEntityId).containsExactlyElementsOf(expected);
        AuditChains.assertVerifies(server.dsl().selectFrom(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQUENCE).fetch());
    }

    private static Map<String, List<Object>> totals() {
        Map<String, List<Object>> totals = new HashMap<>();
        server.dsl().selectFrom(WAREHOUSE_DRIFT).fetch().forEach(r -> totals.put(r.getWarehouse(),
                List.of(r.getDriftingPairs(), r.getDriftUnits(), r.getOversoldPairs())));
        return totals;
    }
}
