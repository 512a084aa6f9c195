package dev.opsdesk.sandbox.inventory;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Target;
import dev.opsdesk.sandbox.events.Audience;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.events.Topic;

/** What inventory publishes on the live stream (topic {@code inventory}), to the readers of the pair's warehouse. */
public final class InventoryEvents {

    public static final String STOCK_CHANGED = "stock.changed";

    private InventoryEvents() {
    }

    public static void stockChanged(EventHub hub, InventoryViews.StockPair pair) {
        hub.publish(Topic.INVENTORY, STOCK_CHANGED,
                Audience.of(Permission.INVENTORY_READ, Target.inWarehouse(pair.warehouse())), "stock", pair);
    }
}
