package dev.opsdesk.sandbox.http;

import static dev.opsdesk.sandbox.http.Access.requires;

import dev.opsdesk.sandbox.audit.AuditQueries;
import dev.opsdesk.sandbox.audit.AuditQuery;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

/** {@code /v1/audit/*}: the trail, read within the caller's audit scope; nothing here writes to it but exports. */
public final class AuditRoutes implements RouteModule {

    private static final String CURSOR = "audit";
    static final List<String> FILTERS = List.of("entity", "entityType", "entityId", "actor", "action", "since",
            "until", "correlationId", "q", "fromSequence", "toSequence");

    /** The page shape of both the list and the export. */
    record EventPage(List<AuditQueries.Event> items,
                     @com.fasterxml.jackson.annotation.JsonInclude(
                             com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    private final AuditQueries queries;
    private final Clock clock;

    public AuditRoutes(AuditQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @Override
    public Map<String, Set<String>> queryParameters() {
        Set<String> list = new java.util.HashSet<>(FILTERS);
        list.addAll(Set.of("limit", "cursor", "direction"));
        return Map.of("/v1/audit/events", Set.copyOf(list), "/v1/audit/export", Set.copyOf(list),
                "/v1/audit/checkpoint", Set.of());
    }

    @Override
    public void register(Javalin app) {
        app.get("/v1/audit/events", this::events, requires(Permission.AUDIT_READ));
        app.get("/v1/audit/checkpoint", this::checkpoint, requires(Permission.AUDIT_READ));
        app.get("/v1/audit/export", this::export, requires(Permission.AUDIT_EXPORT));
    }

    void checkpoint(Context ctx) {
        Json.respond(ctx, 200, queries.checkpoint());
    }

    void events(Context ctx) {
        Json.respond(ctx, 200, page(ctx, Access.principal(ctx)));
    }

    /**
     * The same pages for an export, which needs {@code audit.export}; the first page of an export is itself an
     * audit event ({@code audit.exported}, with the filter), so a trail shows who took a copy of it.
     */
    void export(Context ctx) {
        Principal principal = Access.principal(ctx);
        if (!principal.has(Permission.AUDIT_READ)) {
            throw new ApiException(ProblemType.FORBIDDEN, "This needs the permission 'audit.read', which your role"
                    + " does not have.");
        }
        EventPage page = page(ctx, principal);
        if (ctx.queryParam("cursor") == null || ctx.queryParam("cursor").isEmpty()) {
            Map<String, Object> filter = new LinkedHashMap<>();
            for (String name : FILTERS) {
                if (ctx.queryParam(name) != null) {
                    filter.put(name, ctx.queryParam(name));
                }
            }
            if (ctx.queryParam("direction") != null) {
                filter.put("direction", ctx.queryParam("direction"));
            }
            queries.recordExport(clock.instant(), principal.user().username(), filter);
        }
        Json.respond(ctx, 200, page);
    }

    private EventPage page(Context ctx, Principal principal) {
        int limit = Paging.limit(ctx);
        String direction = ctx.queryParam("direction");
        if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
            throw ApiException.validation("direction", "Must be asc (oldest first) or desc (newest first).");
        }
        boolean ascending = "asc".equals(direction);
        AuditQuery query = query(ctx, principal);
        String cursor = Paging.cursor(ctx, CURSOR);
        Long after = null;
        if (cursor != null) {
            String[] parts = cursor.split("~", 2);
            if (parts.length != 2 || !parts[0].equals(ascending ? "asc" : "desc")) {
                throw ApiException.validation("cursor", "This cursor belongs to the other direction; start again"
                        + " from the first page.");
            }
            try {
                after = Long.parseLong(parts[1]);
            } catch (NumberFormatException e) {
                throw ApiException.validation("cursor", "Not a cursor this list handed out; use the nextCursor of"
                        + " the previous page, or none.");
            }
        }
        AuditQueries.Page page = queries.page(query, ascending, after, limit);
        String next = null;
        if (page.hasMore()) {
            long last = page.items().get(page.items().size() - 1).sequence();
            next = Paging.nextCursor(CURSOR, (ascending ? "asc" : "desc") + "~" + last);
        }
        return new EventPage(page.items(), next);
    }

    static AuditQuery query(Context ctx, Principal principal) {
        Params params = new Params(ctx);
        String entityType = params.text("entityType", 24);
        String entityId = params.text("entityId", 160);
        String timelineOrder = null;
        String entity = params.text("entity", 160);
        if (entity != null) {
            int colon = entity.indexOf(':');
            if (colon <= 0 || colon == entity.length() - 1) {
                params.error("entity", "Must be type:id, e.g. order:ORD-100123 or failure:F-0000042.");
            } else if (entityType != null || entityId != null) {
                params.error("entity", "Give either entity, or entityType and entityId; not both.");
            } else {
                String type = entity.substring(0, colon);
                String id = entity.substring(colon + 1);
                if (type.equals("order")) {
                    timelineOrder = id;
                } else {
                    entityType = type;
                    entityId = id;
                }
            }
        }
        if (entityId != null && entityType == null) {
            params.error("entityId", "Needs entityType as well.");
        }
        String actor = params.text("actor", 64);
        String action = params.text("action", 49);
        String actionPrefix = null;
        if (action != null && action.endsWith("*")) {
            actionPrefix = action.substring(0, action.length() - 1);
            action = null;
        }
        Instant since = params.instant("since");
        Instant until = params.instant("until");
        String correlationId = params.text("correlationId", 64);
        String q = params.text("q", 128);
        Long from = params.sequence("fromSequence");
        Long to = params.sequence("toSequence");
        params.validate("filter");
        return new AuditQuery(entityType, entityId, timelineOrder, actor, action, actionPrefix, since, until,
                correlationId, q, from, to, principal.scopes().filter(Permission.AUDIT_READ));
    }
}
