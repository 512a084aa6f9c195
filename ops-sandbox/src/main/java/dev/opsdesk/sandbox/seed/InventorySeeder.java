package dev.opsdesk.sandbox.seed;

import static dev.opsdesk.sandbox.db.Tables.WAREHOUSE;

import dev.opsdesk.sandbox.Scale;
import dev.opsdesk.sandbox.generate.InventoryData;
import dev.opsdesk.sandbox.inventory.Drift;
import dev.opsdesk.sandbox.db.Sequences;
import dev.opsdesk.sandbox.failures.FailureStore;
import dev.opsdesk.sandbox.failures.IntegrationFailures;
import dev.opsdesk.sandbox.inventory.IntegrationCatalog;
import dev.opsdesk.sandbox.inventory.StockPairs;
import dev.opsdesk.sandbox.inventory.StockStore;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;

/**
 * Stock that tells the stories of a sale day: most pairs agree; the WMS feed of {@value #STALLED} stopped three hours
 * ago (its numbers are stale and its drift grows); the ERP lags 20 to 40 minutes behind (settling drift everywhere); a
 * handful of SKUs are oversold and a few stand below zero (stuck). Plus the integrations' sync runs of the last six
 * hours and hourly drift snapshots of the last 14 days (a few pairs stuck every hour, the stalled feed's climb at
 * the end); the stalled feed's failed runs left an open failure in the {@code INVENTORY_SYNC} queue every quarter
 * hour, each for a pair it could not deliver. {@link Scale#LARGE}: 50,000 SKUs in 6 warehouses.
 */
public final class InventorySeeder {

    /** The warehouse whose WMS feed stopped. */
    public static final String STALLED = "WH-2";
    public static final Duration STALLED_FOR = Duration.ofHours(3);
    public static final Duration PLATFORM_INTERVAL = Duration.ofMinutes(5);
    public static final Duration ERP_INTERVAL = Duration.ofHours(1);
    public static final Duration WMS_INTERVAL = Duration.ofMinutes(5);

    private final Random random;
    private final InventoryData data;
    private final Instant now;
    private final Scale scale;

    private InventorySeeder(long seed, Instant now, Scale scale) {
        this.random = new Random(seed * 31 + 10);
        this.data = new InventoryData(random);
        this.now = now.truncatedTo(ChronoUnit.MILLIS);
        this.scale = scale;
    }

    /** Seeds inventory into a new database; returns the number of SKU x warehouse pairs. */
    public static int seed(DSLContext dsl, long seed, Instant now, Scale scale) {
        return new InventorySeeder(seed, now, scale).run(dsl);
    }

    private record Counts(int[] drifting, long[] units, int[] stuck) {
    }

    /** A pair at the stalled warehouse that changed after its feed stopped: what the failed runs could not deliver. */
    private record Stalled(String sku, int platform, int erp, Instant changedAt) {
    }

    private final List<Stalled> stalledPairs = new ArrayList<>();
    private final List<Instant> stalledRuns = new ArrayList<>();

    /** How many SKUs the catalogue of {@code scale} holds: {@link InventoryData#sku} 0 to this, exclusive. */
    public static int skuCount(Scale scale) {
        return scale == Scale.LARGE ? 50_000 : 150;
    }

    /** The warehouses stock is seeded for at {@code scale}: every SKU has a pair in each of them. */
    public static List<Seeder.SeedWarehouse> warehouses(Scale scale) {
        List<Seeder.SeedWarehouse> warehouses = new ArrayList<>(Seeder.WAREHOUSES);
        if (scale == Scale.LARGE) {
            warehouses.addAll(Seeder.LARGE_EXTRA_WAREHOUSES);
        }
        return List.copyOf(warehouses);
    }

    private int run(DSLContext dsl) {
        List<Seeder.SeedWarehouse> warehouses = warehouses(scale);
        for (Seeder.SeedWarehouse w : warehouses) {
            if (!Seeder.WAREHOUSES.contains(w)) {
                dsl.insertInto(WAREHOUSE).set(Seeder.record(w)).execute();
            }
        }
        int skus = skuCount(scale);
        Instant stallStart = now.minus(STALLED_FOR);

        Rows integrations = new Rows("integration", "id", "system", "warehouse", "name", "interval_seconds", "down");
        integrations.add(IntegrationCatalog.PLATFORM_ID, "PLATFORM", null, "Platform stock service",
                (int) PLATFORM_INTERVAL.toSeconds(), false);
        integrations.add(IntegrationCatalog.ERP_ID, "ERP", null, "ERP connector", (int) ERP_INTERVAL.toSeconds(), false);
        for (Seeder.SeedWarehouse w : warehouses) {
            integrations.add(IntegrationCatalog.wmsId(w.code()), "WMS", w.code(), "WMS feed " + w.name(),
                    (int) WMS_INTERVAL.toSeconds(), w.code().equals(STALLED));
        }

        Rows skuRows = new Rows("sku", "sku", "name", "ean", "unit", "unit_cost_minor", "cost_currency");
        Rows trigrams = new Rows("name_trigram", "trigram", "name");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int n = 0; n < skus; n++) {
            skuRows.add(InventoryData.sku(n), InventoryData.name(n), InventoryData.ean(n), InventoryData.unit(n),
                    InventoryData.unitCostMinor(n), "EUR");
            if (names.add(InventoryData.name(n))) {
                for (String t : StockStore.trigrams(InventoryData.name(n))) {
                    trigrams.add(t, InventoryData.name(n));
                }
            }
        }

