package dev.opsdesk.sandbox.seed;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_HEAD;
import static dev.opsdesk.sandbox.db.Tables.CUSTOMER_ORDER;
import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_ATTEMPT;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_NOTE;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT_CAPTURE;
import static dev.opsdesk.sandbox.db.Tables.REPLAY_JOB;

import dev.opsdesk.sandbox.Scale;
import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.audit.Canonical;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The audit history of the seeded data: what the storefront, the webhooks and the staff would have recorded while
 * the seeded orders, payments, failures, replays, notes and resolutions came about, plus the staff's sign-ins; in
 * time order, hash-chained exactly as {@link AuditLog} chains live events, so a client can verify the seeded trail
 * like any other.
 */
public final class AuditSeeder {

    private final List<AuditEntry> entries = new ArrayList<>();
    private final Random random;
    private final Instant now;

    private AuditSeeder(long seed, Instant now) {
        this.random = new Random(seed * 17 + 3);
        this.now = now;
    }

    /** Seeds the trail from what the database holds; returns how many events. */
    public static long seed(DSLContext dsl, long seed, Instant now, Scale scale, List<Seeder.SeedUser> users) {
        Duration window = FailureSeeder.size(scale).window();
        AuditSeeder seeder = new AuditSeeder(seed, now);
        seeder.orders(dsl);
        seeder.failures(dsl);
        seeder.jobs(dsl);
        seeder.signIns(users, window);
        return seeder.insert(dsl);
    }

    private void orders(DSLContext dsl) {
        for (Record o : dsl.select(CUSTOMER_ORDER.ORDER_NUMBER, CUSTOMER_ORDER.TOTAL_MINOR, CUSTOMER_ORDER.CURRENCY,
                CUSTOMER_ORDER.CREATED_AT, PAYMENT.REFERENCE, PAYMENT.PROVIDER, PAYMENT.STATE, PAYMENT.REFUNDED_AT,
                CUSTOMER_ORDER.UPDATED_AT).from(CUSTOMER_ORDER).leftJoin(PAYMENT)
                .on(PAYMENT.ORDER_NUMBER.eq(CUSTOMER_ORDER.ORDER_NUMBER)).fetch()) {
            String number = o.get(CUSTOMER_ORDER.ORDER_NUMBER);
            Instant created = o.get(CUSTOMER_ORDER.CREATED_AT).toInstant();
            entries.add(AuditEntry.bySystem(created, "storefront", "order.created", "order", number).order(number)
                    .with("total", money(o.get(CUSTOMER_ORDER.TOTAL_MINOR), o.get(CUSTOMER_ORDER.CURRENCY)))
                    .with("payment", AuditEntry.values("reference", o.get(PAYMENT.REFERENCE),
                            "provider", o.get(PAYMENT.PROVIDER), "state", "AUTHORIZED")));
            String reference = o.get(PAYMENT.REFERENCE);
            if (reference == null) {
                continue;
            }
            String state = o.get(PAYMENT.STATE);
            if ("FAILED".equals(state)) {
                entries.add(payment(o.get(CUSTOMER_ORDER.UPDATED_AT).toInstant(), "system:webhooks", "payment.failed",
                        reference, number, o.get(CUSTOMER_ORDER.TOTAL_MINOR), o.get(CUSTOMER_ORDER.CURRENCY),
                        "webhook:" + o.get(PAYMENT.PROVIDER), "AUTHORIZED", "FAILED"));
            }
            if (o.get(PAYMENT.REFUNDED_AT) != null) {
                entries.add(payment(o.get(PAYMENT.REFUNDED_AT).toInstant(), "system:webhooks", "payment.refunded",
                        reference, number, o.get(CUSTOMER_ORDER.TOTAL_MINOR), o.get(CUSTOMER_ORDER.CURRENCY),
                        "webhook:" + o.get(PAYMENT.PROVIDER), "CAPTURED", "REFUNDED"));
            }
        }
        // Captures: by a callback on arrival, or by a replay (then the replaying user, from the attempt).
        Map<String, String> replayActors = new HashMap<>();
        for (Record a : dsl.select(FAILURE_ATTEMPT.FAILURE_ID, FAILURE_ATTEMPT.ATTEMPT_NUMBER, FAILURE_ATTEMPT.ACTOR)
                .from(FAILURE_ATTEMPT).where(FAILURE_ATTEMPT.EFFECT.eq("CAPTURE_PAYMENT")).fetch()) {
            replayActors.put("replay:" + a.get(FAILURE_ATTEMPT.FAILURE_ID) + "#" + a.get(FAILURE_ATTEMPT.ATTEMPT_NUMBER),
                    a.get(FAILURE_ATTEMPT.ACTOR));
        }
        for (Record c : dsl.select(PAYMENT_CAPTURE.PAYMENT_REFERENCE, PAYMENT_CAPTURE.AMOUNT_MINOR,
                PAYMENT_CAPTURE.CURRENCY, PAYMENT_CAPTURE.CAPTURED_AT, PAYMENT_CAPTURE.SOURCE, PAYMENT.ORDER_NUMBER)
                .from(PAYMENT_CAPTURE).join(PAYMENT).on(PAYMENT.REFERENCE.eq(PAYMENT_CAPTURE.PAYMENT_REFERENCE))
                .fetch()) {
            String source = c.get(PAYMENT_CAPTURE.SOURCE);
            Instant at = c.get(PAYMENT_CAPTURE.CAPTURED_AT).toInstant();
            String order = c.get(PAYMENT.ORDER_NUMBER);
            String actor;
            if (source.startsWith("webhook:")) {
                actor = "system:webhooks";
                entries.add(AuditEntry.bySystem(at, "webhooks", "webhook.processed", "webhook",
                                source.substring("webhook:".length())).order(order)
                        .with("type", "payment.succeeded")
                        .with("paymentReference", c.get(PAYMENT_CAPTURE.PAYMENT_REFERENCE))
                        .with("outcome", "SUCCEEDED").with("effect", "CAPTURE_PAYMENT").with("message", null));
            } else {
                actor = replayActors.getOrDefault(source, "system:payments");
            }
            entries.add(payment(at, actor, "payment.captured", c.get(PAYMENT_CAPTURE.PAYMENT_REFERENCE), order,
                    c.get(PAYMENT_CAPTURE.AMOUNT_MINOR), c.get(PAYMENT_CAPTURE.CURRENCY), source, "AUTHORIZED",
                    "CAPTURED"));
        }
    }

