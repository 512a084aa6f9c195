package dev.opsdesk.sandbox.inventory;

import static dev.opsdesk.sandbox.db.Tables.SYNC_RUN;

import dev.opsdesk.sandbox.db.tables.records.IntegrationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The health of each integration from its sync runs: the last run and the last successful one, the lag of that one
 * (how old the data it carried was), and the runs, items and errors of the last hour.
 * <ul>
 *   <li>{@code DOWN}: switched off, or no successful run for three intervals;</li>
 *   <li>{@code DEGRADED}: 5 % or more of the last hour's items failed, or the lag is longer than the interval;</li>
 *   <li>{@code OK} otherwise.</li>
 * </ul>
 */
public final class IntegrationHealth {

    public static final String OK = "OK";
    public static final String DEGRADED = "DEGRADED";
    public static final String DOWN = "DOWN";

    private IntegrationHealth() {
    }

    public static List<InventoryViews.Integration> of(DSLContext dsl, List<IntegrationRecord> integrations,
                                                      Instant now) {
        List<InventoryViews.Integration> result = new ArrayList<>(integrations.size());
        for (IntegrationRecord i : integrations) {
            var last = dsl.select(SYNC_RUN.STARTED_AT).from(SYNC_RUN).where(SYNC_RUN.INTEGRATION_ID.eq(i.getId()))
                    .orderBy(SYNC_RUN.STARTED_AT.desc()).limit(1).fetchOne(SYNC_RUN.STARTED_AT);
            var success = dsl.selectFrom(SYNC_RUN).where(SYNC_RUN.INTEGRATION_ID.eq(i.getId()))
                    .and(SYNC_RUN.STATUS.eq("SUCCEEDED")).orderBy(SYNC_RUN.STARTED_AT.desc()).limit(1).fetchOne();
            var hour = dsl.select(DSL.count(), DSL.sum(SYNC_RUN.ITEMS), DSL.sum(SYNC_RUN.ERRORS)).from(SYNC_RUN)
                    .where(SYNC_RUN.INTEGRATION_ID.eq(i.getId()))
                    .and(SYNC_RUN.STARTED_AT.ge(StockStore.utc(now.minus(Duration.ofHours(1))))).fetchOne();
            int runs = hour.value1();
            int items = hour.value2() == null ? 0 : hour.value2().intValue();
            int errors = hour.value3() == null ? 0 : hour.value3().intValue();
            double rate = items == 0 ? (errors > 0 ? 1.0 : 0.0) : Math.min(1.0, (double) errors / items);
            Instant lastSuccess = success == null ? null : StockStore.instant(success.getFinishedAt());
            Integer lag = success == null ? null : success.getLagSeconds();
            result.add(new InventoryViews.Integration(i.getId(), StockSystem.valueOf(i.getSystem()), i.getWarehouse(),
                    i.getName(), i.getIntervalSeconds(), status(i, lastSuccess, lag, rate, now),
                    StockStore.instant(last), lastSuccess, lag, runs, items, errors, Math.round(rate * 1000) / 1000.0));
        }
        return result;
    }

    static String status(IntegrationRecord i, Instant lastSuccess, Integer lagSeconds, double errorRate,
                         Instant now) {
        Duration interval = Duration.ofSeconds(i.getIntervalSeconds());
        if (i.getDown() || lastSuccess == null || lastSuccess.isBefore(now.minus(interval.multipliedBy(3)))) {
            return DOWN;
        }
        if (errorRate >= 0.05 || lagSeconds != null && lagSeconds > i.getIntervalSeconds()) {
            return DEGRADED;
        }
        return OK;
    }

    /** Worse first: DOWN, DEGRADED, OK. */
    public static int rank(String status) {
        return switch (status) {
            case DOWN -> 0;
            case DEGRADED -> 1;
            default -> 2;
        };
    }
}
