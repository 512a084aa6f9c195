package dev.opsdesk.sandbox.audit;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static dev.opsdesk.sandbox.db.Tables.AUDIT_HEAD;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.auth.Target;
import dev.opsdesk.sandbox.db.tables.records.AuditEventRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/**
 * Reads the audit trail: filtered pages in sequence order either way, the checkpoint. A page reads one index in
 * sequence order and stops after the page; a time range is first turned into a sequence range (times only grow
 * along the chain), and a free-text match or a warehouse user's "own actions or own warehouses" runs as one index
 * range per column, merged here.
 */
public final class AuditQueries {

    /** An event as the API shows it; {@code details} is the stored canonical JSON, sent as JSON. */
    public record Event(long sequence, Instant at, String actor, String actorType, String action, String entityType,
                        String entityId, String orderNumber, String warehouse, String sku, String requestId,
                        String correlationId, @JsonRawValue String details, String prevHash, String hash) {
    }

    public record Page(List<Event> items, boolean hasMore) {
    }

    public record Checkpoint(long sequence, String hash, Instant at) {
    }

    /** Where an event keeps what audit scopes look at: its actor (the owner), warehouse and order. */
    public static final Scopes.Columns SCOPE_COLUMNS = new Scopes.Columns(null, AUDIT_EVENT.WAREHOUSE,
            AUDIT_EVENT.ACTOR, AUDIT_EVENT.ORDER_NUMBER, null);

    /** The attributes of an event its readers' scopes are checked against (for the live stream). */
    public static Target target(Event e) {
        return Target.auditEvent(e.actor(), e.warehouse(), e.orderNumber());
    }

    private final DSLContext dsl;

    public AuditQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records that {@code actor} took a copy of the trail with {@code filter} (an audit event of its own). */
    public void recordExport(Instant at, String actor, Map<String, Object> filter) {
        dsl.transaction(tx -> AuditLog.append(tx.dsl(), AuditEntry.byUser(at, actor, "audit.exported", "audit",
                "trail").with("filter", filter)));
    }

    public Checkpoint checkpoint() {
        var head = dsl.selectFrom(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq(1)).fetchSingle();
        return new Checkpoint(head.getLastSequence(), head.getLastHash(),
                head.getLastAt() == null ? null : head.getLastAt().toInstant());
    }