        Rows pairs = new Rows("stock_pair", "sku", "warehouse", "platform_qty", "platform_version",
                "platform_synced_at", "erp_qty", "erp_version", "erp_synced_at", "wms_qty", "wms_version",
                "wms_synced_at", "drift", "drift_since", "stuck_after", "oldest_synced_at", "oversold", "zone");
        Rows history = new Rows("stock_history", "sku", "warehouse", "system", "at", "quantity", "cause");
        int oversoldEvery = scale == Scale.LARGE ? 800 : 30;
        int negativeEvery = scale == Scale.LARGE ? 1200 : 37;
        Counts counts = new Counts(new int[warehouses.size()], new long[warehouses.size()], new int[warehouses.size()]);
        for (int n = 0; n < skus; n++) {
            String sku = InventoryData.sku(n);
            for (int wi = 0; wi < warehouses.size(); wi++) {
                String warehouse = warehouses.get(wi).code();
                boolean stalled = warehouse.equals(STALLED);
                int base = data.onHand();
                Instant platformSynced = now.minusMillis(random.nextInt(50_000));
                Instant erpSynced = now.minus(Duration.ofMinutes(20 + random.nextInt(21)))
                        .minusMillis(random.nextInt(60_000));
                Instant wmsSynced = stalled ? stallStart.minusMillis(random.nextInt(300_000))
                        : now.minusMillis(random.nextInt(270_000));
                int p = base;
                int e = base;
                int m = base;
                Instant changedAt = null;
                String story = "agree";
                int r = random.nextInt(1000);
                if (!stalled && n % oversoldEvery == 3 && wi == n / oversoldEvery % warehouses.size()) {
                    story = "oversold";
                    changedAt = now.minus(Duration.ofMinutes(60 + random.nextInt(300)));
                    p = base + 3 + random.nextInt(10);
                    e = p;
                } else if (!stalled && n % negativeEvery == 5 && wi == n / negativeEvery % warehouses.size()) {
                    story = "negative";
                    changedAt = now.minus(Duration.ofHours(2 + random.nextInt(18)));
                    p = -(1 + random.nextInt(5));
                    e = p;
                    m = 0;
                } else if (stalled && r < 350) {
                    // Orders went on while the feed was down: the platform and (mostly) the ERP know, the WMS not.
                    story = "stalled";
                    changedAt = stallStart.plusSeconds(random.nextInt((int) STALLED_FOR.toSeconds() - 600));
                    p = base - (1 + random.nextInt(8));
                    e = changedAt.isBefore(erpSynced) ? p : base;
                    stalledPairs.add(new Stalled(sku, p, e, changedAt));
                } else if (r < 60) {
                    // Moved since the ERP's last sync: the ERP will catch up within its interval.
                    story = "erp-lag";
                    long erpAge = Duration.between(erpSynced, now).toMillis();
                    changedAt = now.minusMillis(1 + random.nextInt((int) erpAge - 1));
                    p = base + data.movement();
                    m = stalled ? base : p;
                } else if (!stalled && r < 80) {
                    // Moved a minute ago: the WMS and the ERP still have the number before.
                    story = "wms-settling";
                    wmsSynced = now.minus(Duration.ofMinutes(2)).minusMillis(random.nextInt(60_000));
                    changedAt = now.minusMillis(random.nextInt(90_000));
                    p = base + data.movement();
                }
                if (changedAt != null && changedAt.isAfter(platformSynced)) {
                    platformSynced = changedAt;
                }
                Drift d = Drift.of(p, e, m, null, changedAt == null ? now : changedAt, ERP_INTERVAL, WMS_INTERVAL);
                Instant oldest = min(platformSynced, min(erpSynced, wmsSynced));
                long pv = 1 + random.nextInt(40) + (changedAt == null ? 0 : 1);
                pairs.add(sku, warehouse, p, pv, utc(platformSynced), e, 1 + random.nextInt(40), utc(erpSynced), m,
                        1 + random.nextInt(40), utc(wmsSynced), d.drift(), utc(d.driftSince()), utc(d.stuckAfter()),
                        utc(oldest), d.oversold(), InventoryData.zone(n, wi));
                if (d.drift() > 0) {
                    counts.drifting()[wi]++;
                    counts.units()[wi] += d.drift();
                    if (d.stuckAfter().isBefore(now)) {
                        counts.stuck()[wi]++;
                    }
                }
                if (scale == Scale.SMALL || !story.equals("agree") && !story.equals("stalled")
                        && !story.equals("erp-lag")) {
                    history(history, sku, warehouse, base, p, e, m, changedAt, erpSynced, wmsSynced);
                }
            }
        }

