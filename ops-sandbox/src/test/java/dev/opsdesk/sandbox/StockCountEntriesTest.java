package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_COUNT_ENTRY;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Entries as counters make them: several rows for one SKU add up (and stay apart as evidence), a code the catalogue
 * does not know refuses the whole request naming the entry, a total below zero is refused, a SKU that was not on the
 * sheet joins it; a count with lines nobody counted is not submitted unless they are taken as zero.
 */
class StockCountEntriesTest {

    private final SandboxServer server = TestSandboxes.shared();
    private final Api api = new Api(server);
    private final StockCountSteps steps = new StockCountSteps(api);

    private String token(String role) {
        return api.token(TestSandboxes.demo(server, role));
    }

    /** SKUs of WH-2 by number: each test takes its own. */
    private static List<String> skus(int from, int n) {
        return java.util.stream.IntStream.range(from, from + n).mapToObj(i -> "SKU-" + (100_000 + i)).toList();
    }

    private int entriesStored(String countId) {
        return server.dsl().fetchCount(STOCK_COUNT_ENTRY, STOCK_COUNT_ENTRY.COUNT_ID.eq(countId));
    }

    @Test
    void severalRowsForOneSkuAddUpAndAreKeptApart() {
        String warehouse = token("warehouse");
        List<String> skus = skus(60, 2);
        String countId = steps.started(warehouse, "WH-2", skus);
        String ean = server.dsl().select(SKU.EAN).from(SKU).where(SKU.SKU_.eq(skus.get(0))).fetchOne(SKU.EAN);
        Api.Response first = steps.entries(warehouse, countId, skus.get(0), 10, ean, 5);
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(first.json().at("/lines/0/counted").asInt()).isEqualTo(15);
        assertThat(first.json().at("/lines/0/entries").asInt()).isEqualTo(2);
        // A second counter, and a correction of one too many.
        String admin = token("admin");
        steps.entries(admin, countId, skus.get(0), 4, skus.get(0), -1);
        JsonNode line = steps.get(warehouse, "/v1/stock-counts/" + countId + "/lines?q=" + skus.get(0),
                "/v1/stock-counts/{countId}/lines").json().at("/items/0");
        assertThat(line.get("counted").asInt()).isEqualTo(18);
        assertThat(line.get("entries").asInt()).isEqualTo(4);
        JsonNode evidence = steps.get(warehouse, "/v1/stock-counts/" + countId + "/entries?sku=" + skus.get(0),
                "/v1/stock-counts/{countId}/entries").json().get("items");
        assertThat(evidence).hasSize(4);
        assertThat(evidence.get(1).get("code").asText()).isEqualTo(ean);
        assertThat(evidence.get(2).get("by").asText()).isEqualTo("admin");
        assertThat(evidence.get(3).get("source").asText()).isEqualTo("CORRECTION");
        JsonNode count = steps.get(warehouse, "/v1/stock-counts/" + countId, "/v1/stock-counts/{countId}").json();
        assertThat(count.get("countedLines").asInt()).isEqualTo(1);
        assertThat(count.get("entries").asInt()).isEqualTo(4);
        JsonNode uncounted = steps.get(warehouse, "/v1/stock-counts/" + countId + "/lines?uncounted=true",
                "/v1/stock-counts/{countId}/lines").json().get("items");
        assertThat(uncounted).hasSize(1);
        assertThat(uncounted.get(0).get("sku").asText()).isEqualTo(skus.get(1));
    }

