package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adjustments by compare-and-set: two workstations adjusting one pair at once — one wins, the other gets 409 with the
 * current numbers, the audit trail holds exactly the winning change; scope; the change on the live stream.
 */
class StockAdjustmentTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
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

    private static JsonNode pair(String path, String token) {
        return api.get("/v1/inventory/stock/" + path, token).json();
    }

    private static String body(String reason, int quantity, long version) {
        return "{\"reason\":\"" + reason + "\",\"quantity\":" + quantity + ",\"note\":\"shelf check\","
                + "\"expectedVersion\":" + version + "}";
    }

    @Test
    void twoWorkstationsAtOnceOneWinsTheOtherSeesTheCurrentNumbers() throws Exception {
        String warehouse = token("warehouse");
        String admin = token("admin");
        String path = "WH-1/SKU-100010";
        JsonNode before = pair(path, warehouse).get("pair");
        int quantity = before.at("/platform/quantity").asInt();
        long version = before.at("/platform/version").asLong();
        long auditBefore = api.get("/v1/audit/checkpoint", admin).json().get("sequence").asLong();

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (String[] who : new String[][] {{warehouse, "DAMAGED", "-2"}, {admin, "FOUND", "5"}}) {
            Callable<Api.Response> adjust = () -> {
                together.await();
                return api.postWithKey("/v1/inventory/stock/" + path + "/adjustments", who[0], null,
                        body(who[1], Integer.parseInt(who[2]), version));
            };
            answers.add(pool.submit(adjust));
        }
        Api.Response first = answers.get(0).get();
        Api.Response second = answers.get(1).get();
        pool.shutdown();

        List<Api.Response> won = new ArrayList<>();
        List<Api.Response> lost = new ArrayList<>();
        for (Api.Response r : List.of(first, second)) {
            (r.status() == 201 ? won : lost).add(r);
        }
        assertThat(won).as("%s / %s", first, second).hasSize(1);
        assertThat(lost).hasSize(1);
        JsonNode winner = won.get(0).json();
        int after = winner.at("/pair/platform/quantity").asInt();
        assertThat(after - quantity).isEqualTo(winner.at("/adjustment/delta").asInt());
        assertThat(winner.at("/pair/platform/version").asLong()).isEqualTo(version + 1);
        // The other one: told what the number is now, nothing written.
        assertThat(lost.get(0).status()).isEqualTo(409);
        assertThat(lost.get(0).problemType()).isEqualTo("stock-changed");
        assertThat(lost.get(0).json().get("currentQuantity").asInt()).isEqualTo(after);
        assertThat(lost.get(0).json().get("currentVersion").asLong()).isEqualTo(version + 1);
        assertThat(pair(path, admin).get("adjustments")).hasSize(1);

        JsonNode trail = api.get("/v1/audit/events?direction=asc&fromSequence=" + (auditBefore + 1)
                + "&action=inventory.adjusted", admin).json().get("items");
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).get("entityId").asText()).isEqualTo(path);
        assertThat(trail.get(0).get("actor").asText()).isEqualTo(winner.at("/adjustment/actor").asText());
        assertThat(trail.get(0).get("details").toString()).contains("\"quantity\":" + after);

        // Settling: the platform moved, ERP and WMS get it on their next sync.
        assertThat(winner.at("/pair/drift").asInt()).isPositive();
        assertThat(winner.at("/pair/state").asText()).isEqualTo("SETTLING");
    }

    @Test
    void onlyTheRightPeopleAdjustAndOnlyTheirWarehouses() {
        String warehouse = token("warehouse");
        long version = pair("WH-3/SKU-100011", token("admin")).at("/pair/platform/version").asLong();
        Api.Response outside = api.postWithKey("/v1/inventory/stock/WH-3/SKU-100011/adjustments", warehouse, null,
                body("LOST", -1, version));
        assertThat(outside.status()).isEqualTo(403);
        Api.Response ops = api.postWithKey("/v1/inventory/stock/WH-1/SKU-100011/adjustments", token("ops"), null,
                body("LOST", -1, 1));
        assertThat(ops.status()).isEqualTo(403);
        Api.Response zero = api.postWithKey("/v1/inventory/stock/WH-1/SKU-100011/adjustments", warehouse, null,
                "{\"reason\":\"LOST\",\"quantity\":0,\"expectedVersion\":1}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.body()).contains("quantity");
    }

    @Test
    void aChangeReachesOnlyTheReadersOfItsWarehouse() throws Exception {
        String admin = token("admin");
        try (SseClient warehouseStream = new SseClient(server.baseUri(), token("warehouse"), null, "inventory");
             SseClient opsStream = new SseClient(server.baseUri(), token("ops"), null, "inventory")) {
            assertThat(warehouseStream.nextComment(WAIT)).isEqualTo("connected");
            assertThat(opsStream.nextComment(WAIT)).isEqualTo("connected");
            long v3 = pair("WH-3/SKU-100012", admin).at("/pair/platform/version").asLong();
            assertThat(api.postWithKey("/v1/inventory/stock/WH-3/SKU-100012/adjustments", admin, null,
                    body("RECOUNT", 3, v3)).status()).isEqualTo(201);
            long v1 = pair("WH-1/SKU-100012", admin).at("/pair/platform/version").asLong();
            assertThat(api.postWithKey("/v1/inventory/stock/WH-1/SKU-100012/adjustments", admin, null,
                    body("RECOUNT", 4, v1)).status()).isEqualTo(201);

            SseClient.Event seenByOps = opsStream.next(WAIT);
            assertThat(seenByOps.event()).isEqualTo("stock.changed");
            assertThat(Api.JSON.readTree(seenByOps.data()).at("/stock/warehouse").asText()).isEqualTo("WH-3");
            // The warehouse user's first event is the WH-1 change: the WH-3 one never reached them.
            SseClient.Event seenByWarehouse = warehouseStream.next(WAIT);
            assertThat(Api.JSON.readTree(seenByWarehouse.data()).at("/stock/warehouse").asText()).isEqualTo("WH-1");
        }
    }
}
