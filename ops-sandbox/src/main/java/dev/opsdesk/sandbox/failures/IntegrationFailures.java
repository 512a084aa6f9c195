package dev.opsdesk.sandbox.failures;

import dev.opsdesk.sandbox.events.EventHub;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Failures the platform's own integrations record: an inventory sync the ERP or WMS rejected, a fulfillment export
 * the ERP or a carrier rejected. (The sandbox has no real ERP; the traffic simulator calls these.)
 */
public final class IntegrationFailures {

    private final DSLContext dsl;
    private final FailureStore store;
    private final EventHub events;
    private final Clock clock;

    IntegrationFailures(DSLContext dsl, FailureStore store, EventHub events, Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Records a failed stock sync of {@code sku} at {@code warehouse}; returns the failure id. */
    public String inventorySyncFailed(String sku, String warehouse, Reason reason, String message, int onHandPlatform,
                                      int onHandErp) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String run = inventorySyncRun(now, warehouse);
        String payload = inventorySyncPayload(run, sku, warehouse, onHandPlatform, onHandErp);
        return record(new FailureStore.NewFailure(Queue.INVENTORY_SYNC, FailureStatus.OPEN, reason, message, null,
                null, null, null, null, sku, warehouse, null, null, payload,
                Map.of("content-type", "application/json", "x-sync-run", run), now, "system:inventory-sync",
                statusCode(reason), 30));
    }

    /** The sync run a failed stock sync at {@code at} belongs to, e.g. {@code SR-2026112109-WH-2}. */
    public static String inventorySyncRun(Instant at, String warehouse) {
        return "SR-" + at.toString().substring(0, 13).replaceAll("[^0-9]", "") + "-" + warehouse;
    }

    /** The stored payload of a failed stock sync: the run, the pair and the numbers it tried to sync. */
    public static String inventorySyncPayload(String run, String sku, String warehouse, int onHandPlatform,
                                              int onHandErp) {
        return "{\"syncRun\":\"" + run + "\",\"sku\":\"" + sku + "\",\"warehouse\":\"" + warehouse
                + "\",\"target\":\"ERP\",\"onHand\":{\"platform\":" + onHandPlatform + ",\"erp\":" + onHandErp
                + ",\"wms\":" + onHandPlatform + "}}";
    }

    /** Records a rejected shipment export for {@code orderNumber}; returns the failure id. */
    public String fulfillmentExportFailed(String orderNumber, String carrier, Reason reason, String message) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String payload = "{\"orderNumber\":\"" + orderNumber + "\",\"carrier\":\"" + carrier
                + "\",\"parcels\":1,\"address\":{\"country\":\"NL\",\"postcode\":\"1012\"}}";
        return record(new FailureStore.NewFailure(Queue.FULFILLMENT_EXPORT, FailureStatus.OPEN, reason, message, null,
                null, null, orderNumber, null, null, null, null, null, payload,
                Map.of("content-type", "application/json", "x-export-batch", "EX-" + now.getEpochSecond() / 900),
                now, "system:fulfillment-export", statusCode(reason), 45));
    }

    private String record(FailureStore.NewFailure failure) {
        String id = dsl.transactionResult(c -> store.insert(c.dsl(), failure));
        FailureEvents.created(events, store.view(id));
        return id;
    }

    private static int statusCode(Reason reason) {
        return switch (reason) {
            case WMS_UNAVAILABLE -> 503;
            case DOWNSTREAM_TIMEOUT -> 504;
            case SCHEMA_INVALID -> 400;
            default -> 422;
        };
    }
}
