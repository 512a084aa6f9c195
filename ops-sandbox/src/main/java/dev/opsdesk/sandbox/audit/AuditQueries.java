package dev.opsdesk.sandbox.audit;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static dev.opsdesk.sandbox.db.Tables.AUDIT_HEAD;

import com.fasterxml.jackson.annotation.JsonRawValue;
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

    private final DSLContext dsl;

    public AuditQueries(DSLContext dsl) {
        this.dsl = dsl;
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
        if (query.entityType() != null) {
            where = where.and(AUDIT_EVENT.ENTITY_TYPE.eq(query.entityType()));
        }
        if (query.entityId() != null) {
            where = where.and(AUDIT_EVENT.ENTITY_ID.eq(query.entityId()));
        }
        if (query.timelineOrder() != null) {
            where = where.and(AUDIT_EVENT.ORDER_NUMBER.eq(query.timelineOrder()));
        }
        if (query.actor() != null) {
            where = where.and(AUDIT_EVENT.ACTOR.eq(query.actor()));
        }
        if (query.action() != null) {
            where = where.and(AUDIT_EVENT.ACTION.eq(query.action()));
        }
        List<Condition> actionBranches = new ArrayList<>();
        if (query.actionPrefix() != null) {
            // One branch per action with that prefix: a range over actions cannot be read in sequence order.
            for (boolean reread : new boolean[] {false, true}) {
                if (reread) {
                    actions = null; // a kind of action newer than the cache
                }
                for (String a : actions()) {
                    if (a.startsWith(query.actionPrefix())) {
                        actionBranches.add(AUDIT_EVENT.ACTION.eq(a));
                    }
                }
                if (!actionBranches.isEmpty()) {
                    break;
                }
            }
            if (actionBranches.isEmpty()) {
                return new Page(List.of(), false);
            }
        }
        if (query.correlationId() != null) {
            where = where.and(AUDIT_EVENT.CORRELATION_ID.eq(query.correlationId()));
        }
        AuditQuery.AuditScope scope = query.scope();
        if (scope.ordersOnly()) {
            where = where.and(AUDIT_EVENT.ORDER_NUMBER.isNotNull());
        }
        List<Condition> branches = new ArrayList<>();
        if (query.text() != null) {
            String t = query.text();
            branches.add(AUDIT_EVENT.ORDER_NUMBER.eq(t));
            branches.add(AUDIT_EVENT.ENTITY_ID.eq(t));
            branches.add(AUDIT_EVENT.SKU.eq(t));
            branches.add(AUDIT_EVENT.CORRELATION_ID.eq(t));
        }
        branches = cross(branches, actionBranches);
        if (scope.ownActor() != null) {
            List<Condition> own = new ArrayList<>();
            own.add(AUDIT_EVENT.ACTOR.eq(scope.ownActor()));
            if (scope.ownWarehouses() != null) {
                for (String w : scope.ownWarehouses()) {
                    own.add(AUDIT_EVENT.WAREHOUSE.eq(w));
                }
            }
            branches = cross(branches, own);
        }
        SortField<Long> order = ascending ? AUDIT_EVENT.SEQUENCE.asc() : AUDIT_EVENT.SEQUENCE.desc();
        List<AuditEventRecord> rows;
        if (branches.isEmpty()) {
            rows = dsl.selectFrom(AUDIT_EVENT).where(where).orderBy(order).limit(limit + 1).fetch();
        } else {
            // An OR across columns would make H2 scan the table; one index range per branch, merged, is a page each.
            Map<Long, AuditEventRecord> merged = new TreeMap<>(ascending ? Comparator.naturalOrder()
                    : Comparator.<Long>reverseOrder());
            for (Condition branch : branches) {
                for (AuditEventRecord r : dsl.selectFrom(AUDIT_EVENT).where(where.and(branch)).orderBy(order)
                        .limit(limit + 1).fetch()) {
                    merged.put(r.getSequence(), r);
                }
            }
            rows = new ArrayList<>(merged.values());
        }
        boolean more = rows.size() > limit;
        List<Event> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (AuditEventRecord r : more ? rows.subList(0, limit) : rows) {
            items.add(view(r));
        }
        return new Page(items, more);
    }

    /** The actions in the trail, re-read at most once a minute (new kinds of action are rare). */
    private List<String> actions() {
        Actions known = actions;
        if (known == null || System.nanoTime() - known.readAt() > 60_000_000_000L) {
            known = new Actions(dsl.selectDistinct(AUDIT_EVENT.ACTION).from(AUDIT_EVENT).fetch(AUDIT_EVENT.ACTION),
                    System.nanoTime());
            actions = known;
        }
        return known.names();
    }

    private record Actions(List<String> names, long readAt) {
    }

    private volatile Actions actions;

    /** Every pairing of a branch of one list with a branch of the other (or whichever list is not empty). */
    private static List<Condition> cross(List<Condition> a, List<Condition> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<Condition> out = new ArrayList<>();
        for (Condition x : a) {
            for (Condition y : b) {
                out.add(x.and(y));
            }
        }
        return out;
    }

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
