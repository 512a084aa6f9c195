package dev.opsdesk.sandbox.inventory;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.db.tables.records.StockPairRecord;
import dev.opsdesk.sandbox.events.EventHub;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The shop's own stock movements: an order picked lowers the platform's number, a receipt or a return raises it. The
 * warehouse system and the ERP learn of it through their next sync ({@link IntegrationRuns}), so each movement leaves
 * its pair drifting (settling) until then. The sandbox has no real shop floor; the traffic simulator calls this.
 */
public final class PlatformMovements {

    /** What moved stock. */
    public enum Cause {
        ORDER, RECEIPT, RETURN
    }

    /** One movement of one pair by a signed amount. */
    public record Move(String sku, String warehouse, int delta, Cause cause) {
    }

    private final DSLContext dsl;
    private final StockStore store;
    private final EventHub events;

    public PlatformMovements(DSLContext dsl, StockStore store, EventHub events) {
        this.dsl = dsl;
        this.store = store;
        this.events = events;
    }

    /**
     * Applies {@code moves} in one transaction (each pair under its row lock; a pair that does not exist is left out),
     * an {@code inventory.moved} audit event each as the transaction's last write; then publishes the pairs.
     *
     * @return how many were applied
     */
    public int apply(List<Move> moves, Instant now) {
        if (moves.isEmpty()) {
            return 0;
        }
        IntegrationCatalog catalog = IntegrationCatalog.load(dsl);
        List<Move> applied = dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            List<Move> done = new ArrayList<>();
            List<AuditEntry> audit = new ArrayList<>();
            // The warehouses' drift totals move once for the batch of movements, not once a pair.
            StockPairs.Totals totals = new StockPairs.Totals();
            for (Move m : moves) {
                StockPairRecord before = StockPairs.lock(tx, m.sku(), m.warehouse());
                if (before == null) {
                    continue;
                }
                int quantity = before.getPlatformQty() + m.delta();
                StockPairRecord after = before.copy();
                after.setPlatformQty(quantity);
                after.setPlatformVersion(before.getPlatformVersion() + 1);
                after.setPlatformSyncedAt(StockStore.utc(now));
                StockPairs.store(tx, catalog, before, after, now, totals);
                StockPairs.history(tx, m.sku(), m.warehouse(), StockSystem.PLATFORM, now, quantity, "MOVEMENT");
                audit.add(AuditEntry.bySystem(now, m.cause() == Cause.RECEIPT ? "warehouse" : "storefront",
                                "inventory.moved", "stock", StockResync.key(m.warehouse(), m.sku()))
                        .warehouse(m.warehouse()).sku(m.sku())
                        .with("cause", m.cause().name()).with("delta", (long) m.delta())
                        .change(AuditEntry.values("quantity", (long) before.getPlatformQty(),
                                        "version", before.getPlatformVersion()),
                                AuditEntry.values("quantity", (long) quantity,
                                        "version", before.getPlatformVersion() + 1)));
                done.add(m);
            }
            totals.apply(tx);
            if (!audit.isEmpty()) {
                AuditLog.append(tx, audit);
            }
            return done;
        });
        for (Move m : applied) {
            store.find(m.sku(), m.warehouse(), now).ifPresent(p -> InventoryEvents.stockChanged(events, p));
        }
        return applied.size();
    }
}
