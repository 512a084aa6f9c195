package dev.opsdesk.sandbox.service;

import static dev.opsdesk.sandbox.db.Tables.IDEMPOTENCY_RECORD;

import dev.opsdesk.sandbox.db.tables.records.IdempotencyRecordRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Idempotency keys: claiming one (atomically, by inserting a row whose primary key is user + key), storing the
 * response of the request that claimed it, and reading it back for a repeat.
 */
public final class IdempotencyStore {

    /** How long a key is remembered. */
    public static final Duration RETENTION = Duration.ofHours(24);

    static final String IN_FLIGHT = "IN_FLIGHT";
    static final String COMPLETED = "COMPLETED";

    private final DSLContext dsl;
    private final Clock clock;

    public IdempotencyStore(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** A stored response. */
    public record StoredResponse(int status, String contentType, String body) {
    }

    /** The outcome of trying to claim a key. */
    public sealed interface Claim permits Claimed, InFlight, Mismatch, Completed {
    }

    /** The key is ours: run the request, then {@link #complete} or {@link #release} it. */
    public record Claimed() implements Claim {
    }

    /** Another request with this key and body is still running. */
    public record InFlight() implements Claim {
    }

    /** The key was used for a different request. */
    public record Mismatch() implements Claim {
    }

    /** The key's request has finished; here is its response. */
    public record Completed(StoredResponse response) implements Claim {
    }

    public Claim claim(String userId, String key, String fingerprint) {
        // Forget this user's keys past retention (cheap: the primary key starts with the user id).
        dsl.deleteFrom(IDEMPOTENCY_RECORD)
                .where(IDEMPOTENCY_RECORD.USER_ID.eq(userId))
                .and(IDEMPOTENCY_RECORD.CREATED_AT.lt(
                        OffsetDateTime.ofInstant(clock.instant().minus(RETENTION), ZoneOffset.UTC)))
                .execute();
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            try {
                dsl.insertInto(IDEMPOTENCY_RECORD)
                        .set(IDEMPOTENCY_RECORD.USER_ID, userId)
                        .set(IDEMPOTENCY_RECORD.IDEMPOTENCY_KEY, key)
                        .set(IDEMPOTENCY_RECORD.REQUEST_FINGERPRINT, fingerprint)
                        .set(IDEMPOTENCY_RECORD.STATE, IN_FLIGHT)
                        .set(IDEMPOTENCY_RECORD.CREATED_AT, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                        .execute();
                return new Claimed();
            } catch (IntegrityConstraintViolationException duplicate) {
                IdempotencyRecordRecord existing = find(userId, key);
                if (existing == null) {
                    continue; // released or expired in the meantime: try again
                }
                if (existing.getCreatedAt().toInstant().plus(RETENTION).isBefore(now)) {
                    // Forgotten after the retention period; whoever deletes it first re-claims it.
                    dsl.deleteFrom(IDEMPOTENCY_RECORD)
                            .where(IDEMPOTENCY_RECORD.USER_ID.eq(userId))
                            .and(IDEMPOTENCY_RECORD.IDEMPOTENCY_KEY.eq(key))
                            .and(IDEMPOTENCY_RECORD.CREATED_AT.eq(existing.getCreatedAt()))
                            .execute();
                    continue;
                }
                if (!existing.getRequestFingerprint().equals(fingerprint)) {
                    return new Mismatch();
                }
                if (IN_FLIGHT.equals(existing.getState())) {
                    return new InFlight();
                }
                return new Completed(new StoredResponse(existing.getResponseStatus(), existing.getContentType(),
                        existing.getResponseBody()));
            }
        }
        // Only reachable if the key keeps appearing and disappearing under us.
        return new InFlight();
    }

    /** Stores the response of the request that claimed the key. */
    public void complete(String userId, String key, StoredResponse response) {
        dsl.update(IDEMPOTENCY_RECORD)
                .set(IDEMPOTENCY_RECORD.STATE, COMPLETED)
                .set(IDEMPOTENCY_RECORD.RESPONSE_STATUS, response.status())
                .set(IDEMPOTENCY_RECORD.CONTENT_TYPE, response.contentType())
                .set(IDEMPOTENCY_RECORD.RESPONSE_BODY, response.body())
                .where(IDEMPOTENCY_RECORD.USER_ID.eq(userId))
                .and(IDEMPOTENCY_RECORD.IDEMPOTENCY_KEY.eq(key))
                .execute();
    }

    /** Forgets a claimed key whose request failed, so that the client can retry with it. */
    public void release(String userId, String key) {
        dsl.deleteFrom(IDEMPOTENCY_RECORD)
                .where(IDEMPOTENCY_RECORD.USER_ID.eq(userId))
                .and(IDEMPOTENCY_RECORD.IDEMPOTENCY_KEY.eq(key))
                .and(IDEMPOTENCY_RECORD.STATE.eq(IN_FLIGHT))
                .execute();
    }

    private IdempotencyRecordRecord find(String userId, String key) {
        return dsl.selectFrom(IDEMPOTENCY_RECORD)
                .where(IDEMPOTENCY_RECORD.USER_ID.eq(userId))
                .and(IDEMPOTENCY_RECORD.IDEMPOTENCY_KEY.eq(key))
                .fetchOne();
    }
}