    /**
     * One page of {@code query}, ascending or descending by sequence, strictly after {@code afterSequence} in that
     * direction (null: from the start).
     */
    public Page page(AuditQuery query, boolean ascending, Long afterSequence, int limit) {
        Condition where = DSL.trueCondition();
        Long from = query.fromSequence();
        Long to = query.toSequence();
        if (query.since() != null) {
            Long first = dsl.select(AUDIT_EVENT.SEQUENCE).from(AUDIT_EVENT).where(AUDIT_EVENT.AT.ge(utc(query.since())))
                    .orderBy(AUDIT_EVENT.AT, AUDIT_EVENT.SEQUENCE).limit(1).fetchOne(AUDIT_EVENT.SEQUENCE);
            from = max(from, first == null ? Long.MAX_VALUE : first);
        }
        if (query.until() != null) {
            Long last = dsl.select(AUDIT_EVENT.SEQUENCE).from(AUDIT_EVENT).where(AUDIT_EVENT.AT.lt(utc(query.until())))
                    .orderBy(AUDIT_EVENT.AT.desc(), AUDIT_EVENT.SEQUENCE.desc()).limit(1)
                    .fetchOne(AUDIT_EVENT.SEQUENCE);
            to = min(to, last == null ? -1L : last);
        }
        if (afterSequence != null) {
            if (ascending) {
                from = max(from, afterSequence + 1);
            } else {
                to = min(to, afterSequence - 1);
            }
        }
        if (from != null) {
            where = where.and(AUDIT_EVENT.SEQUENCE.ge(from));
        }
        if (to != null) {
            where = where.and(AUDIT_EVENT.SEQUENCE.le(to));
        }
        // Equality filters, each servable by an index (column(s), sequence DESC); every page reads one of them.
        List<Eq> fixed = new ArrayList<>();
        if (query.entityType() != null && query.entityId() != null) {
            fixed.add(Eq.entity(query.entityType(), query.entityId()));
        } else if (query.entityType() != null) {
            where = where.and(AUDIT_EVENT.ENTITY_TYPE.eq(query.entityType()));
        }
        if (query.timelineOrder() != null) {
            fixed.add(new Eq(Priority.ORDER, AUDIT_EVENT.ORDER_NUMBER, query.timelineOrder()));
        }
        if (query.correlationId() != null) {
            fixed.add(new Eq(Priority.CORRELATION, AUDIT_EVENT.CORRELATION_ID, query.correlationId()));
        }
        if (query.actor() != null) {
            fixed.add(new Eq(Priority.ACTOR, AUDIT_EVENT.ACTOR, query.actor()));
        }
        if (query.action() != null) {
            fixed.add(new Eq(Priority.ACTION, AUDIT_EVENT.ACTION, query.action()));
        }
        Scopes.Filter scope = query.scope();
        // "Own actions or own warehouses" is an OR: read below as one index branch per alternative.
        where = where.and(scope.withoutOwn().condition(SCOPE_COLUMNS));
        // Alternatives (an OR, which H2 would answer by reading the whole table): one branch per alternative,
        // each an index range read newest first, merged here.
        List<List<Eq>> alternatives = new ArrayList<>();
        if (query.actionPrefix() != null) {
            List<Eq> matching = new ArrayList<>();
            for (boolean reread : new boolean[] {false, true}) {
                if (reread) {
                    actions = null; // a kind of action newer than the cache
                }
                for (String a : actions()) {
                    if (a.startsWith(query.actionPrefix())) {
                        matching.add(new Eq(Priority.ACTION, AUDIT_EVENT.ACTION, a));
                    }
                }
                if (!matching.isEmpty()) {
                    break;
                }
            }
            if (matching.isEmpty()) {
                return new Page(List.of(), false);
            }
            alternatives.add(matching);
        }
        if (query.text() != null) {
            String t = query.text();
            List<Eq> text = new ArrayList<>();
            text.add(new Eq(Priority.ORDER, AUDIT_EVENT.ORDER_NUMBER, t));
            for (String type : entityTypes()) {
                text.add(Eq.entity(type, t));
            }
            text.add(new Eq(Priority.SKU, AUDIT_EVENT.SKU, t));
            text.add(new Eq(Priority.CORRELATION, AUDIT_EVENT.CORRELATION_ID, t));
            alternatives.add(text);
        }
        if (scope.ownActor() != null) {
            List<Eq> own = new ArrayList<>();
            own.add(new Eq(Priority.ACTOR, AUDIT_EVENT.ACTOR, scope.ownActor()));
            if (scope.ownWarehouses() != null) {
                for (String w : scope.ownWarehouses().stream().sorted().toList()) {
                    own.add(new Eq(Priority.WAREHOUSE, AUDIT_EVENT.WAREHOUSE, w));
                }
            }
            alternatives.add(own);
        }
        List<List<Eq>> branches = new ArrayList<>();
        branches.add(fixed);
        for (List<Eq> choice : alternatives) {
            List<List<Eq>> next = new ArrayList<>();
            for (List<Eq> branch : branches) {
                for (Eq eq : choice) {
                    List<Eq> b = new ArrayList<>(branch);
                    b.add(eq);
                    next.add(b);
                }
            }
            branches = next;
        }
        List<AuditEventRecord> rows;
        if (branches.size() == 1) {
            rows = read(where, branches.get(0), ascending, limit + 1);
        } else {
            Map<Long, AuditEventRecord> merged = new TreeMap<>(ascending ? Comparator.naturalOrder()
                    : Comparator.<Long>reverseOrder());
            for (List<Eq> branch : branches) {
                for (AuditEventRecord r : read(where, branch, ascending, limit + 1)) {
                    merged.put(r.getSequence(), r);
                }
            }
            rows = new ArrayList<>(merged.values());
            if (rows.size() > limit + 1) {
                rows = rows.subList(0, limit + 1);
            }
        }
        boolean more = rows.size() > limit;
        List<Event> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (AuditEventRecord r : more ? rows.subList(0, limit) : rows) {
            items.add(view(r));
        }
        return new Page(items, more);
    }

    /** How selective an equality usually is: the most selective one of a branch picks the index. */
    private enum Priority { ENTITY, ORDER, CORRELATION, SKU, ACTOR, WAREHOUSE, ACTION }

