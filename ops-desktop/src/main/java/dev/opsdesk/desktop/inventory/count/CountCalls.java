package dev.opsdesk.desktop.inventory.count;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.StockCount;
import dev.opsdesk.client.model.StockFilter;
import dev.opsdesk.client.model.StockSort;

import java.util.List;
import java.util.Optional;

/**
 * The server calls counting needs, as one small interface: the application passes the client's
 * ({@link #of(OpsClient)}); view-model tests pass a fake that can fail like a lost connection. Blocking: call on
 * a worker thread.
 */
public interface CountCalls {

    Page<StockCount.Count> counts(String warehouse, StockCount.State state, PageRequest page);

    StockCount.Count start(String warehouse, StockCount.Scope scope, String zone, List<String> codes,
                           RequestOptions action);

    StockCount.Count count(String countId);

    Page<StockCount.Line> lines(String countId, String q, Boolean uncounted, PageRequest page);

    StockCount.EntriesResult addEntries(String countId, List<StockCount.EntryInput> entries, String fileName,
                                        RequestOptions action);

    Reconciliation.Run submit(String countId, boolean uncountedAsZero, RequestOptions action);

    StockCount.Count cancel(String countId, String reason, RequestOptions action);

    /**
     * A catalogue SKU or EAN that is not on the count sheet, in the count's warehouse: its SKU and name, or empty
     * when the catalogue does not know it. (The server adds such a SKU to the sheet when it is counted.)
     */
    Optional<StockCount.Line> catalogue(String warehouse, String code);

    /** Through the client's {@code stockCounts()} and, for the catalogue, its {@code inventory()}. */
    static CountCalls of(OpsClient client) {
        var counts = client.stockCounts();
        return new CountCalls() {
            @Override
            public Page<StockCount.Count> counts(String warehouse, StockCount.State state, PageRequest page) {
                return counts.counts(warehouse, state, page);
            }

            @Override
            public StockCount.Count start(String warehouse, StockCount.Scope scope, String zone, List<String> codes,
                                          RequestOptions action) {
                return counts.start(warehouse, scope, zone, codes, action);
            }

            @Override
            public StockCount.Count count(String countId) {
                return counts.count(countId);
            }

            @Override
            public Page<StockCount.Line> lines(String countId, String q, Boolean uncounted, PageRequest page) {
                return counts.lines(countId, q, uncounted, page);
            }

            @Override
            public StockCount.EntriesResult addEntries(String countId, List<StockCount.EntryInput> entries,
                                                       String fileName, RequestOptions action) {
                return counts.addEntries(countId, entries, fileName, action);
            }

            @Override
            public Reconciliation.Run submit(String countId, boolean uncountedAsZero, RequestOptions action) {
                return counts.submit(countId, uncountedAsZero, action);
            }

            @Override
            public StockCount.Count cancel(String countId, String reason, RequestOptions action) {
                return counts.cancel(countId, reason, action);
            }

            @Override
            public Optional<StockCount.Line> catalogue(String warehouse, String code) {
                Page<Inventory.StockPair> page = client.inventory().stock(StockFilter.none().withWarehouse(warehouse)
                        .withText(code), StockSort.SKU, PageRequest.first(20));
                return page.items().stream()
                        .filter(p -> p.sku().equalsIgnoreCase(code) || code.equals(p.ean()))
                        .findFirst()
                        .map(p -> new StockCount.Line(p.sku(), p.ean(), p.name(), p.unit(), null, null, 0, true));
            }
        };
    }
}