    private static AuditEntry payment(Instant at, String actor, String action, String reference, String order,
                                      Long amount, String currency, String source, String before, String after) {
        return AuditEntry.by(at, actor, action, "payment", reference).order(order)
                .with("amount", money(amount, currency)).with("source", source)
                .change(AuditEntry.values("state", before), AuditEntry.values("state", after));
    }

    private void failures(DSLContext dsl) {
        Map<String, Record> failures = new HashMap<>();
        for (Record f : dsl.select(FAILURE.ID, FAILURE.QUEUE, FAILURE.STATUS, FAILURE.REASON, FAILURE.MESSAGE,
                FAILURE.PROVIDER, FAILURE.EVENT_ID, FAILURE.ORDER_NUMBER, FAILURE.PAYMENT_REFERENCE, FAILURE.SKU,
                FAILURE.WAREHOUSE, FAILURE.FIRST_SEEN_AT, FAILURE.ASSIGNEE, FAILURE.RESOLVED_BY, FAILURE.RESOLVED_AT,
                FAILURE.RESOLUTION_CODE, FAILURE.RESOLUTION_NOTE).from(FAILURE).fetch()) {
            failures.put(f.get(FAILURE.ID), f);
            Instant seen = f.get(FAILURE.FIRST_SEEN_AT).toInstant();
            if (f.get(FAILURE.ASSIGNEE) != null) {
                Instant at = seen.plusSeconds(30 + random.nextInt(600));
                entries.add(about(f, at.isAfter(now) ? now : at, f.get(FAILURE.ASSIGNEE), "failure.assigned")
                        .change(AuditEntry.values("assignee", null),
                                AuditEntry.values("assignee", f.get(FAILURE.ASSIGNEE))));
            }
            String code = f.get(FAILURE.RESOLUTION_CODE);
            if (code != null && !code.equals("REPLAYED")) {
                boolean dismissed = f.get(FAILURE.STATUS).equals("DISMISSED");
                entries.add(about(f, f.get(FAILURE.RESOLVED_AT).toInstant(), f.get(FAILURE.RESOLVED_BY),
                        dismissed ? "failure.dismissed" : "failure.resolved")
                        .change(AuditEntry.values("status", f.get(FAILURE.REASON).startsWith("SIGNATURE")
                                        || f.get(FAILURE.REASON).startsWith("TIMESTAMP") ? "DEAD" : "OPEN"),
                                AuditEntry.values("status", f.get(FAILURE.STATUS), "resolutionCode", code,
                                        "resolutionNote", f.get(FAILURE.RESOLUTION_NOTE))));
            }
        }
        for (Record a : dsl.selectFrom(FAILURE_ATTEMPT)
                .orderBy(FAILURE_ATTEMPT.FAILURE_ID, FAILURE_ATTEMPT.ATTEMPT_NUMBER).fetch()) {
            Record f = failures.get(a.get(FAILURE_ATTEMPT.FAILURE_ID));
            Instant at = a.get(FAILURE_ATTEMPT.ATTEMPTED_AT).toInstant();
            int number = a.get(FAILURE_ATTEMPT.ATTEMPT_NUMBER);
            if (number == 1) {
                String actor = a.get(FAILURE_ATTEMPT.ACTOR);
                entries.add(about(f, at, actor.startsWith("system:") ? actor : "system:" + actor, "failure.created")
                        .with("queue", f.get(FAILURE.QUEUE))
                        .with("status", f.get(FAILURE.REASON).startsWith("SIGNATURE")
                                || f.get(FAILURE.REASON).startsWith("TIMESTAMP") ? "DEAD" : "OPEN")
                        .with("reason", f.get(FAILURE.REASON)).with("message", a.get(FAILURE_ATTEMPT.ERROR_MESSAGE))
                        .with("provider", f.get(FAILURE.PROVIDER)).with("eventId", f.get(FAILURE.EVENT_ID))
                        .with("paymentReference", f.get(FAILURE.PAYMENT_REFERENCE)));
            } else {
                boolean ok = a.get(FAILURE_ATTEMPT.OUTCOME).equals("SUCCEEDED")
                        || a.get(FAILURE_ATTEMPT.OUTCOME).equals("SKIPPED");
                entries.add(about(f, at, a.get(FAILURE_ATTEMPT.ACTOR), "failure.replayed")
                        .correlation(a.get(FAILURE_ATTEMPT.JOB_ID))
                        .with("trigger", a.get(FAILURE_ATTEMPT.TRIGGER_KIND))
                        .with("outcome", a.get(FAILURE_ATTEMPT.OUTCOME)).with("effect", a.get(FAILURE_ATTEMPT.EFFECT))
                        .with("message", a.get(FAILURE_ATTEMPT.ERROR_MESSAGE)).with("note", null)
                        .change(AuditEntry.values("status", "OPEN", "attempts", (long) number - 1),
                                AuditEntry.values("status", ok ? "RESOLVED" : "OPEN", "attempts", (long) number)));
            }
        }
        for (Record n : dsl.selectFrom(FAILURE_NOTE).fetch()) {
            Record f = failures.get(n.get(FAILURE_NOTE.FAILURE_ID));
            entries.add(about(f, n.get(FAILURE_NOTE.NOTED_AT).toInstant(), n.get(FAILURE_NOTE.AUTHOR),
                    "failure.noted").with("noteId", n.get(FAILURE_NOTE.ID)).with("text", n.get(FAILURE_NOTE.NOTE_TEXT)));
        }
    }

