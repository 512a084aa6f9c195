package dev.opsdesk.sandbox.http;

import static dev.opsdesk.sandbox.http.Access.requires;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.reconciliation.Slice;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
import dev.opsdesk.sandbox.stockcount.StockCountViews;
import dev.opsdesk.sandbox.stockcount.StockCounts;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /v1/stock-counts/*}: blind counts of a warehouse, their entries, and their submission into a
 * {@code STOCK_COUNT} reconciliation run (whose review and approval are the reconciliation routes').
 */
public final class StockCountRoutes implements RouteModule {

    private static final String COUNTS = "/v1/stock-counts";
    private static final String COUNT = COUNTS + "/{countId}";
    private static final Pattern COUNT_ID = Pattern.compile("C-[0-9]{6,}");
    private static final Pattern WAREHOUSE = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final List<String> SCOPES = List.of("ALL", "ZONE", "LIST");
    private static final List<String> STATES = List.of("OPEN", "SUBMITTED", "CANCELLED");
    private static final List<String> SOURCES = List.of("KEYED", "SCANNED", "SCANNER_FILE", "CORRECTION");
    private static final int MAX_ENTRIES = 20_000;
    /** 20,000 entries of a scanner file, each with its code, quantity, source and file line, pass 1 MB. */
    static final long MAX_ENTRIES_BODY = 4_000_000L;

    private final StockCounts counts;
    private final Idempotency idempotency;

    public StockCountRoutes(StockCounts counts, Idempotency idempotency) {
        this.counts = counts;
        this.idempotency = idempotency;
    }

    @Override
    public Map<String, Set<String>> queryParameters() {
        return Map.of(
                COUNTS, Set.of("limit", "cursor", "warehouse", "state"),
                COUNT, Set.of(),
                COUNT + "/lines", Set.of("limit", "cursor", "q", "uncounted"),
                COUNT + "/entries", Set.of("limit", "cursor", "sku"));
    }

    @Override
    public List<RawBody> rawBodies() {
        return List.of(new RawBody("POST", COUNT + "/entries", "application/json", MAX_ENTRIES_BODY));
    }

    @Override
    public void register(Javalin app) {
        // Counters (stockcount.submit) and readers of stock-count runs (recon.read) alike: checked per count.
        app.get(COUNTS, this::list, Access.SIGNED_IN);
        app.post(COUNTS, this::start, requires(Permission.STOCKCOUNT_SUBMIT));
        app.get(COUNT, ctx -> Json.respond(ctx, 200, counts.get(reader(ctx), countId(ctx))), Access.SIGNED_IN);
        app.get(COUNT + "/lines", this::lines, Access.SIGNED_IN);
        app.get(COUNT + "/entries", this::entries, Access.SIGNED_IN);
        app.post(COUNT + "/entries", this::addEntries, requires(Permission.STOCKCOUNT_SUBMIT));
        app.post(COUNT + "/submit", this::submit, requires(Permission.STOCKCOUNT_SUBMIT));
        app.post(COUNT + "/cancel", this::cancel, requires(Permission.STOCKCOUNT_SUBMIT));
    }

    /** The caller, if they may read stock counts at all (which counts: each count's warehouse decides). */
    private static Scopes reader(Context ctx) {
        Scopes scopes = Access.principal(ctx).scopes();
        if (!StockCounts.mayReadAny(scopes)) {
            throw new ApiException(ProblemType.FORBIDDEN, "Your role does not let you see stock counts.");
        }
        return scopes;
    }