        Rows runs = new Rows("sync_run", "integration_id", "started_at", "finished_at", "status", "items", "errors",
                "lag_seconds", "message");
        syncRuns(runs, warehouses, stallStart);
        Rows snapshots = new Rows("drift_snapshot", "warehouse", "at", "drifting_pairs", "drift_units",
                "stuck_pairs");
        snapshots(snapshots, warehouses, skus, counts);
        Rows.load(dsl, List.of(integrations, skuRows, trigrams, pairs, history, runs, snapshots),
                scale == Scale.LARGE);
        StockPairs.recount(dsl);
        stalledFailures(dsl);
        return skus * warehouses.size();
    }

    /** A pair's points: all three systems twelve hours ago, then the platform's change and the syncs since. */
    private void history(Rows history, String sku, String warehouse, int base, int p, int e, int m,
                         Instant changedAt, Instant erpSynced, Instant wmsSynced) {
        Instant start = now.minus(Duration.ofHours(12)).plusSeconds(random.nextInt(3600));
        OffsetDateTime at = utc(start);
        history.add(sku, warehouse, "PLATFORM", at, base, "SEED");
        history.add(sku, warehouse, "ERP", at, base, "SEED");
        history.add(sku, warehouse, "WMS", at, base, "SEED");
        if (changedAt != null) {
            history.add(sku, warehouse, "PLATFORM", utc(changedAt), p, "MOVEMENT");
            if (e != base && erpSynced.isAfter(changedAt)) {
                history.add(sku, warehouse, "ERP", utc(erpSynced), e, "SYNC");
            }
            if (m != base) {
                history.add(sku, warehouse, "WMS", utc(changedAt.isAfter(wmsSynced) ? changedAt : wmsSynced), m,
                        "SYNC");
            }
        }
    }

    /** Sync runs of the last six hours: the platform and each WMS feed every 5 minutes, the ERP every 15. */
    private void syncRuns(Rows runs, List<Seeder.SeedWarehouse> warehouses, Instant stallStart) {
        Instant from = now.minus(Duration.ofHours(6));
        for (Instant t = from; t.isBefore(now); t = t.plus(Duration.ofMinutes(5))) {
            Instant at = t.plusMillis(random.nextInt(20_000));
            runs.add(IntegrationCatalog.PLATFORM_ID, utc(at), utc(at.plusMillis(200 + random.nextInt(800))),
                    "SUCCEEDED", 20 + random.nextInt(180), 0, random.nextInt(5), null);
        }
        for (Instant t = from; t.isBefore(now); t = t.plus(Duration.ofMinutes(15))) {
            Instant at = t.plusMillis(random.nextInt(30_000));
            boolean lastHour = at.isAfter(now.minus(Duration.ofHours(1)));
            int items = 200 + random.nextInt(700);
            // The ERP rejects 8-15 % of the last hour's updates (a locked accounting period): DEGRADED.
            int errors = lastHour ? items * (8 + random.nextInt(8)) / 100 : random.nextInt(3);
            runs.add(IntegrationCatalog.ERP_ID, utc(at), utc(at.plusSeconds(20 + random.nextInt(90))), "SUCCEEDED",
                    items, errors, 1200 + random.nextInt(1200),
                    errors > 10 ? errors + " stock updates rejected by the ERP (locked period)." : null);
        }
        for (Seeder.SeedWarehouse w : warehouses) {
            String id = IntegrationCatalog.wmsId(w.code());
            for (Instant t = from; t.isBefore(now); t = t.plus(WMS_INTERVAL)) {
                Instant at = t.plusMillis(random.nextInt(10_000));
                if (w.code().equals(STALLED) && at.isAfter(stallStart)) {
                    stalledRuns.add(at);
                    runs.add(id, utc(at), utc(at.plusSeconds(30)), "FAILED", 0, 1, 0,
                            "The WMS at " + w.code() + " does not answer (connection refused).");
                } else {
                    runs.add(id, utc(at), utc(at.plusMillis(500 + random.nextInt(4000))), "SUCCEEDED",
                            10 + random.nextInt(110), 0, 5 + random.nextInt(55), null);
                }
            }
        }
    }

    /** Hourly drift of the last 14 days: a daily rhythm around today's level, the stalled feed's climb at the end. */
    private void snapshots(Rows snapshots, List<Seeder.SeedWarehouse> warehouses, int skus, Counts counts) {
        Instant last = now.truncatedTo(ChronoUnit.HOURS);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < warehouses.size(); i++) {
            index.put(warehouses.get(i).code(), i);
        }
        for (Seeder.SeedWarehouse w : warehouses) {
            int wi = index.get(w.code());
            boolean stalled = w.code().equals(STALLED);
            double normal = Math.max(1, skus * 0.06);
            for (int h = 14 * 24; h >= 0; h--) {
                Instant at = last.minus(Duration.ofHours(h));
                int drifting;
                long units;
                int stuck;
                if (h == 0) {
                    drifting = counts.drifting()[wi];
                    units = counts.units()[wi];
                    stuck = counts.stuck()[wi];
                } else if (stalled && h <= STALLED_FOR.toHours()) {
                    double share = 1 - (double) h / (STALLED_FOR.toHours() + 1);
                    drifting = (int) Math.max(normal, counts.drifting()[wi] * share);
                    units = (long) (drifting * 4.5);
                    stuck = (int) (counts.stuck()[wi] * share);
                } else {
                    int hourOfDay = at.atOffset(ZoneOffset.UTC).getHour();
                    double rhythm = hourOfDay >= 7 && hourOfDay <= 21 ? 1.2 : 0.5;
                    drifting = (int) Math.round(normal * rhythm * (0.7 + random.nextDouble() * 0.6));
                    units = Math.round(drifting * (3 + random.nextDouble() * 3));
                    // A few of them stuck every hour (a sync rejected, a feed hiccup), now and then a bad hour.
                    double share = random.nextInt(24) == 0 ? 0.25 + random.nextDouble() * 0.25
                            : 0.04 + random.nextDouble() * 0.08;
                    stuck = drifting == 0 ? 0 : (int) Math.max(1, Math.min(drifting, Math.round(drifting * share)));
                }
                snapshots.add(w.code(), utc(at), drifting, units, stuck);
            }
        }
    }

    /** One failure every this many failed runs of the stalled feed (every quarter hour). */
    private static final int RUNS_PER_STALLED_FAILURE = 3;

    /**
     * Every third failed run of the stalled feed (one a quarter hour) recorded one change it could not deliver, a
     * change that happened before it: that pair's failure
     * in the {@code INVENTORY_SYNC} queue (open, WMS unavailable, with its SKU and warehouse), as the platform's sync
     * records it live ({@link IntegrationFailures}). Loaded after the failure seed, with the next failure ids; the
     * audit seed then tells their {@code failure.created}.
     */
    private void stalledFailures(DSLContext dsl) {
        Rows failures = new Rows("failure", "id", "queue", "status", "reason", "message", "sku", "warehouse",
                "payload", "headers", "first_seen_at", "last_attempt_at", "updated_at", "attempt_count", "version");
        Rows attempts = new Rows("failure_attempt", "failure_id", "attempt_number", "attempted_at", "trigger_kind",
                "actor", "outcome", "status_code", "error_message", "duration_ms");
        List<Stalled> waiting = new ArrayList<>(stalledPairs);
        waiting.sort(java.util.Comparator.comparing(Stalled::changedAt));
        int next = 0;
        for (int i = 0; i < stalledRuns.size(); i += RUNS_PER_STALLED_FAILURE) {
            Instant run = stalledRuns.get(i);
            if (next >= waiting.size() || !waiting.get(next).changedAt().isBefore(run)) {
                continue;
            }
            Stalled pair = waiting.get(next++);
            Instant at = run.plusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
            String id = FailureStore.failureId(dsl.nextval(Sequences.FAILURE_ID_SEQ));
            String syncRun = IntegrationFailures.inventorySyncRun(at, STALLED);
            String message = "WMS feed of " + STALLED + " did not accept connections (HTTP 503): the stock of SKU "
                    + pair.sku() + " at " + STALLED + " could not be synced.";
            failures.add(id, "INVENTORY_SYNC", "OPEN", "WMS_UNAVAILABLE", message, pair.sku(), STALLED,
                    IntegrationFailures.inventorySyncPayload(syncRun, pair.sku(), STALLED, pair.platform(),
                            pair.erp()),
                    "{\"content-type\":\"application/json\",\"x-sync-run\":\"" + syncRun + "\"}", utc(at), utc(at),
                    utc(at), 1, 0);
            attempts.add(id, 1, utc(at), "AUTOMATIC", "system:inventory-sync", "FAILED", 503, message, 30_000);
        }
        Rows.load(dsl, List.of(failures, attempts), false);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
