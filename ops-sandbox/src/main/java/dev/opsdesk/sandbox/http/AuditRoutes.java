package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.audit.AuditQueries;
import dev.opsdesk.sandbox.audit.AuditQuery;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Roles;
import dev.opsdesk.sandbox.auth.Scope;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.FieldError;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** {@code /v1/audit/*}: the trail, read within the caller's audit scope; nothing here writes to it but exports. */
final class AuditRoutes {

    private static final String CURSOR = "audit";
    static final List<String> FILTERS = List.of("entity", "entityType", "entityId", "actor", "action", "since",
            "until", "correlationId", "q", "fromSequence", "toSequence");

    /** The page shape of both the list and the export. */
    record EventPage(List<AuditQueries.Event> items,
                     @com.fasterxml.jackson.annotation.JsonInclude(
                             com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS) String nextCursor) {
    }

    private final AuditQueries queries;
    private final DSLContext dsl;
    private final Clock clock;

    AuditRoutes(AuditQueries queries, DSLContext dsl, Clock clock) {
        this.queries = queries;
        this.dsl = dsl;
        this.clock = clock;
    }

    void checkpoint(Context ctx) {
        ApiRoutes.json(ctx, 200, queries.checkpoint());
    }

    void events(Context ctx) {
        ApiRoutes.json(ctx, 200, page(ctx, Access.principal(ctx)));
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
            dsl.transaction(tx -> AuditLog.append(tx.dsl(), AuditEntry.byUser(clock.instant(),
                    principal.user().username(), "audit.exported", "audit", "trail").with("filter", filter)));
        }
        ApiRoutes.json(ctx, 200, page);
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
        List<FieldError> errors = new ArrayList<>();
        String entityType = text(ctx, "entityType", 24, errors);
        String entityId = text(ctx, "entityId", 128, errors);
        String timelineOrder = null;
        String entity = text(ctx, "entity", 160, errors);
        if (entity != null) {
            int colon = entity.indexOf(':');
            if (colon <= 0 || colon == entity.length() - 1) {
                errors.add(new FieldError("entity", "Must be type:id, e.g. order:ORD-100123 or failure:F-0000042."));
            } else if (entityType != null || entityId != null) {
                errors.add(new FieldError("entity", "Give either entity, or entityType and entityId; not both."));
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
            errors.add(new FieldError("entityId", "Needs entityType as well."));
        }
        String actor = text(ctx, "actor", 64, errors);
        String action = text(ctx, "action", 49, errors);
        String actionPrefix = null;
        if (action != null && action.endsWith("*")) {
            actionPrefix = action.substring(0, action.length() - 1);
            action = null;
        }
        Instant since = instant(ctx, "since", errors);
        Instant until = instant(ctx, "until", errors);
        String correlationId = text(ctx, "correlationId", 64, errors);
        String q = text(ctx, "q", 128, errors);
        Long from = sequence(ctx, "fromSequence", errors);
        Long to = sequence(ctx, "toSequence", errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation("The filter is not valid; see errors.", errors);
        }
        return new AuditQuery(entityType, entityId, timelineOrder, actor, action, actionPrefix, since, until,
                correlationId, q, from, to, scope(principal));
    }

    /** The caller's reading scope, from the one role table. */
    static AuditQuery.AuditScope scope(Principal principal) {
        Scope scope = principal.permissions().get(Permission.AUDIT_READ);
        if (scope == null || scope.audit() == null) {
            return AuditQuery.AuditScope.ALL;
        }
        if (Roles.AUDIT_ORDERS.equals(scope.audit())) {
            return new AuditQuery.AuditScope(true, null, null);
        }
        return new AuditQuery.AuditScope(false, principal.user().username(), principal.user().warehouses());
    }

    private static String text(Context ctx, String name, int max, List<FieldError> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.trim();
        if (v.length() > max) {
            errors.add(new FieldError(name, "Must be at most " + max + " characters."));
            return null;
        }
        return v;
    }

    private static Instant instant(Context ctx, String name, List<FieldError> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.trim()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "Must be an ISO-8601 date-time with an offset, e.g. 2026-11-21T09:00:00Z."));
            return null;
        }
    }

    private static Long sequence(Context ctx, String name, List<FieldError> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        errors.add(new FieldError(name, "Must be a sequence number (a whole number from 1)."));
        return null;
    }
}