    @Test
    void anUnknownCodeRefusesTheWholeRequestNamingTheEntry() {
        String warehouse = token("warehouse");
        String countId = steps.started(warehouse, "WH-2", skus(62, 2));
        Api.Response r = steps.entries(warehouse, countId, "SKU-100062", 3, "4009999999999", 1, "SKU-100063", 2);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.problemType()).isEqualTo("validation");
        assertThat(r.json().get("errors")).hasSize(1);
        assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("entries[1].code");
        assertThat(r.json().at("/errors/0/message").asText()).contains("4009999999999");
        assertThat(entriesStored(countId)).as("nothing stored").isZero();
    }

    @Test
    void aTotalBelowZeroIsRefused() {
        String warehouse = token("warehouse");
        String countId = steps.started(warehouse, "WH-2", skus(64, 1));
        steps.entries(warehouse, countId, "SKU-100064", 2);
        Api.Response r = steps.entries(warehouse, countId, "SKU-100064", -1, "SKU-100064", -2);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("entries[1].quantity");
        assertThat(r.json().at("/errors/0/message").asText()).contains("-1", "below 0");
        assertThat(entriesStored(countId)).isEqualTo(1);
    }

    @Test
    void aCatalogueSkuNotOnTheSheetJoinsItAsAddedByTheCount() {
        String warehouse = token("warehouse");
        String countId = steps.started(warehouse, "WH-2", skus(66, 1));
        Api.Response r = steps.entries(warehouse, countId, "SKU-100067", 4);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().at("/lines/0/addedByCount").asBoolean()).isTrue();
        assertThat(r.json().at("/count/lines").asInt()).isEqualTo(2);
        steps.entries(warehouse, countId, "SKU-100066", 1);
        String runId = steps.submit(warehouse, countId, false).json().get("id").asText();
        assertThat(steps.exceptions(warehouse, runId).get("SKU-100067").get("category").asText())
                .isEqualTo("UNKNOWN_SKU");
    }

    @Test
    void submitIsRefusedWithUncountedLinesUnlessTheyAreTakenAsZero() {
        String warehouse = token("warehouse");
        List<String> skus = skus(68, 3);
        String countId = steps.started(warehouse, "WH-2", skus);
        steps.entries(warehouse, countId, skus.get(0), 1);
        Api.Response refused = steps.submit(warehouse, countId, false);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problemType()).isEqualTo("count-incomplete");
        assertThat(refused.json().get("uncountedLines").asInt()).isEqualTo(2);
        assertThat(steps.get(warehouse, "/v1/stock-counts/" + countId, "/v1/stock-counts/{countId}").json()
                .get("state").asText()).isEqualTo("OPEN");

        Api.Response submitted = steps.submit(warehouse, countId, true);
        assertThat(submitted.status()).as("%s", submitted).isEqualTo(200);
        String runId = submitted.json().get("id").asText();
        JsonNode count = steps.get(warehouse, "/v1/stock-counts/" + countId, "/v1/stock-counts/{countId}").json();
        assertThat(count.get("state").asText()).isEqualTo("SUBMITTED");
        assertThat(count.get("runId").asText()).isEqualTo(runId);
        int onHand = server.dsl().select(STOCK_PAIR.PLATFORM_QTY).from(STOCK_PAIR).where(STOCK_PAIR.SKU.eq(skus.get(1)))
                .and(STOCK_PAIR.WAREHOUSE.eq("WH-2")).fetchOne(STOCK_PAIR.PLATFORM_QTY);
        if (onHand != 0) {
            assertThat(steps.exceptions(warehouse, runId).get(skus.get(1)).get("actual").asInt()).isZero();
        }
        Api.Response again = steps.entries(warehouse, countId, skus.get(0), 1);
        assertThat(again.status()).as("a submitted count takes no entries").isEqualTo(409);
    }

    @Test
    void aWarehouseUserCountsOnlyInTheirWarehousesAndAListCodeUnknownIsNamed() {
        String warehouse = token("warehouse");
        Api.Response outside = steps.start(warehouse, "WH-3", List.of("SKU-100001"));
        assertThat(outside.status()).isEqualTo(403);
        Api.Response unknown = steps.start(warehouse, "WH-1", List.of("SKU-100001", "NO-SUCH-SKU"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("codes[1]");
        assertThat(unknown.json().at("/errors/0/message").asText()).contains("NO-SUCH-SKU");
        // Finance reads counts, never counts.
        String finance = token("finance");
        assertThat(steps.get(finance, "/v1/stock-counts?warehouse=WH-1", "/v1/stock-counts").status())
                .isEqualTo(200);
        assertThat(steps.start(finance, "WH-1", List.of("SKU-100001")).status()).isEqualTo(403);
    }
}