    private static AuditEntry about(Record f, Instant at, String actor, String action) {
        return AuditEntry.by(at, actor, action, "failure", f.get(FAILURE.ID)).order(f.get(FAILURE.ORDER_NUMBER))
                .warehouse(f.get(FAILURE.WAREHOUSE)).sku(f.get(FAILURE.SKU));
    }

    private void jobs(DSLContext dsl) {
        for (Record j : dsl.selectFrom(REPLAY_JOB).fetch()) {
            String id = j.get(REPLAY_JOB.ID);
            entries.add(AuditEntry.byUser(j.get(REPLAY_JOB.CREATED_AT).toInstant(), j.get(REPLAY_JOB.CREATED_BY),
                            "replay_job.created", "replay_job", id).correlation(id)
                    .with("total", (long) j.get(REPLAY_JOB.TOTAL))
                    .with("throttlePerSecond", (long) j.get(REPLAY_JOB.THROTTLE_PER_SECOND))
                    .with("retryOf", j.get(REPLAY_JOB.RETRY_OF)));
            if (j.get(REPLAY_JOB.FINISHED_AT) != null) {
                entries.add(AuditEntry.bySystem(j.get(REPLAY_JOB.FINISHED_AT).toInstant(), "replay-jobs",
                                "replay_job.completed", "replay_job", id).correlation(id)
                        .with("processed", (long) j.get(REPLAY_JOB.PROCESSED))
                        .with("succeeded", (long) j.get(REPLAY_JOB.SUCCEEDED))
                        .with("failed", (long) j.get(REPLAY_JOB.FAILED))
                        .with("skipped", (long) j.get(REPLAY_JOB.SKIPPED))
                        .change(AuditEntry.values("status", "RUNNING"), AuditEntry.values("status", "COMPLETED")));
            }
        }
    }

