package dev.opsdesk.sandbox.failures;

import static dev.opsdesk.sandbox.db.Tables.CUSTOMER_ORDER;
import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_ATTEMPT;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_NOTE;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.db.Sequences;
import dev.opsdesk.sandbox.db.tables.records.CustomerOrderRecord;
import dev.opsdesk.sandbox.db.tables.records.FailureAttemptRecord;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.Comparator;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.SelectField;
import org.jooq.impl.DSL;

/**
 * The failure tables through jOOQ: filtering and paging, counts and the summary, details with attempts, notes and
 * the related order, and inserting new failures. No rules here; those are the services'.
 */
public final class FailureStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    /** Every column but the payload and headers: what a list shows. */
    private static final List<SelectField<?>> LIST_FIELDS = listFields();

    private static List<SelectField<?>> listFields() {
        List<SelectField<?>> fields = new ArrayList<>();
        for (Field<?> f : FAILURE.fields()) {
            if (!f.equals(FAILURE.PAYLOAD) && !f.equals(FAILURE.HEADERS)) {
                fields.add(f);
            }
        }
        return List.copyOf(fields);
    }

    private final DSLContext dsl;
    private volatile String primaryKeyIndex;

    public FailureStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Which failures: every non-null component narrows. {@code scope} is the set of queues the caller may read (null:
     * all); {@code text} matches the start of the order number, payment reference, event id or failure id.
     */
    /** Where a failure keeps what scopes look at: its queue (failures have no warehouse scope yet). */
    public static final Scopes.Columns SCOPE_COLUMNS = new Scopes.Columns(FAILURE.QUEUE, null, null, null, null);

    /** {@link Query#assignee()} for "nobody": no username is empty. */
    public static final String UNASSIGNED = "";

    public record Query(Set<Queue> scope, Queue queue, Set<FailureStatus> statuses, Reason reason, String provider,
                       String assignee, Instant since, Instant until, String text, Instant pastSlaAt) {

        public static Query all(Set<Queue> scope) {
            return new Query(scope, null, null, null, null, null, null, null, null, null);
        }
    }

    /** The statuses an SLA applies to: the failure still needs someone. */
    static final List<String> SLA_STATUSES = List.of(FailureStatus.OPEN.name(), FailureStatus.REPLAYING.name());

    /** When an open failure first seen at {@code firstSeen} in {@code queue} passes its SLA; null when closed. */
    static Instant slaDueAt(Queue queue, FailureStatus status, Instant firstSeen) {
        return SLA_STATUSES.contains(status.name()) && firstSeen != null ? firstSeen.plus(queue.slaTarget()) : null;
    }

    /** Open failures (of any of {@code queues}) older than their queue's target at {@code at}. */
    static Condition pastSla(java.util.Collection<Queue> queues, Instant at) {
        List<Condition> perQueue = new ArrayList<>();
        for (Queue q : queues) {
            perQueue.add(FAILURE.QUEUE.eq(q.name()).and(FAILURE.FIRST_SEEN_AT.lt(utc(at.minus(q.slaTarget())))));
        }
        return FAILURE.STATUS.in(SLA_STATUSES).and(DSL.or(perQueue));
    }

    /** A new failure and its first (automatic, failed) attempt. */
    public record NewFailure(Queue queue, FailureStatus status, Reason reason, String message, String provider,
                             String eventId, String eventType, String orderNumber, String paymentReference, String sku,
                             String warehouse, Long amountMinor, String currency, String payload,
                             Map<String, String> headers, Instant at, String actor, Integer statusCode,
                             long durationMs) {
    }

    public record Page(List<Views.Failure> items, boolean hasMore) {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    public static String failureId(long n) {
        return String.format("F-%07d", n);
    }

    // --- reading ---

    public Optional<FailureRecord> find(String id) {
        return dsl.selectFrom(FAILURE).where(FAILURE.ID.eq(id)).fetchOptional();
    }

    public Views.Failure view(String id) {
        return find(id).map(FailureStore::view).orElseThrow();
    }

    public static Views.Failure view(Record r) {
        FailureStatus status = FailureStatus.valueOf(r.get(FAILURE.STATUS));
        Queue queue = Queue.valueOf(r.get(FAILURE.QUEUE));
        Views.Resolution resolution = r.get(FAILURE.RESOLUTION_CODE) == null ? null
                : new Views.Resolution(r.get(FAILURE.RESOLVED_BY), instant(r.get(FAILURE.RESOLVED_AT)),
                        ResolutionCode.valueOf(r.get(FAILURE.RESOLUTION_CODE)), r.get(FAILURE.RESOLUTION_NOTE));
        return new Views.Failure(r.get(FAILURE.ID), queue, status,
                Reason.valueOf(r.get(FAILURE.REASON)), r.get(FAILURE.MESSAGE), status.replayable(),
                r.get(FAILURE.PROVIDER), r.get(FAILURE.EVENT_ID), r.get(FAILURE.EVENT_TYPE),
                r.get(FAILURE.ORDER_NUMBER), r.get(FAILURE.PAYMENT_REFERENCE), r.get(FAILURE.SKU),
                r.get(FAILURE.WAREHOUSE), Views.Money.of(r.get(FAILURE.AMOUNT_MINOR), r.get(FAILURE.CURRENCY)),
                instant(r.get(FAILURE.FIRST_SEEN_AT)), instant(r.get(FAILURE.LAST_ATTEMPT_AT)),
                instant(r.get(FAILURE.UPDATED_AT)), r.get(FAILURE.ATTEMPT_COUNT), r.get(FAILURE.ASSIGNEE), resolution,
                slaDueAt(queue, status, instant(r.get(FAILURE.FIRST_SEEN_AT))));
    }

    /** One page, newest first ({@code firstSeenAt}, then id, both descending), after the given position if any. */
    public Page list(Query query, Instant afterSeen, String afterId, int limit) {
        return list(query, Sort.NEWEST, afterSeen == null ? null : new After(afterSeen, afterId), limit);
    }

    /** The column a list is sorted by; failure id breaks ties. */
    public enum SortKey {
        FIRST_SEEN_AT("firstSeenAt"),
        LAST_ATTEMPT_AT("lastAttemptAt"),
        ATTEMPTS("attempts"),
        AMOUNT("amount");

        private final String param;

        SortKey(String param) {
            this.param = param;
        }

        /** The sort expression: never null, so that a keyset position is always a value. */
        Field<?> field() {
            return switch (this) {
                case FIRST_SEEN_AT -> FAILURE.FIRST_SEEN_AT;
                case LAST_ATTEMPT_AT -> DSL.coalesce(FAILURE.LAST_ATTEMPT_AT, FAILURE.FIRST_SEEN_AT);
                case ATTEMPTS -> FAILURE.ATTEMPT_COUNT;
                case AMOUNT -> amountKey(false);
            };
        }

        /** This key's value for a listed failure (what the next page's cursor carries). */
        public Comparable<?> value(Views.Failure f) {
            return switch (this) {
                case FIRST_SEEN_AT -> f.firstSeenAt();
                case LAST_ATTEMPT_AT -> f.lastAttemptAt() == null ? f.firstSeenAt() : f.lastAttemptAt();
                case ATTEMPTS -> (long) f.attemptCount();
                case AMOUNT -> amountKey(f.amount() == null ? null : f.amount().currency(),
                        f.amount() == null ? null : f.amount().amountMinor(), false);
            };
        }

        Comparable<?> value(Record r) {
            return switch (this) {
                case FIRST_SEEN_AT -> instant(r.get(FAILURE.FIRST_SEEN_AT));
                case LAST_ATTEMPT_AT -> instant(r.get(FAILURE.LAST_ATTEMPT_AT) == null ? r.get(FAILURE.FIRST_SEEN_AT)
                        : r.get(FAILURE.LAST_ATTEMPT_AT));
                case ATTEMPTS -> (long) r.get(FAILURE.ATTEMPT_COUNT);
                case AMOUNT -> amountKey(r.get(FAILURE.CURRENCY), r.get(FAILURE.AMOUNT_MINOR), false);
            };
        }

        /** A cursor's text back into a value of this key (throws on text this key never wrote). */
        public Comparable<?> parse(String text) {
            if (this == AMOUNT) {
                if (!text.equals(NO_AMOUNT) && !text.matches("[A-Z]{3}[0-9]{19}")) {
                    throw new IllegalArgumentException("not an amount key");
                }
                return text;
            }
            return this == FIRST_SEEN_AT || this == LAST_ATTEMPT_AT ? Instant.parse(text) : Long.valueOf(text);
        }

        private Object bind(Comparable<?> value) {
            return value instanceof Instant i ? utc(i) : value;
        }
    }

    /**
     * Amounts are compared within a currency, never across (4,250 pence are not more than 3,000 cents): the amount
     * order is by currency (A to Z), then by amount in the direction asked, and failures without an amount (or
     * without a currency, a malformed callback) come last either way. As one sortable text, so that a page's cursor
     * is one value: the currency, then the amount shifted to be non-negative (and mirrored for descending) in 19
     * digits; "ZZZZ" for no amount sorts after every currency.
     */
    static final String NO_AMOUNT = "ZZZZ";
    private static final long AMOUNT_SHIFT = 1_000_000_000_000_000L;

    static Field<String> amountKey(boolean descending) {
        Field<Long> shifted = descending ? DSL.inline(AMOUNT_SHIFT).minus(FAILURE.AMOUNT_MINOR)
                : FAILURE.AMOUNT_MINOR.plus(DSL.inline(AMOUNT_SHIFT));
        return DSL.when(FAILURE.CURRENCY.isNull().or(FAILURE.AMOUNT_MINOR.isNull()), DSL.inline(NO_AMOUNT))
                .otherwise(FAILURE.CURRENCY.concat(DSL.lpad(shifted.cast(String.class), 19, "0")));
    }

    static String amountKey(String currency, Long amountMinor, boolean descending) {
        if (currency == null || amountMinor == null) {
            return NO_AMOUNT;
        }
        long shifted = descending ? AMOUNT_SHIFT - amountMinor : amountMinor + AMOUNT_SHIFT;
        return currency + String.format("%019d", shifted);
    }

    /** A sort order: {@code firstSeenAt}, or {@code -firstSeenAt} for descending, and so on. */
    public record Sort(SortKey key, boolean descending) {

        public static final Sort NEWEST = new Sort(SortKey.FIRST_SEEN_AT, true);

        public static Optional<Sort> parse(String text) {
            if (text == null || text.isEmpty()) {
                return Optional.of(NEWEST);
            }
            boolean desc = text.startsWith("-");
            String name = desc ? text.substring(1) : text;
            for (SortKey k : SortKey.values()) {
                if (k.param.equals(name)) {
                    return Optional.of(new Sort(k, desc));
                }
            }
            return Optional.empty();
        }

        public String param() {
            return (descending ? "-" : "") + key.param;
        }

        /** The sort expression: for amounts, the key of this direction (read ascending). */
        private Field<?> field() {
            return key == SortKey.AMOUNT ? amountKey(descending) : key.field();
        }

        /** Whether the expression is read descending (amount keys are built for their direction: always ascending). */
        private boolean fieldDescending() {
            return key != SortKey.AMOUNT && descending;
        }

        /** This order's value for a listed failure (what the next page's cursor carries). */
        public Comparable<?> value(Views.Failure f) {
            return key == SortKey.AMOUNT ? amountKey(f.amount() == null ? null : f.amount().currency(),
                    f.amount() == null ? null : f.amount().amountMinor(), descending) : key.value(f);
        }

        private Comparable<?> value(Record r) {
            return key == SortKey.AMOUNT ? amountKey(r.get(FAILURE.CURRENCY), r.get(FAILURE.AMOUNT_MINOR), descending)
                    : key.value(r);
        }

        /** A cursor's text back into a value of this order (throws on text it never wrote). */
        public Comparable<?> parseValue(String text) {
            return key.parse(text);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        List<SortField<?>> order() {
            Field f = field();
            return List.of(fieldDescending() ? f.desc() : f.asc(), descending ? FAILURE.ID.desc() : FAILURE.ID.asc());
        }

        /** Rows strictly after {@code after} in this order. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        Condition after(After after) {
            Field f = field();
            Object v = key.bind(after.value());
            Condition beyond = fieldDescending() ? f.lt(v) : f.gt(v);
            return beyond.or(f.eq(v).and(descending ? FAILURE.ID.lt(after.id()) : FAILURE.ID.gt(after.id())));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Record> comparator() {
            Comparator<Record> byValue = Comparator.comparing(r -> (Comparable) value(r));
            if (fieldDescending()) {
                byValue = byValue.reversed();
            }
            Comparator<Record> byId = Comparator.comparing(r -> r.get(FAILURE.ID));
            return byValue.thenComparing(descending ? byId.reversed() : byId);
        }
    }

    /** Where a page starts: just after the row with this sort value and id. */
    public record After(Comparable<?> value, String id) {
    }

    /** One page in {@code sort} order, after the given position if any. */
    public Page list(Query query, Sort sort, After after, int limit) {
        List<Record> rows = sort.equals(Sort.NEWEST)
                ? newestFirst(LIST_FIELDS, query, after == null ? null : (Instant) after.value(),
                        after == null ? null : after.id(), limit + 1)
                : sorted(LIST_FIELDS, query, sort, after, limit + 1);
        boolean more = rows.size() > limit;
        List<Views.Failure> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (Record r : more ? rows.subList(0, limit) : rows) {
            items.add(view(r));
        }
        return new Page(items, more);
    }

    public long count(Query query) {
        Condition where = condition(query);
        if (!hasText(query)) {
            return dsl.fetchCount(FAILURE, where);
        }
        Select<Record1<String>> union = null;
        for (TextBranch branch : textBranches(query.text())) {
            var select = DSL.select(FAILURE.ID).from(branch.table()).where(where.and(branch.condition()));
            union = union == null ? select : union.union(select);
        }
        return dsl.fetchCount(union);
    }

    /** The ids matching {@code query}, newest first, at most {@code max} (+1, so the caller can tell there are more). */
    public List<String> ids(Query query, int max) {
        return newestFirst(List.of(FAILURE.ID, FAILURE.FIRST_SEEN_AT), query, null, null, max + 1).stream()
                .map(r -> r.get(FAILURE.ID)).toList();
    }

    /** The failures with these ids (in no particular order; unknown ids are left out). */
    public List<FailureRecord> findAll(List<String> ids) {
        return dsl.selectFrom(FAILURE).where(FAILURE.ID.in(ids)).fetch();
    }

    /**
     * Up to {@code limit} rows matching {@code query}, newest first, after the given position. The sort leads with
     * the columns a filter fixes (queue, status, reason, provider), so that H2 reads the matching index in order and
     * stops after {@code limit} rows instead of sorting every match. A text search runs as one index range per
     * column (order number, payment reference, event id, failure id), merged here: an OR across four columns, or an
     * IN over their union, would make H2 read the whole table.
     */
    private List<Record> newestFirst(List<? extends SelectField<?>> fields, Query query, Instant afterSeen,
                                     String afterId, int limit) {
        if (hasText(query)) {
            return sorted(fields, query, Sort.NEWEST, afterSeen == null ? null : new After(afterSeen, afterId), limit);
        }
        Condition where = condition(query);
        if (afterSeen != null) {
            OffsetDateTime seen = utc(afterSeen);
            // "seen <= x" is an index range; the rest settles the rows seen at exactly x.
            where = where.and(FAILURE.FIRST_SEEN_AT.le(seen))
                    .and(FAILURE.FIRST_SEEN_AT.lt(seen).or(FAILURE.ID.lt(afterId)));
        }
        SortedBy sorted = sortOrder(query);
        return new ArrayList<>(dsl.select(fields).from(sorted.index() == null ? FAILURE : withIndex(sorted.index()))
                .where(where).orderBy(sorted.order()).limit(limit).fetch());
    }

    /**
     * Up to {@code limit} rows in {@code sort} order after the given position. Without text H2 sorts the matching
     * rows (no index serves the orders other than newest first); a text search reads one index range per column
     * and merges them here.
     */
    private List<Record> sorted(List<? extends SelectField<?>> fields, Query query, Sort sort, After after,
                                int limit) {
        Condition where = condition(query);
        if (after != null) {
            where = where.and(sort.after(after));
        }
        if (!hasText(query)) {
            return new ArrayList<>(dsl.select(fields).from(FAILURE).where(where).orderBy(sort.order())
                    .limit(limit).fetch());
        }
        Map<String, Record> merged = new LinkedHashMap<>();
        for (TextBranch branch : textBranches(query.text())) {
            for (Record r : dsl.select(fields).from(branch.table()).where(where.and(branch.condition()))
                    .orderBy(sort.order()).limit(limit).fetch()) {
                merged.putIfAbsent(r.get(FAILURE.ID), r);
            }
        }
        List<Record> rows = new ArrayList<>(merged.values());
        rows.sort(sort.comparator());
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    private static boolean hasText(Query q) {
        return q.text() != null && !q.text().isEmpty();
    }

    /** A newest-first order and the index that yields it (null: let H2 choose). */
    private record SortedBy(List<SortField<?>> order, String index) {
    }

    /**
     * The newest-first order, led by the columns the query fixes to one value, and the index sorted that way (named,
     * because H2 would rather use an index for a status list than one it can read in order; see
     * {@link #newestFirst}).
     */
    private static SortedBy sortOrder(Query q) {
        boolean oneQueue = q.queue() != null || q.scope() != null && q.scope().size() == 1;
        boolean oneStatus = q.statuses() != null && q.statuses().size() == 1;
        List<SortField<?>> order = new ArrayList<>();
        String index = null;
        if (oneQueue && oneStatus) {
            order.add(FAILURE.QUEUE.asc());
            order.add(FAILURE.STATUS.asc());
            index = "IX_FAILURE_QUEUE_STATUS_SEEN";
        } else if (q.reason() != null) {
            order.add(FAILURE.REASON.asc());
            index = "IX_FAILURE_REASON_SEEN";
        } else if (q.provider() != null) {
            order.add(FAILURE.PROVIDER.asc());
            index = "IX_FAILURE_PROVIDER_SEEN";
        } else if (oneQueue) {
            order.add(FAILURE.QUEUE.asc());
            index = "IX_FAILURE_QUEUE_SEEN";
        }
        order.add(FAILURE.FIRST_SEEN_AT.desc());
        order.add(FAILURE.ID.desc());
        return new SortedBy(order, index);
    }

    /** One column a text search looks at: its prefix condition, read through that column's index. */
    private record TextBranch(Table<?> table, Condition condition) {
    }

    private List<TextBranch> textBranches(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return List.of(
                new TextBranch(withIndex("IX_FAILURE_ORDER"), prefix(FAILURE.ORDER_NUMBER, upper)),
                new TextBranch(withIndex("IX_FAILURE_PAYMENT"), prefix(FAILURE.PAYMENT_REFERENCE, text)),
                new TextBranch(withIndex("IX_FAILURE_EVENT"), prefix(FAILURE.EVENT_ID, text)),
                new TextBranch(withIndex(primaryKeyIndex()), prefix(FAILURE.ID, upper)));
    }

    /** The failure table, read through one index: H2 would otherwise prefer an equality index (queue) to a range. */
    private static Table<?> withIndex(String index) {
        return DSL.table("{0} USE INDEX ({1})", FAILURE, DSL.name(index));
    }

    private String primaryKeyIndex() {
        String name = primaryKeyIndex;
        if (name == null) {
            name = dsl.select(DSL.field("INDEX_NAME", String.class)).from("INFORMATION_SCHEMA.INDEXES")
                    .where(DSL.field("TABLE_NAME").eq("FAILURE")).and(DSL.field("INDEX_TYPE_NAME").eq("PRIMARY KEY"))
                    .fetchSingle(0, String.class);
            primaryKeyIndex = name;
        }
        return name;
    }

    static Condition condition(Query q) {
        List<Condition> c = new ArrayList<>();
        if (q.scope() != null) {
            c.add(q.scope().size() == 1 ? FAILURE.QUEUE.eq(q.scope().iterator().next().name())
                    : FAILURE.QUEUE.in(q.scope().stream().map(Enum::name).toList()));
        }
        if (q.queue() != null) {
            c.add(FAILURE.QUEUE.eq(q.queue().name()));
        }
        if (q.statuses() != null && !q.statuses().isEmpty()) {
            c.add(q.statuses().size() == 1 ? FAILURE.STATUS.eq(q.statuses().iterator().next().name())
                    : FAILURE.STATUS.in(q.statuses().stream().map(Enum::name).toList()));
        }
        if (q.reason() != null) {
            c.add(FAILURE.REASON.eq(q.reason().name()));
        }
        if (q.provider() != null) {
            c.add(FAILURE.PROVIDER.eq(q.provider()));
        }
        if (UNASSIGNED.equals(q.assignee())) {
            c.add(FAILURE.ASSIGNEE.isNull());
        } else if (q.assignee() != null) {
            c.add(FAILURE.ASSIGNEE.eq(q.assignee()));
        }
        if (q.since() != null) {
            c.add(FAILURE.FIRST_SEEN_AT.ge(utc(q.since())));
        }
        if (q.until() != null) {
            c.add(FAILURE.FIRST_SEEN_AT.lt(utc(q.until())));
        }
        if (q.pastSlaAt() != null) {
            c.add(pastSla(q.queue() != null ? List.of(q.queue()) : List.of(Queue.values()), q.pastSlaAt()));
        }
        return DSL.and(c);
    }

    /** {@code field} starts with {@code prefix}, as an index range. */
    private static Condition prefix(Field<String> field, String prefix) {
        return field.ge(prefix).and(field.lt(prefix + Character.MAX_VALUE));
    }

    /** Counts per queue and status, new in the last hour, and per hour for the 24 hours up to {@code now}. */
    public Views.Summary summary(Set<Queue> scope, Instant now) {
        List<Queue> queues = scope == null ? List.of(Queue.values())
                : List.of(Queue.values()).stream().filter(scope::contains).toList();
        Condition inScope = FAILURE.QUEUE.in(queues.stream().map(Enum::name).toList());
        Map<Queue, Map<FailureStatus, Long>> byStatus = new EnumMap<>(Queue.class);
        dsl.select(FAILURE.QUEUE, FAILURE.STATUS, DSL.count()).from(FAILURE).where(inScope)
                .groupBy(FAILURE.QUEUE, FAILURE.STATUS)
                .forEach(r -> byStatus.computeIfAbsent(Queue.valueOf(r.value1()), q -> new EnumMap<>(FailureStatus.class))
                        .put(FailureStatus.valueOf(r.value2()), r.value3().longValue()));
        Map<String, Long> lastHour = new TreeMap<>();
        dsl.select(FAILURE.QUEUE, DSL.count()).from(FAILURE)
                .where(inScope.and(FAILURE.FIRST_SEEN_AT.ge(utc(now.minus(1, ChronoUnit.HOURS)))))
                .groupBy(FAILURE.QUEUE)
                .forEach(r -> lastHour.put(r.value1(), r.value2().longValue()));
        Map<String, Long> pastSla = new TreeMap<>();
        dsl.select(FAILURE.QUEUE, DSL.count()).from(FAILURE)
                .where(inScope.and(pastSla(queues, now)))
                .groupBy(FAILURE.QUEUE)
                .forEach(r -> pastSla.put(r.value1(), r.value2().longValue()));

        long currentHour = Math.floorDiv(now.getEpochSecond(), 3600);
        long firstHour = currentHour - 23;
        Field<Long> hourOf = DSL.field("CAST(FLOOR(EXTRACT(EPOCH FROM {0}) / 3600) AS BIGINT)", Long.class,
                FAILURE.FIRST_SEEN_AT);
        Map<Long, Map<String, Long>> hours = new TreeMap<>();
        for (long h = firstHour; h <= currentHour; h++) {
            Map<String, Long> counts = new LinkedHashMap<>();
            queues.forEach(q -> counts.put(q.name(), 0L));
            hours.put(h, counts);
        }
        dsl.select(FAILURE.QUEUE, hourOf, DSL.count()).from(FAILURE)
                .where(inScope.and(FAILURE.FIRST_SEEN_AT.ge(utc(Instant.ofEpochSecond(firstHour * 3600)))))
                .groupBy(FAILURE.QUEUE, hourOf)
                .forEach(r -> {
                    Map<String, Long> counts = hours.get(r.value2());
                    if (counts != null) {
                        counts.put(r.value1(), r.value3().longValue());
                    }
                });

        List<Views.QueueSummary> perQueue = new ArrayList<>();
        for (Queue q : queues) {
            Map<FailureStatus, Long> counts = byStatus.getOrDefault(q, Map.of());
            Map<String, Long> statuses = new LinkedHashMap<>();
            for (FailureStatus s : FailureStatus.values()) {
                statuses.put(s.name(), counts.getOrDefault(s, 0L));
            }
            long open = counts.getOrDefault(FailureStatus.OPEN, 0L) + counts.getOrDefault(FailureStatus.REPLAYING, 0L);
            perQueue.add(new Views.QueueSummary(q, open, lastHour.getOrDefault(q.name(), 0L), statuses,
                    q.slaTarget().toMinutes(), pastSla.getOrDefault(q.name(), 0L)));
        }
        List<Views.HourBucket> hourly = new ArrayList<>();
        hours.forEach((h, counts) -> hourly.add(new Views.HourBucket(Instant.ofEpochSecond(h * 3600), counts)));
        return new Views.Summary(now.truncatedTo(ChronoUnit.MILLIS), perQueue, hourly);
    }

    /** The failure with its payload, headers, attempts, notes and (if it names one that exists) its order. */
    public Views.FailureDetail detail(FailureRecord r) {
        List<Views.Attempt> attempts = dsl.selectFrom(FAILURE_ATTEMPT)
                .where(FAILURE_ATTEMPT.FAILURE_ID.eq(r.getId()))
                .orderBy(FAILURE_ATTEMPT.ATTEMPT_NUMBER)
                .fetch(FailureStore::attempt);
        List<Views.Note> notes = dsl.selectFrom(FAILURE_NOTE)
                .where(FAILURE_NOTE.FAILURE_ID.eq(r.getId()))
                .orderBy(FAILURE_NOTE.NOTED_AT, FAILURE_NOTE.ID)
                .fetch(n -> new Views.Note(n.getId(), instant(n.getNotedAt()), n.getAuthor(), n.getNoteText()));
        Views.Order order = r.getOrderNumber() == null ? null : order(r.getOrderNumber()).orElse(null);
        return new Views.FailureDetail(view(r), r.getPayload(), headers(r.getHeaders()), attempts, notes, order);
    }

    private static Views.Attempt attempt(FailureAttemptRecord a) {
        return new Views.Attempt(a.getAttemptNumber(), instant(a.getAttemptedAt()), Trigger.valueOf(a.getTriggerKind()),
                a.getActor(), Outcome.valueOf(a.getOutcome()), a.getEffect() == null ? null : Effect.valueOf(a.getEffect()),
                a.getStatusCode(), a.getErrorMessage(), a.getDurationMs(), a.getJobId());
    }

    public Optional<Views.Order> order(String orderNumber) {
        CustomerOrderRecord o = dsl.selectFrom(CUSTOMER_ORDER).where(CUSTOMER_ORDER.ORDER_NUMBER.eq(orderNumber))
                .fetchOne();
        if (o == null) {
            return Optional.empty();
        }
        List<Views.Payment> payments = dsl.selectFrom(PAYMENT).where(PAYMENT.ORDER_NUMBER.eq(orderNumber))
                .orderBy(PAYMENT.CREATED_AT, PAYMENT.REFERENCE)
                .fetch(p -> new Views.Payment(p.getReference(), p.getProvider(),
                        new Views.Money(p.getAmountMinor(), p.getCurrency()), p.getState(),
                        instant(p.getCapturedAt())));
        return Optional.of(new Views.Order(o.getOrderNumber(), o.getStatus(),
                new Views.Money(o.getTotalMinor(), o.getCurrency()), o.getCustomerEmail(), instant(o.getCreatedAt()),
                payments));
    }

    static Map<String, String> headers(String json) {
        try {
            return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    static String headersJson(Map<String, String> headers) {
        try {
            String json = JSON.writeValueAsString(headers == null ? Map.of() : headers);
            return json.length() <= 4000 ? json : "{}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- writing ---

    /** Inserts a new failure (with the next id) and its first attempt, inside {@code tx}. */
    public String insert(DSLContext tx, NewFailure f) {
        String id = failureId(tx.nextval(Sequences.FAILURE_ID_SEQ));
        OffsetDateTime at = utc(f.at());
        tx.insertInto(FAILURE)
                .set(FAILURE.ID, id)
                .set(FAILURE.QUEUE, f.queue().name())
                .set(FAILURE.STATUS, f.status().name())
                .set(FAILURE.REASON, f.reason().name())
                .set(FAILURE.MESSAGE, clip(f.message(), 1000))
                .set(FAILURE.PROVIDER, f.provider())
                .set(FAILURE.EVENT_ID, clip(f.eventId(), 128))
                .set(FAILURE.EVENT_TYPE, clip(f.eventType(), 64))
                .set(FAILURE.ORDER_NUMBER, f.orderNumber())
                .set(FAILURE.PAYMENT_REFERENCE, f.paymentReference())
                .set(FAILURE.SKU, f.sku())
                .set(FAILURE.WAREHOUSE, f.warehouse())
                .set(FAILURE.AMOUNT_MINOR, f.amountMinor())
                .set(FAILURE.CURRENCY, f.currency())
                .set(FAILURE.PAYLOAD, f.payload())
                .set(FAILURE.HEADERS, headersJson(f.headers()))
                .set(FAILURE.FIRST_SEEN_AT, at)
                .set(FAILURE.LAST_ATTEMPT_AT, at)
                .set(FAILURE.UPDATED_AT, at)
                .set(FAILURE.ATTEMPT_COUNT, 1)
                .set(FAILURE.VERSION, 0)
                .execute();
        tx.insertInto(FAILURE_ATTEMPT)
                .set(FAILURE_ATTEMPT.FAILURE_ID, id)
                .set(FAILURE_ATTEMPT.ATTEMPT_NUMBER, 1)
                .set(FAILURE_ATTEMPT.ATTEMPTED_AT, at)
                .set(FAILURE_ATTEMPT.TRIGGER_KIND, Trigger.AUTOMATIC.name())
                .set(FAILURE_ATTEMPT.ACTOR, f.actor())
                .set(FAILURE_ATTEMPT.OUTCOME, Outcome.FAILED.name())
                .set(FAILURE_ATTEMPT.STATUS_CODE, f.statusCode())
                .set(FAILURE_ATTEMPT.ERROR_MESSAGE, clip(f.message(), 1000))
                .set(FAILURE_ATTEMPT.DURATION_MS, (int) Math.min(Integer.MAX_VALUE, f.durationMs()))
                .execute();
        AuditLog.append(tx, FailureAudit.entry(f.at(), f.actor(), "failure.created", id, f.orderNumber(),
                f.warehouse(), f.sku())
                .with("queue", f.queue().name()).with("status", f.status().name()).with("reason", f.reason().name())
                .with("message", clip(f.message(), 1000)).with("provider", f.provider())
                .with("eventId", clip(f.eventId(), 128)).with("paymentReference", f.paymentReference()));
        return id;
    }

    /** Puts failures a crashed process left in REPLAYING back to OPEN; returns how many. */
    public int reopenStaleReplays(Instant now) {
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            List<FailureRecord> stuck = tx.selectFrom(FAILURE)
                    .where(FAILURE.STATUS.eq(FailureStatus.REPLAYING.name())).forUpdate().fetch();
            if (stuck.isEmpty()) {
                return 0;
            }
            tx.update(FAILURE)
                    .set(FAILURE.STATUS, FailureStatus.OPEN.name())
                    .set(FAILURE.UPDATED_AT, utc(now))
                    .set(FAILURE.VERSION, FAILURE.VERSION.plus(1))
                    .where(FAILURE.STATUS.eq(FailureStatus.REPLAYING.name()))
                    .execute();
            List<AuditEntry> audit = new ArrayList<>();
            for (FailureRecord f : stuck) {
                audit.add(FailureAudit.entry(now, "system:sandbox", "failure.reopened", f)
                        .with("why", "The server stopped while this failure was being replayed; nothing was applied.")
                        .change(AuditEntry.values("status", FailureStatus.REPLAYING.name()),
                                AuditEntry.values("status", FailureStatus.OPEN.name())));
            }
            AuditLog.append(tx, audit);
            return stuck.size();
        });
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
