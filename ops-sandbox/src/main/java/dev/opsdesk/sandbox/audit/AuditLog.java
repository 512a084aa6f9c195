package dev.opsdesk.sandbox.audit;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static dev.opsdesk.sandbox.db.Tables.AUDIT_HEAD;

import dev.opsdesk.sandbox.db.tables.records.AuditHeadRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Appends audit events to the hash chain, inside the caller's transaction. The append locks the chain's head row
 * until that transaction ends, so sequences are gapless and every event links to the one committed before it; a
 * transaction that rolls back takes its events with it. Call it as the last write of a transaction: holding the head
 * while waiting for another row could deadlock with a transaction that holds that row and waits for the head.
 */
public final class AuditLog {

    private AuditLog() {
    }

    /** The fields of the canonical form, in the contract's names. */
    public static Map<String, Object> canonicalFields(long sequence, Instant at, String actor, String actorType,
                                                      String action, String entityType, String entityId,
                                                      String orderNumber, String warehouse, String sku,
                                                      String requestId,
                                                      String correlationId, Object details, String prevHash) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", sequence);
        m.put("at", at);
        m.put("actor", actor);
        m.put("actorType", actorType);
        m.put("action", action);
        m.put("entityType", entityType);
        m.put("entityId", entityId);
        m.put("orderNumber", orderNumber);
        m.put("warehouse", warehouse);
        m.put("sku", sku);
        m.put("requestId", requestId);
        m.put("correlationId", correlationId);
        m.put("details", details);
        m.put("prevHash", prevHash);
        return m;
    }

    /** The canonical form of an event whose details are already canonical JSON text (as stored). */
    public static String canonical(long sequence, Instant at, String actor, String actorType, String action,
                                   String entityType, String entityId, String orderNumber, String warehouse,
                                   String sku, String requestId, String correlationId, String detailsJson,
                                   String prevHash) {
        return Canonical.json(canonicalFields(sequence, at, actor, actorType, action, entityType, entityId,
                orderNumber, warehouse, sku, requestId, correlationId, new Canonical.Raw(detailsJson), prevHash));
    }

    /**
     * Appends {@code entries} in order, as the last writes of the transaction {@code tx}; returns the last sequence,
     * or 0 when they are held (see {@link #hold(DSLContext)}) to be appended once the seeded history is in.
     */
    public static long append(DSLContext tx, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        AuditPublisher publisher = AuditPublisher.of(tx);
        Hold hold = publisher == null ? null : publisher.hold;
        if (hold != null && hold.keep(entries)) {
            return 0;
        }
        AuditHeadRecord head = tx.selectFrom(AUDIT_HEAD).where(AUDIT_HEAD.ID.eq(1)).forUpdate().fetchSingle();
        long sequence = head.getLastSequence();
        String prev = head.getLastHash();
        Instant last = head.getLastAt() == null ? Instant.EPOCH : head.getLastAt().toInstant();
        String requestId = AuditContext.requestId();
        var insert = tx.insertInto(AUDIT_EVENT, AUDIT_EVENT.SEQUENCE, AUDIT_EVENT.AT, AUDIT_EVENT.ACTOR,
                AUDIT_EVENT.ACTOR_TYPE, AUDIT_EVENT.ACTION, AUDIT_EVENT.ENTITY_TYPE, AUDIT_EVENT.ENTITY_ID,
                AUDIT_EVENT.ORDER_NUMBER, AUDIT_EVENT.WAREHOUSE, AUDIT_EVENT.SKU, AUDIT_EVENT.REQUEST_ID, AUDIT_EVENT.CORRELATION_ID,
                AUDIT_EVENT.DETAILS, AUDIT_EVENT.PREV_HASH, AUDIT_EVENT.HASH);
        List<AuditQueries.Event> appended = new ArrayList<>(entries.size());
        for (AuditEntry e : entries) {
            sequence++;
            // Time never runs backwards along the chain (a clock step back would otherwise break time ranges).
            Instant at = e.at().truncatedTo(ChronoUnit.MILLIS);
            if (at.isBefore(last)) {
                at = last;
            }
            last = at;
            String details = Canonical.json(e.details());
            String hash = Canonical.sha256Hex(canonical(sequence, at, e.actor(), e.actorType().name(), e.action(),
                    e.entityType(), e.entityId(), e.orderNumber(), e.warehouse(), e.sku(), requestId,
                    e.correlationId(), details, prev));
            insert = insert.values(sequence, utc(at), e.actor(), e.actorType().name(), e.action(), e.entityType(),
                    e.entityId(), e.orderNumber(), e.warehouse(), e.sku(), requestId, e.correlationId(), details,
                    prev, hash);
            appended.add(new AuditQueries.Event(sequence, at, e.actor(), e.actorType().name(), e.action(),
                    e.entityType(), e.entityId(), e.orderNumber(), e.warehouse(), e.sku(), requestId,
                    e.correlationId(), details, prev, hash));
            prev = hash;
        }
        insert.execute();
        AuditPublisher.appended(appended);
        tx.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_SEQUENCE, sequence).set(AUDIT_HEAD.LAST_HASH, prev)
                .set(AUDIT_HEAD.LAST_AT, utc(last)).where(AUDIT_HEAD.ID.eq(1)).execute();
        return sequence;
    }

    public static long append(DSLContext tx, AuditEntry... entries) {
        return append(tx, List.of(entries));
    }

    /**
     * From now on, holds back what is appended through {@code live} (which has an {@link AuditPublisher}) until
     * {@link Hold#release()}: while the seeded history is written through another {@link DSLContext} from the
     * genesis on, a live event (a sign-in) cannot take a place in the chain yet. Each transaction's events are kept
     * when it commits (dropped if it rolls back), with the id of the request that appended them, and appended in
     * commit order after the seeded history: the chain stays one chain, in time order.
     *
     * @throws IllegalStateException if {@code live} has no publisher (nothing would tell a commit from a rollback)
     */
    public static Hold hold(DSLContext live) {
        AuditPublisher publisher = AuditPublisher.of(live);
        if (publisher == null) {
            throw new IllegalStateException("Install an AuditPublisher on the database before holding appends");
        }
        Hold hold = new Hold(live, publisher);
        publisher.hold = hold;
        return hold;
    }

    /** Live appends held back while the seeded history is written; see {@link #hold(DSLContext)}. */
    public static final class Hold {

        /** What one committed transaction appended, and for which request. */
        private record Held(String requestId, List<AuditEntry> entries) {
        }

        private final DSLContext live;
        private final AuditPublisher publisher;
        private final List<Held> held = new ArrayList<>();
        private boolean holding = true;

        private Hold(DSLContext live, AuditPublisher publisher) {
            this.live = live;
            this.publisher = publisher;
        }

        /** Keeps {@code entries} for when their transaction commits; false once released (append them now). */
        private boolean keep(List<AuditEntry> entries) {
            synchronized (this) {
                if (!holding) {
                    return false;
                }
            }
            Held h = new Held(AuditContext.requestId(), List.copyOf(entries));
            if (!AuditPublisher.afterCommit(() -> committed(h))) {
                committed(h); // not in a transaction: nothing can roll it back
            }
            return true;
        }

        private void committed(Held h) {
            synchronized (this) {
                if (holding) {
                    held.add(h);
                    return;
                }
            }
            // Released between the append and its commit: right after, in a transaction of its own.
            appendAll(List.of(h));
        }

        /** How many transactions' events are held now. */
        public synchronized int size() {
            return held.size();
        }

        /** Appends what was held, in commit order, after what is in the chain now; from now on nothing is held. */
        public synchronized void release() {
            holding = false;
            publisher.hold = null;
            appendAll(held);
            held.clear();
        }

        private void appendAll(List<Held> all) {
            String current = AuditContext.requestId();
            try {
                for (Held h : all) {
                    AuditContext.begin(h.requestId());
                    live.transaction(tx -> append(tx.dsl(), h.entries()));
                }
            } finally {
                if (current == null) {
                    AuditContext.end();
                } else {
                    AuditContext.begin(current);
                }
            }
        }
    }

    static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
