package dev.opsdesk.sandbox;

import static dev.opsdesk.sandbox.db.Tables.SKU;
import static dev.opsdesk.sandbox.db.Tables.STOCK_PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.inventory.Drift;
import dev.opsdesk.sandbox.inventory.InventoryViews;
import dev.opsdesk.sandbox.inventory.StockQuery;
import dev.opsdesk.sandbox.inventory.StockStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stock list picks its plan (one warehouse's index read in order, one read per warehouse merged, matching SKUs
 * listed or tested on each row): whatever the plan, paging through a search gives exactly the pairs that match, in the
 * list's order, each once — checked against the database for every sort, a warehouse user's two warehouses and one
 * warehouse, with the text searched both ways (as few SKUs listed and as many tested on the rows).
 */
class InventoryListPlansTest {

    private static SandboxServer server;
    private static List<Record> pairs;

    @BeforeAll
    static void start() {
        server = TestSandboxes.shared();
        pairs = server.dsl().select(STOCK_PAIR.SKU, STOCK_PAIR.WAREHOUSE, STOCK_PAIR.DRIFT,
                        STOCK_PAIR.OLDEST_SYNCED_AT, STOCK_PAIR.STUCK_AFTER, SKU.NAME)
                .from(STOCK_PAIR).join(SKU).on(SKU.SKU_.eq(STOCK_PAIR.SKU)).fetch().stream().map(r -> (Record) r)
                .toList();
    }

    private static final Scopes.Filter TWO_WAREHOUSES = new Scopes.Filter(false, null, Set.of("WH-1", "WH-2"), null,
            null, false, null, null);

    /** What a search must list, worked out from every pair. */
    private static List<String> expected(String q, StockQuery.Sort sort, Set<String> warehouses, boolean stuckOnly,
                                         Instant now) {
        String upper = q.toUpperCase(Locale.ROOT);
        Comparator<Record> order = switch (sort) {
            case DRIFT -> Comparator.comparing((Record r) -> r.get(STOCK_PAIR.DRIFT)).reversed();
            case SKU -> (a, b) -> 0;
            case OLDEST_SYNC -> Comparator.comparing((Record r) -> r.get(STOCK_PAIR.OLDEST_SYNCED_AT));
        };
        order = order.thenComparing(r -> r.get(STOCK_PAIR.SKU)).thenComparing(r -> r.get(STOCK_PAIR.WAREHOUSE));
        return pairs.stream()
                .filter(r -> r.get(STOCK_PAIR.SKU).startsWith(upper)
                        || r.get(SKU.NAME).toUpperCase(Locale.ROOT).contains(upper))
                .filter(r -> warehouses == null || warehouses.contains(r.get(STOCK_PAIR.WAREHOUSE)))
                .filter(r -> !stuckOnly || r.get(STOCK_PAIR.DRIFT) > 0
                        && r.get(STOCK_PAIR.STUCK_AFTER).toInstant().isBefore(now))
                .sorted(order).map(r -> r.get(STOCK_PAIR.WAREHOUSE) + "/" + r.get(STOCK_PAIR.SKU)).toList();
    }

    /** Every page of the search, seven rows at a time. */
    private static List<String> paged(StockStore store, StockQuery query, StockQuery.Sort sort, Instant now) {
        List<String> keys = new ArrayList<>();
        StockQuery.After after = null;
        for (int page = 0; page < 500; page++) {
            StockStore.Page p = store.list(query, sort, after, 7, now);
            p.items().forEach(i -> keys.add(i.warehouse() + "/" + i.sku()));
            if (!p.hasMore()) {
                return keys;
            }
            InventoryViews.StockPair last = p.items().get(p.items().size() - 1);
            after = new StockQuery.After(StockStore.sortValue(sort, last), last.sku(), last.warehouse());
        }
        throw new AssertionError("does not end");
    }

    @Test
    void everyPlanPagesThroughExactlyTheMatchingPairsInTheListsOrder() {
        Instant now = server.options().clock().instant();
        StockStore listed = new StockStore(server.dsl(), StockStore.FEW_SKUS);
        StockStore tested = new StockStore(server.dsl(), 0);
        int checked = 0;
        for (String q : List.of("jacket", "NAVY, m", "ck", "SKU-1000", "rain jacket, sand")) {
            for (StockQuery.Sort sort : StockQuery.Sort.values()) {
                for (Scopes.Filter scope : List.of(Scopes.Filter.EVERYTHING, TWO_WAREHOUSES)) {
                    Set<String> within = scope.warehouses();
                    for (Set<String> warehouses : java.util.Arrays.asList(null, Set.of("WH-2"))) {
                        Set<String> effective = warehouses == null ? within : warehouses;
                        for (boolean stuck : List.of(false, true)) {
                            StockQuery query = new StockQuery(warehouses, q, null, null,
                                    stuck ? Drift.State.STUCK : null, null, null, null, null, scope);
                            List<String> want = expected(q, sort, effective, stuck, now);
                            String what = q + " by " + sort + " in " + effective + (stuck ? " stuck" : "");
                            assertThat(paged(listed, query, sort, now)).as("listed: " + what).isEqualTo(want);
                            assertThat(paged(tested, query, sort, now)).as("tested: " + what).isEqualTo(want);
                            checked += want.size();
                        }
                    }
                }
            }
        }
        assertThat(checked).as("the searches found pairs").isGreaterThan(100);
    }

    @Test
    void aResyncOfEverythingMatchingASearchTakesExactlyTheMatchingPairs() {
        Instant now = server.options().clock().instant();
        for (String q : List.of("jacket", "ck", "SKU-1000")) {
            StockQuery query = new StockQuery(null, q, null, null, null, null, null, null, null,
                    Scopes.Filter.EVERYTHING);
            List<String> want = expected(q, StockQuery.Sort.SKU, null, false, now);
            assertThat(new StockStore(server.dsl(), StockStore.FEW_SKUS).keys(query, 100_000, now)).as(q)
                    .isEqualTo(want);
            assertThat(new StockStore(server.dsl(), 0).keys(query, 100_000, now)).as(q).isEqualTo(want);
        }
    }
}