    private static String countId(Context ctx) {
        String id = ctx.pathParam("countId");
        if (!COUNT_ID.matcher(id).matches()) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no stock count " + id + ".");
        }
        return id;
    }

    private static <T> void page(Context ctx, String kind, Slice<T> slice) {
        Json.respond(ctx, 200, new StockCountViews.Page<>(slice.items(),
                slice.nextKey() == null ? null : Paging.nextCursor(kind, slice.nextKey())));
    }

    private static String oneOf(Params params, String name, List<String> allowed) {
        String v = params.raw(name);
        if (v != null && !allowed.contains(v)) {
            params.error(name, "Must be one of " + allowed + ".");
            return null;
        }
        return v;
    }

    void list(Context ctx) {
        Scopes reader = reader(ctx);
        int limit = Paging.limit(ctx);
        Params params = new Params(ctx);
        String warehouse = params.text("warehouse", 16);
        String state = oneOf(params, "state", STATES);
        params.validate("filter");
        page(ctx, "counts", counts.list(reader, warehouse, state, Paging.cursor(ctx, "counts"), limit));
    }

    void start(Context ctx) {
        Principal principal = Access.principal(ctx);
        Body body = Body.of(ctx, "stock count", "warehouse", "scope", "zone", "codes");
        String warehouse = body.requiredString("warehouse", 16);
        if (warehouse != null && !WAREHOUSE.matcher(warehouse).matches()) {
            body.error("warehouse", "Must be a warehouse code, e.g. WH-1.");
        }
        String scope = body.requiredString("scope", 8);
        if (scope != null && !SCOPES.contains(scope)) {
            body.error("scope", "Must be one of " + SCOPES + ".");
        }
        String zone = null;
        if (body.has("zone")) {
            zone = body.requiredString("zone", 16);
            if (!"ZONE".equals(scope)) {
                body.error("zone", "Only a ZONE count names a zone.");
            }
        } else if ("ZONE".equals(scope)) {
            body.error("zone", "Required for a ZONE count: a zone (A) or an aisle of it (A-03).");
        }
        List<String> codes = new ArrayList<>();
        if (body.has("codes")) {
            JsonNode array = body.get("codes");
            if (!"LIST".equals(scope)) {
                body.error("codes", "Only a LIST count names codes.");
            } else if (!array.isArray() || array.isEmpty() || array.size() > MAX_ENTRIES) {
                body.error("codes", "Must be a list of 1 to " + MAX_ENTRIES + " SKUs or EANs.");
            } else {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < array.size(); i++) {
                    JsonNode c = array.get(i);
                    if (!c.isTextual() || c.asText().isEmpty() || c.asText().length() > 32) {
                        body.error("codes[" + i + "]", "Must be a SKU or an EAN of 1 to 32 characters.");
                    } else if (!seen.add(c.asText())) {
                        body.error("codes[" + i + "]", "Named twice.");
                    } else {
                        codes.add(c.asText());
                    }
                    if (body.errorCount() >= 100) {
                        break;
                    }
                }
            }
        } else if ("LIST".equals(scope)) {
            body.error("codes", "Required for a LIST count: the SKUs or EANs to count.");
        }
        body.validate();
        String z = zone;
        if (!principal.scopes().may(Permission.STOCKCOUNT_SUBMIT,
                dev.opsdesk.sandbox.auth.Target.inWarehouse(warehouse))) {
            throw new ApiException(ProblemType.FORBIDDEN, "You count stock only in your own warehouses, not in "
                    + warehouse + ".");
        }
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(201,
                counts.start(principal.scopes(), warehouse, scope, z, codes)));
    }

    void lines(Context ctx) {
        Scopes reader = reader(ctx);
        String id = countId(ctx);
        int limit = Paging.limit(ctx);
        Params params = new Params(ctx);
        String q = params.text("q", 100);
        Boolean uncounted = params.bool("uncounted");
        params.validate("filter");
        page(ctx, "count-lines", counts.sheet(reader, id, q, uncounted, Paging.cursor(ctx, "count-lines"), limit));
    }

    void entries(Context ctx) {
        Scopes reader = reader(ctx);
        String id = countId(ctx);
        int limit = Paging.limit(ctx);
        Params params = new Params(ctx);
        String sku = params.text("sku", 32);
        params.validate("filter");
        page(ctx, "count-entries", counts.entries(reader, id, sku, Paging.cursor(ctx, "count-entries"), limit));
    }

    void addEntries(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = countId(ctx);
        counts.checkReadable(principal.scopes(), id);
        Body body = Body.of(ctx, "entries", "entries", "fileName");
        List<StockCountViews.EntryInput> entries = new ArrayList<>();
        JsonNode array = body.get("entries");
        if (array == null || !array.isArray() || array.isEmpty() || array.size() > MAX_ENTRIES) {
            body.error("entries", "Must be a list of 1 to " + MAX_ENTRIES + " entries.");
        } else {
            for (int i = 0; i < array.size() && body.errorCount() < 100; i++) {
                StockCountViews.EntryInput e = entry(body, "entries[" + i + "]", array.get(i));
                if (e != null) {
                    entries.add(e);
                }
            }
        }
        String fileName = body.has("fileName") ? body.requiredString("fileName", 255) : null;
        body.validate();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                counts.addEntries(principal.scopes(), id, entries, fileName)));
    }

    private static StockCountViews.EntryInput entry(Body body, String at, JsonNode e) {
        if (e == null || !e.isObject()) {
            body.error(at, "Must be an object with code and quantity.");
            return null;
        }
        int before = body.errorCount();
        for (java.util.Iterator<String> names = e.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("code", "quantity", "source", "fileLine").contains(name)) {
                body.error(at + "." + name, "Unknown property; an entry takes code, quantity, source, fileLine.");
            }
        }
        JsonNode code = e.get("code");
        if (code == null || !code.isTextual() || code.asText().isEmpty() || code.asText().length() > 32) {
            body.error(at + ".code", "Required: a SKU or an EAN of 1 to 32 characters.");
        }
        JsonNode quantity = e.get("quantity");
        if (quantity == null || !quantity.isIntegralNumber() || Math.abs(quantity.asLong()) > 1_000_000) {
            body.error(at + ".quantity", "Required: a whole number from -1000000 to 1000000.");
        }
        JsonNode source = e.get("source");
        String src = "KEYED";
        if (source != null && !source.isNull()) {
            if (!source.isTextual() || !SOURCES.contains(source.asText())) {
                body.error(at + ".source", "Must be one of " + SOURCES + ".");
            } else {
                src = source.asText();
            }
        }
        JsonNode line = e.get("fileLine");
        Integer fileLine = null;
        if (line != null && !line.isNull()) {
            if (!line.isIntegralNumber() || line.asLong() < 1 || line.asLong() > Integer.MAX_VALUE) {
                body.error(at + ".fileLine", "Must be a whole number from 1.");
            } else {
                fileLine = line.asInt();
            }
        }
        return body.errorCount() > before ? null
                : new StockCountViews.EntryInput(code.asText(), quantity.asInt(), src, fileLine);
    }

    void submit(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = countId(ctx);
        counts.checkReadable(principal.scopes(), id);
        Body body = Body.optional(ctx, "submission", "uncountedAsZero");
        JsonNode zero = body.get("uncountedAsZero");
        boolean asZero = false;
        if (zero != null && !zero.isNull()) {
            if (!zero.isBoolean()) {
                body.error("uncountedAsZero", "Must be true or false.");
            } else {
                asZero = zero.asBoolean();
            }
        }
        body.validate();
        boolean uncountedAsZero = asZero;
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                counts.submit(principal.scopes(), id, uncountedAsZero)));
    }

    void cancel(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = countId(ctx);
        counts.checkReadable(principal.scopes(), id);
        Body body = Body.of(ctx, "cancellation", "reason");
        String reason = body.requiredString("reason", 2000);
        body.validate();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                counts.cancel(principal.scopes(), id, reason)));
    }
}