    /** One equality and the index that serves it newest first. */
    private record Eq(Priority priority, List<Field<String>> columns, List<String> values) {

        Eq(Priority priority, Field<String> column, String value) {
            this(priority, List.of(column), List.of(value));
        }

        static Eq entity(String type, String id) {
            return new Eq(Priority.ENTITY, List.of(AUDIT_EVENT.ENTITY_TYPE, AUDIT_EVENT.ENTITY_ID), List.of(type, id));
        }

        Condition condition() {
            Condition c = DSL.trueCondition();
            for (int i = 0; i < columns.size(); i++) {
                c = c.and(columns.get(i).eq(values.get(i)));
            }
            return c;
        }

        String index() {
            return switch (priority) {
                case ENTITY -> "IX_AUDIT_ENTITY";
                case ORDER -> "IX_AUDIT_ORDER";
                case CORRELATION -> "IX_AUDIT_CORRELATION";
                case SKU -> "IX_AUDIT_SKU";
                case ACTOR -> "IX_AUDIT_ACTOR";
                case WAREHOUSE -> "IX_AUDIT_WAREHOUSE";
                case ACTION -> "IX_AUDIT_ACTION";
            };
        }
    }

    /**
     * One branch: newest first through the index of its most selective equality, ordered by that index's own
     * columns (H2 reads an index in order, and stops after the page, only when the ORDER BY names its leading
     * columns too); oldest first, or with no equality, through the primary key.
     */
    private List<AuditEventRecord> read(Condition where, List<Eq> branch, boolean ascending, int limit) {
        Condition c = where;
        Eq primary = null;
        for (Eq eq : branch) {
            c = c.and(eq.condition());
            if (primary == null || eq.priority().ordinal() < primary.priority().ordinal()) {
                primary = eq;
            }
        }
        if (primary == null || ascending) {
            return dsl.selectFrom(AUDIT_EVENT).where(c)
                    .orderBy(ascending ? AUDIT_EVENT.SEQUENCE.asc() : AUDIT_EVENT.SEQUENCE.desc())
                    .limit(limit).fetch();
        }
        List<SortField<?>> order = new ArrayList<>();
        for (Field<String> column : primary.columns()) {
            order.add(column.asc());
        }
        order.add(AUDIT_EVENT.SEQUENCE.desc());
        return dsl.select(AUDIT_EVENT.fields())
                .from(DSL.table("{0} USE INDEX ({1})", AUDIT_EVENT, DSL.name(primary.index())))
                .where(c).orderBy(order).limit(limit).fetchInto(AUDIT_EVENT);
    }

    /** The entity types in the trail (a handful), re-read at most once a minute. */
    private List<String> entityTypes() {
        Distinct known = entityTypes;
        if (known == null || known.stale()) {
            entityTypes = known = Distinct.read(dsl, AUDIT_EVENT.ENTITY_TYPE);
        }
        return known.names();
    }

    /** The actions in the trail, re-read at most once a minute (new kinds of action are rare). */
    private List<String> actions() {
        Distinct known = actions;
        if (known == null || known.stale()) {
            actions = known = Distinct.read(dsl, AUDIT_EVENT.ACTION);
        }
        return known.names();
    }

    /** The distinct values of a column, as read at {@code readAt} (nanoTime). */
    private record Distinct(List<String> names, long readAt) {

        static Distinct read(DSLContext dsl, Field<String> column) {
            return new Distinct(dsl.selectDistinct(column).from(AUDIT_EVENT).fetch(column), System.nanoTime());
        }

        boolean stale() {
            return System.nanoTime() - readAt > 60_000_000_000L;
        }
    }

    private volatile Distinct entityTypes;
    private volatile Distinct actions;

    public static Event view(AuditEventRecord r) {
        return new Event(r.getSequence(), r.getAt().toInstant(), r.getActor(), r.getActorType(), r.getAction(),
                r.getEntityType(), r.getEntityId(), r.getOrderNumber(), r.getWarehouse(), r.getSku(),
                r.getRequestId(), r.getCorrelationId(), r.getDetails(), r.getPrevHash(), r.getHash());
    }

    private static Long max(Long a, long b) {
        return a == null ? b : Math.max(a, b);
    }

    private static Long min(Long a, long b) {
        return a == null ? b : Math.min(a, b);
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

}
