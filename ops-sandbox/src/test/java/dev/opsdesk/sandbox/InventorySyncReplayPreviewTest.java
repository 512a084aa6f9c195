package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.ContractTest.conforms;
import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Before replaying an INVENTORY_SYNC failure, ops reads the preview: it says what the replay will then do. While the
 * pair's feed is down (WH-2's WMS in the seed) the sync fails again and the preview says so, naming the feed; at a
 * healthy warehouse the preview's effect is the replay's.
 */
class InventorySyncReplayPreviewTest {

    private static SandboxServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = TestSandboxes.withClock(TestSandboxes.clock());
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode previewOf(String ops, String failureId) {
        Api.Response r = api.post("/v1/failures/replay-preview", ops, "{\"ids\":[\"" + failureId + "\"]}");
        conforms("POST", "/v1/failures/replay-preview", r, 200);
        return r.json().at("/items/0");
    }

    @Test
    void aStalledFeedsFailurePreviewsAsFailingAgainAndItsReplayFailsAgain() {
        String ops = api.token(TestSandboxes.demo(server, "ops"));
        FailureRecord stalled = server.dsl().selectFrom(FAILURE).where(FAILURE.QUEUE.eq("INVENTORY_SYNC"))
                .and(FAILURE.WAREHOUSE.eq("WH-2")).and(FAILURE.STATUS.eq("OPEN"))
                .and(FAILURE.REASON.ne("UNKNOWN_SKU")).orderBy(FAILURE.ID.desc()).limit(1).fetchSingle();
        int wmsBefore = wms(stalled);

        JsonNode preview = previewOf(ops, stalled.getId());
        assertThat(preview.get("effect").asText()).isEqualTo("FAIL_AGAIN");
        assertThat(preview.get("explanation").asText()).contains("WMS feed Rotterdam port is down")
                .contains("SKU " + stalled.getSku() + " at WH-2");

        Api.Response replay = api.postWithKey("/v1/failures/" + stalled.getId() + "/replay", ops, null, "{}");
        assertThat(replay.json().get("outcome").asText()).isEqualTo("FAILED");
        assertThat(replay.json().get("effect").asText()).isEqualTo("FAIL_AGAIN");
        // The preview told the very reason the replay then gives.
        assertThat(preview.get("explanation").asText()).endsWith(replay.json().get("message").asText());
        assertThat(wms(stalled)).isEqualTo(wmsBefore);
    }

    @Test
    void aHealthyPairsPreviewAndReplayAgree() {
        String ops = api.token(TestSandboxes.demo(server, "ops"));
        List<FailureRecord> healthy = server.dsl().selectFrom(FAILURE).where(FAILURE.QUEUE.eq("INVENTORY_SYNC"))
                .and(FAILURE.WAREHOUSE.ne("WH-2")).and(FAILURE.STATUS.eq("OPEN")).orderBy(FAILURE.ID)
                .limit(12).fetch();
        assertThat(healthy).hasSizeGreaterThanOrEqualTo(5);
        int synced = 0;
        for (FailureRecord f : healthy) {
            String predicted = previewOf(ops, f.getId()).get("effect").asText();
            JsonNode result = api.postWithKey("/v1/failures/" + f.getId() + "/replay", ops, null, "{}").json();
            assertThat(result.get("effect").asText()).as("%s (%s)", f.getId(), f.getReason()).isEqualTo(predicted);
            assertThat(result.get("outcome").asText())
                    .isEqualTo(predicted.equals("SYNC_STOCK") ? "SUCCEEDED" : "FAILED");
            if (predicted.equals("SYNC_STOCK")) {
                synced++;
                var pair = server.dsl().selectFrom(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(f.getSku()))
                        .and(STOCK_PAIR.WAREHOUSE.eq(f.getWarehouse())).fetchSingle();
                assertThat(pair.getDrift()).isZero();
            }
        }
        assertThat(synced).as("replays that synced their pair").isPositive();
    }

    private static int wms(FailureRecord f) {
        return server.dsl().select(STOCK_PAIR.WMS_QTY).from(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(f.getSku()))
                .and(STOCK_PAIR.WAREHOUSE.eq(f.getWarehouse())).fetchSingle(STOCK_PAIR.WMS_QTY);
    }
}
