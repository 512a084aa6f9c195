package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The count is blind: whatever the counter asks of {@code /v1/stock-counts…}, no answer carries what is expected on the
 * shelf. The sheet's SKUs get on-hand quantities and versions no answer could hold by chance; then every stock-count
 * endpoint a counter can call is called (successes and refusals alike), and each answer is scanned for those numbers
 * and for any property that names a quantity, an expectation, an on-hand or a version other than the record's own.
 */
class StockCountBlindTest {

    /** Property names that would give the expected number away; {@code counted} is the counter's own number. */
    private static final Pattern TELLING = Pattern.compile(".*(quantity|expected|onhand|on_hand|qty|platform|stock"
            + "|atstart|before|after|system|erp|wms).*");

    private static SandboxServer server;
    private static Api api;
    private static final Set<Long> SECRETS = new HashSet<>();
    private static final List<String> SKUS = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0));
        api = new Api(server);
        for (int i = 0; i < 6; i++) {
            String sku = "SKU-" + (100_070 + i);
            long quantity = 48_611 + 17L * i;
            long version = 930_001 + i;
            server.dsl().update(STOCK_PAIR).set(STOCK_PAIR.PLATFORM_QTY, (int) quantity)
                    .set(STOCK_PAIR.PLATFORM_VERSION, version).where(STOCK_PAIR.SKU.eq(sku))
                    .and(STOCK_PAIR.WAREHOUSE.eq("WH-1")).execute();
            SKUS.add(sku);
            SECRETS.add(quantity);
            SECRETS.add(version);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void noAnswerToTheCounterCarriesTheExpectedQuantity() {
        String warehouse = api.token(TestSandboxes.demo(server, "warehouse"));
        StockCountSteps steps = new StockCountSteps(api);
        String ean = server.dsl().select(SKU.EAN).from(SKU).where(SKU.SKU_.eq(SKUS.get(1))).fetchOne(SKU.EAN);

        String countId = steps.started(warehouse, "WH-1", SKUS.subList(0, 5));
        steps.startZone(warehouse, "WH-1", "A");
        steps.get(warehouse, "/v1/stock-counts", "/v1/stock-counts");
        steps.get(warehouse, "/v1/stock-counts?warehouse=WH-1&state=OPEN&limit=1", "/v1/stock-counts");
        steps.get(warehouse, "/v1/stock-counts/" + countId, "/v1/stock-counts/{countId}");
        steps.get(warehouse, "/v1/stock-counts/" + countId + "/lines", "/v1/stock-counts/{countId}/lines");
        steps.get(warehouse, "/v1/stock-counts/" + countId + "/lines?limit=2", "/v1/stock-counts/{countId}/lines");
        steps.entries(warehouse, countId, SKUS.get(0), 3, ean, 4, SKUS.get(0), 2);
        steps.entries(warehouse, countId, SKUS.get(5), 1);
        steps.entries(warehouse, countId, "NO-SUCH-CODE", 1);
        steps.entries(warehouse, countId, SKUS.get(2), -1);
        steps.get(warehouse, "/v1/stock-counts/" + countId + "/lines?q=" + SKUS.get(0),
                "/v1/stock-counts/{countId}/lines");
        steps.get(warehouse, "/v1/stock-counts/" + countId + "/lines?q=" + ean, "/v1/stock-counts/{countId}/lines");
        steps.get(warehouse, "/v1/stock-counts/" + countId + "/lines?uncounted=true",
                "/v1/stock-counts/{countId}/lines");
        steps.get(warehouse, "/v1/stock-counts/" + countId + "/lines?uncounted=false",
                "/v1/stock-counts/{countId}/lines");
        steps.get(warehouse, "/v1/stock-counts/" + countId + "/entries", "/v1/stock-counts/{countId}/entries");
        steps.get(warehouse, "/v1/stock-counts/" + countId + "/entries?sku=" + SKUS.get(0),
                "/v1/stock-counts/{countId}/entries");
        steps.submit(warehouse, countId, false);
        String other = steps.started(warehouse, "WH-1", SKUS.subList(3, 5));
        steps.cancel(warehouse, other, "Started the wrong list");
        steps.submit(warehouse, countId, true);

        assertThat(steps.answers).hasSizeGreaterThan(20);
        List<String> leaks = new ArrayList<>();
        for (Api.Response r : steps.answers) {
            scan(r.json(), "$", leaks);
        }
        assertThat(leaks).as("what the counter's answers give away").isEmpty();
        assertThat(steps.answers.stream().map(Api.Response::status).distinct())
                .contains(200, 201, 409, 422);
    }

    private static void scan(JsonNode node, String path, List<String> leaks) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                String name = f.getKey().toLowerCase(Locale.ROOT);
                String at = path + "." + f.getKey();
                boolean ownVersion = name.equals("version") && node.has("id");
                // An entry's quantity is what the counter entered, not what is expected.
                boolean entered = name.equals("quantity") && node.has("source");
                if (name.contains("version") && !ownVersion || TELLING.matcher(name).matches() && !entered) {
                    leaks.add(at + " is a property that tells");
                }
                scan(f.getValue(), at, leaks);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scan(node.get(i), path + "[" + i + "]", leaks);
            }
        } else if (node.isIntegralNumber() && SECRETS.contains(node.asLong())) {
            leaks.add(path + " = " + node.asLong());
        } else if (node.isTextual()) {
            for (long secret : SECRETS) {
                if (Pattern.compile("\\b" + secret + "\\b").matcher(node.asText()).find()) {
                    leaks.add(path + " mentions " + secret);
                }
            }
        }
    }
}
