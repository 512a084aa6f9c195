package dev.opsdesk.sandbox.inventory;

import static dev.opsdesk.sandbox.db.Tables.INTEGRATION;

import dev.opsdesk.sandbox.db.tables.records.IntegrationRecord;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The integrations as they are now (a handful of rows, read per request): which one feeds which system of which
 * warehouse, and its interval — what "stale" and "stuck" are measured against.
 */
public record IntegrationCatalog(List<IntegrationRecord> all) {

    public static final String PLATFORM_ID = "platform";
    public static final String ERP_ID = "erp";

    public static String wmsId(String warehouse) {
        return "wms-" + warehouse;
    }

    public static IntegrationCatalog load(DSLContext dsl) {
        return new IntegrationCatalog(dsl.selectFrom(INTEGRATION).orderBy(INTEGRATION.ID).fetch());
    }

    public Optional<IntegrationRecord> find(String id) {
        return all.stream().filter(i -> i.getId().equals(id)).findFirst();
    }

    /** The integration that feeds {@code system}'s number at {@code warehouse}. */
    public Optional<IntegrationRecord> feeding(StockSystem system, String warehouse) {
        return find(switch (system) {
            case PLATFORM -> PLATFORM_ID;
            case ERP -> ERP_ID;
            case WMS -> wmsId(warehouse);
        });
    }

    /** The interval of the integration feeding {@code system} at {@code warehouse} (an hour if there is none). */
    public Duration interval(StockSystem system, String warehouse) {
        return feeding(system, warehouse).map(i -> Duration.ofSeconds(i.getIntervalSeconds()))
                .orElse(Duration.ofHours(1));
    }

    /** Per warehouse, the interval of its WMS feed. */
    public Map<String, Duration> wmsIntervals() {
        Map<String, Duration> m = new LinkedHashMap<>();
        for (IntegrationRecord i : all) {
            if (i.getSystem().equals(StockSystem.WMS.name()) && i.getWarehouse() != null) {
                m.put(i.getWarehouse(), Duration.ofSeconds(i.getIntervalSeconds()));
            }
        }
        return m;
    }
}
