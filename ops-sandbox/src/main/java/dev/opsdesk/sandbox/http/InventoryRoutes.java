package dev.opsdesk.sandbox.http;

import static dev.opsdesk.sandbox.http.Access.requires;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.inventory.AdjustmentReason;
import dev.opsdesk.sandbox.inventory.Drift;
import dev.opsdesk.sandbox.inventory.InventoryService;
import dev.opsdesk.sandbox.inventory.InventoryViews;
import dev.opsdesk.sandbox.inventory.StockAdjustments;
import dev.opsdesk.sandbox.failures.ReplayJobs;
import dev.opsdesk.sandbox.inventory.StockQuery;
import dev.opsdesk.sandbox.inventory.StockResync;
import dev.opsdesk.sandbox.inventory.StockStore;
import dev.opsdesk.sandbox.inventory.StockSystem;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** {@code /v1/inventory/*}: the stock matrix, integrations and drift, each within the caller's warehouse scope. */
public final class InventoryRoutes implements RouteModule {

    private static final String STOCK_CURSOR = "stock";

    /** The services behind these routes. */
    public record Services(InventoryService inventory, StockStore store, StockAdjustments adjustments,
                           ReplayJobs jobs) {
    }

    private final Services s;
    private final Idempotency idempotency;

    public InventoryRoutes(Services services, Idempotency idempotency) {
        this.s = services;
        this.idempotency = idempotency;
    }

    /** The query parameters each GET route takes (any other, or a blank one, is refused naming it). */
    @Override
    public java.util.Map<String, java.util.Set<String>> queryParameters() {
        return java.util.Map.of(
                "/v1/inventory/stock", java.util.Set.of("limit", "cursor", "sort", "warehouse", "q", "drifting",
                        "minDrift", "state", "staleSystem", "olderThanMinutes", "integration", "oversold"),
                "/v1/inventory/stock/{warehouse}/{sku}", java.util.Set.of(),
                "/v1/inventory/integrations", java.util.Set.of(),
                "/v1/inventory/summary", java.util.Set.of(),
                "/v1/inventory/trend", java.util.Set.of("warehouse", "days"));
    }

    @Override
    public void register(Javalin app) {
        app.get("/v1/inventory/stock", this::list, requires(Permission.INVENTORY_READ));
        app.get("/v1/inventory/stock/{warehouse}/{sku}", this::detail, requires(Permission.INVENTORY_READ));
        app.get("/v1/inventory/integrations", this::integrations, requires(Permission.INVENTORY_READ));
        app.get("/v1/inventory/summary", this::summary, requires(Permission.INVENTORY_READ));
        app.get("/v1/inventory/trend", this::trend, requires(Permission.INVENTORY_READ));
        app.post("/v1/inventory/stock/{warehouse}/{sku}/adjustments", this::adjust,
                requires(Permission.INVENTORY_ADJUST));
        app.post("/v1/inventory/resync-jobs", this::resync, requires(Permission.INVENTORY_RESYNC));
    }

    /** WAREHOUSE/SKU, as the contract's ResyncRequest spells it. */
    private static final java.util.regex.Pattern PAIR =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,16}/[A-Za-z0-9._-]{1,64}");

    /** A resync job over the pairs named, or every pair matching a filter, run by the bulk-job machinery. */
    void resync(Context ctx) {
        Principal principal = Access.principal(ctx);
        Body body = Body.of(ctx, "resync request", "pairs", "filter", "throttlePerSecond");
        int throttle = body.optionalInt("throttlePerSecond", 1, ReplayJobs.MAX_THROTTLE, ReplayJobs.DEFAULT_THROTTLE);
        boolean hasPairs = body.has("pairs");
        if (hasPairs == body.has("filter")) {
            body.error(hasPairs ? "filter" : "pairs", "Give exactly one of pairs and filter.");
        }
        List<String> keys = new java.util.ArrayList<>();
        if (hasPairs) {
            var pairs = body.get("pairs");
            if (!pairs.isArray() || pairs.isEmpty() || pairs.size() > ReplayJobs.MAX_ITEMS) {
                body.error("pairs", "Must be a list of 1 to " + ReplayJobs.MAX_ITEMS + " pairs (WAREHOUSE/SKU).");
            } else {
                for (var p : pairs) {
                    String key = p.isTextual() ? p.asText() : "";
                    if (!PAIR.matcher(key).matches()) {
                        body.error("pairs", "Every pair must be WAREHOUSE/SKU, e.g. WH-1/SKU-100042.");
                        break;
                    }
                    keys.add(key);
                }
            }
        }
        if (body.has("filter") && !body.get("filter").isObject()) {
            body.error("filter", "Must be an object (the stock list's filters).");
        }
        body.validate();
        if (!hasPairs) {
            Params params = Params.of(body.get("filter"), "filter.");
            StockQuery query = query(params, principal, Permission.INVENTORY_RESYNC);
            keys = s.store().keys(query, ReplayJobs.MAX_ITEMS + 1, s.inventory().now());
            if (keys.size() > ReplayJobs.MAX_ITEMS) {
                throw ApiException.unprocessable("filter", "The filter matches more than " + ReplayJobs.MAX_ITEMS
                        + " pairs; narrow it down.");
            }
            if (keys.isEmpty()) {
                throw ApiException.unprocessable("filter", "No pair you may resync matches the filter.");
            }
        }
        List<String> selected = keys;
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(202,
                s.jobs().start(principal, StockResync.KIND, selected, throttle, null)));
    }

    void adjust(Context ctx) {
        Principal principal = Access.principal(ctx);
        String sku = ctx.pathParam("sku");
        String warehouse = ctx.pathParam("warehouse");
        // The pair and the caller's warehouse scope first: 404 or 403 before anything about the body.
        InventoryViews.StockPair pair = s.inventory().load(principal.scopes(), Permission.INVENTORY_ADJUST, sku,
                warehouse);
        Body body = Body.of(ctx, "adjustment", "reason", "quantity", "note", "expectedVersion");
        AdjustmentReason reason = body.requiredEnum("reason", 24, AdjustmentReason::parse,
                List.of(AdjustmentReason.values()));
        int quantity = body.requiredInt("quantity", -1_000_000, 1_000_000);
        if (body.has("quantity") && quantity == 0) {
            body.error("quantity", "Must not be 0: a signed change, e.g. -2 for two damaged units.");
        }
        String note = body.optionalText("note", 2000);
        long expected = body.requiredInt("expectedVersion", 1, Integer.MAX_VALUE);
        body.validate();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(201,
                s.adjustments().adjust(principal.user().username(), pair.sku(), pair.warehouse(), reason, quantity,
                        note, expected)));
    }

    void list(Context ctx) {
        Principal principal = Access.principal(ctx);
        int limit = Paging.limit(ctx);
        StockQuery query = query(ctx, principal);
        StockQuery.Sort sort = StockQuery.Sort.parse(ctx.queryParam("sort")).orElseThrow(() ->
                ApiException.validation("sort", "Must be one of drift (biggest first), sku, oldestSync (oldest first)."));
        String cursor = Paging.cursor(ctx, STOCK_CURSOR);
        StockQuery.After after = null;
        if (cursor != null) {
            // "<sort>~<value>~<sku>~<warehouse>": the sort the cursor was handed out with and the last row's keys.
            String[] parts = cursor.split("~", 4);
            if (parts.length != 4 || !parts[0].equals(sort.param())) {
                throw ApiException.validation("cursor", "This cursor belongs to another sort order; start again"
                        + " from the first page.");
            }
            try {
                after = new StockQuery.After(Long.parseLong(parts[1]), parts[2], parts[3]);
            } catch (NumberFormatException e) {
                throw ApiException.validation("cursor", "Not a cursor this list handed out; use the nextCursor of the"
                        + " previous page, or none.");
            }
        }
        Instant now = s.inventory().now();
        StockStore.Page page = s.store().list(query, sort, after, limit, now);
        String next = null;
        if (page.hasMore()) {
            InventoryViews.StockPair last = page.items().get(page.items().size() - 1);
            next = Paging.nextCursor(STOCK_CURSOR, sort.param() + "~" + StockStore.sortValue(sort, last) + "~"
                    + last.sku() + "~" + last.warehouse());
        }
        Json.respond(ctx, 200, new InventoryViews.StockPage(page.items(), next));
    }

    void detail(Context ctx) {
        Json.respond(ctx, 200, s.inventory().detail(Access.principal(ctx).scopes(), ctx.pathParam("sku"),
                ctx.pathParam("warehouse")));
    }

    void integrations(Context ctx) {
        Json.respond(ctx, 200, new InventoryViews.IntegrationList(
                s.inventory().integrations(Access.principal(ctx).scopes())));
    }

    void summary(Context ctx) {
        Json.respond(ctx, 200, s.inventory().summary(Access.principal(ctx).scopes()));
    }

    void trend(Context ctx) {
        Params params = new Params(ctx);
        String warehouse = params.text("warehouse", 16);
        Integer days = params.wholeNumber("days", 1, 14);
        params.validate("trend request");
        Json.respond(ctx, 200, s.inventory().trend(Access.principal(ctx).scopes(), warehouse,
                days == null ? 14 : days));
    }

    /** The stock list's filter from the query string, within the caller's scope. */
    static StockQuery query(Context ctx, Principal principal) {
        return query(new Params(ctx), principal, Permission.INVENTORY_READ);
    }

    /** The stock list's filter, within the caller's scope of {@code permission}. */
    static StockQuery query(Params params, Principal principal, Permission permission) {
        var warehouses = params.list("warehouse", 16);
        String q = params.text("q", 100);
        Boolean drifting = params.bool("drifting");
        Integer minDrift = params.wholeNumber("minDrift", 0, 1_000_000_000);
        Drift.State state = params.choice("state", Drift.State::parse, List.of(Drift.State.values()));
        StockSystem staleSystem = params.choice("staleSystem", StockSystem::parse, List.of(StockSystem.values()));
        Integer olderThan = params.wholeNumber("olderThanMinutes", 0, 60 * 24 * 365);
        String integration = params.text("integration", 24);
        Boolean oversold = params.bool("oversold");
        params.validate("filter");
        return new StockQuery(warehouses, q, drifting, minDrift, state, staleSystem, olderThan, integration, oversold,
                principal.scopes().filter(permission));
    }
}
