package dev.opsdesk.sandbox.seed;

import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.reconciliation.ReconService;
import dev.opsdesk.sandbox.stockcount.StockCountViews;
import dev.opsdesk.sandbox.stockcount.StockCounts;
import java.time.Clock;
import java.util.List;

/**
 * One count in progress, so that the count screens have something to show on first start: C-000001, zone A of WH-1,
 * started by the demo warehouse user, a few lines counted (one SKU by two rows that add up, one scanned by its EAN).
 * Made through the service, as a counter would; nothing else, so that seeding stays fast.
 */
public final class StockCountSeeder {

    private StockCountSeeder() {
    }

    public static void seed(org.jooq.DSLContext dsl, Clock clock, List<Seeder.SeedUser> users) {
        Seeder.SeedUser counter = users.stream().filter(u -> u.demo() && u.role() == RoleName.WAREHOUSE).findFirst()
                .orElseThrow();
        Scopes who = Scopes.ofRoles(counter.username(), List.of(counter.role()), counter.warehouses());
        StockCounts counts = new StockCounts(dsl, clock, new ReconService(dsl, clock));
        StockCountViews.Count count = counts.start(who, "WH-1", "ZONE", "A", List.of());
        List<String> skus = counts.sheet(who, count.id(), null, null, null, 4).items().stream()
                .map(StockCountViews.Line::sku).toList();
        String ean = counts.sheet(who, count.id(), null, null, null, 4).items().get(3).ean();
        counts.addEntries(who, count.id(), List.of(
                new StockCountViews.EntryInput(skus.get(0), 12, "KEYED", null),
                new StockCountViews.EntryInput(skus.get(1), 20, "SCANNED", null),
                new StockCountViews.EntryInput(skus.get(1), 7, "SCANNED", null),
                new StockCountViews.EntryInput(skus.get(2), 0, "KEYED", null),
                new StockCountViews.EntryInput(ean, 31, "SCANNED", null)), null);
    }
}