    /** Each staff member signs in at the start of most days of the window (and the day before). */
    private void signIns(List<Seeder.SeedUser> users, Duration window) {
        Instant start = now.minus(window).minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
        for (Instant day = start; day.isBefore(now); day = day.plus(Duration.ofDays(1))) {
            for (Seeder.SeedUser u : users) {
                if (random.nextInt(10) < 2) {
                    continue;
                }
                Instant at = day.plusSeconds(6 * 3600 + random.nextInt(4 * 3600));
                if (at.isAfter(now)) {
                    continue;
                }
                entries.add(AuditEntry.byUser(at, u.username(), "session.signed_in", "user", u.username())
                        .with("expiresAt", at.plus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS)));
            }
        }
    }

    private static Map<String, Object> money(Long minor, String currency) {
        return AuditEntry.values("amountMinor", minor, "currency", currency);
    }

    /** Chains the entries in time order and inserts them (and the head) in JDBC batches. */
    private long insert(DSLContext dsl) {
        entries.sort(Comparator.comparing(AuditEntry::at));
        boolean large = entries.size() > 50_000;
        Map<String, List<String>> indexes = large ? Rows.dropIndexes(dsl, "audit_event") : Map.of();
        String sql = "INSERT INTO audit_event (sequence, at, actor, actor_type, action, entity_type, entity_id,"
                + " order_number, warehouse, sku, request_id, correlation_id, details, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        long[] last = {0};
        String[] prev = {Canonical.GENESIS};
        Instant[] lastAt = {null};
        try {
            dsl.connection(connection -> {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    long sequence = 0;
                    for (int i = 0; i < entries.size(); i++) {
                        AuditEntry e = entries.get(i);
                        entries.set(i, null); // let it go once written
                        sequence++;
                        Instant at = (e.at().isAfter(now) ? now : e.at()).truncatedTo(ChronoUnit.MILLIS);
                        String details = Canonical.json(e.details());
                        String hash = Canonical.sha256Hex(AuditLog.canonical(sequence, at, e.actor(),
                                e.actorType().name(), e.action(), e.entityType(), e.entityId(), e.orderNumber(),
                                e.warehouse(), e.sku(), null, e.correlationId(), details, prev[0]));
                        ps.setLong(1, sequence);
                        ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                        ps.setString(3, e.actor());
                        ps.setString(4, e.actorType().name());
                        ps.setString(5, e.action());
                        ps.setString(6, e.entityType());
                        ps.setString(7, e.entityId());
                        ps.setString(8, e.orderNumber());
                        ps.setString(9, e.warehouse());
                        ps.setString(10, e.sku());
                        ps.setString(11, null);
                        ps.setString(12, e.correlationId());
                        ps.setString(13, details);
                        ps.setString(14, prev[0]);
                        ps.setString(15, hash);
                        ps.addBatch();
                        prev[0] = hash;
                        lastAt[0] = at;
                        if (sequence % 5_000 == 0) {
                            ps.executeBatch();
                            connection.commit();
                        }
                    }
                    ps.executeBatch();
                    connection.commit();
                    last[0] = sequence;
                } catch (SQLException ex) {
                    connection.rollback();
                    throw ex;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            });
        } finally {
            indexes.forEach((definition, ignored) -> dsl.execute(definition));
        }
        entries.clear();
        dsl.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_SEQUENCE, last[0]).set(AUDIT_HEAD.LAST_HASH, prev[0])
                .set(AUDIT_HEAD.LAST_AT, lastAt[0] == null ? null : OffsetDateTime.ofInstant(lastAt[0], ZoneOffset.UTC))
                .where(AUDIT_HEAD.ID.eq(1)).execute();
        return last[0];
    }
}
