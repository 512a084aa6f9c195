package dev.opsdesk.sandbox.failures;

import static dev.opsdesk.sandbox.db.Tables.WEBHOOK_RECEIPT;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.webhooks.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Receives payment-provider callbacks the way the platform does: verifies them (Standard Webhooks), processes each
 * {@code webhook-id} once per provider, applies the event to orders and payments, and turns whatever goes wrong into a
 * failure: quarantined ({@code DEAD}) when the callback cannot be verified, open and replayable when it was verified
 * but could not be processed.
 */
public final class WebhookIntake {

    public static final String ACTOR = "system:webhook-intake";

    private static final String REDACTED = "[redacted]";
    /** Headers shown as sent (the signature with its values redacted). */
    private static final Set<String> SHOWN = Set.of("content-type", "content-encoding", "user-agent", "accept",
            "accept-encoding", StandardWebhooks.ID_HEADER, StandardWebhooks.TIMESTAMP_HEADER,
            StandardWebhooks.SIGNATURE_HEADER);
    /** Headers of the connection, not of the callback. */
    private static final Set<String> DROPPED = Set.of("host", "connection", "content-length", "transfer-encoding",
            "x-request-id");
    /** An unverified callback is anyone's: of its body only this much is stored. */
    static final int UNTRUSTED_KEPT_BYTES = 1024;

    private final DSLContext dsl;
    private final FailureStore store;
    private final PlatformHandlers handlers;
    private final Simulation simulation;
    private final EventHub events;
    private final Clock clock;
    private final Function<String, String> secrets;

    /**
     * @param secrets the signing secret of each provider
     */
    public WebhookIntake(DSLContext dsl, FailureStore store, ReplayService replays, Simulation simulation,
                         EventHub events, Clock clock, Function<String, String> secrets) {
        this.dsl = dsl;
        this.store = store;
        this.handlers = replays.handlers();
        this.simulation = simulation;
        this.events = events;
        this.clock = clock;
        this.secrets = secrets;
    }

    /**
     * What to answer: {@code 200} processed or duplicate, {@code 202} accepted but failed (a failure was recorded),
     * {@code 401} not verified (a quarantined failure was recorded; {@code detail} says why).
     */
    public record Result(int status, Views.WebhookAck ack, String detail) {
    }

    /**
     * @param provider a known provider (the caller answers 404 for others)
     * @param headers  the request headers, names in any case
     * @param body     the raw body, exactly as received (the signature is over these bytes)
     */
    public Result receive(String provider, Map<String, String> headers, byte[] body) {
        long started = System.nanoTime();
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        String id = h.get(StandardWebhooks.ID_HEADER);
        String timestamp = h.get(StandardWebhooks.TIMESTAMP_HEADER);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String payload = new String(body, StandardCharsets.UTF_8);
        PaymentEvent.Parsed parsed = PaymentEvent.parse(payload);

        StandardWebhooks.Verification verification = id != null && id.length() > 128
                ? new StandardWebhooks.Verification(StandardWebhooks.Rejection.SIGNATURE_INVALID,
                        "The webhook-id is longer than 128 characters.")
                : StandardWebhooks.verify(secrets.apply(provider), id, timestamp, body,
                        h.get(StandardWebhooks.SIGNATURE_HEADER), now, StandardWebhooks.DEFAULT_TOLERANCE);
        if (!verification.ok()) {
            Reason reason = verification.rejection() == StandardWebhooks.Rejection.TIMESTAMP_OUT_OF_TOLERANCE
                    ? Reason.TIMESTAMP_OUT_OF_TOLERANCE : Reason.SIGNATURE_INVALID;
            String message = "Quarantined: " + verification.message() + " The payload is not trusted and will not be"
                    + " replayed." + digestNote(body);
            // Anyone can send these: keep the first KB and a digest, not whatever size they chose.
            String failureId = record(FailureStatus.DEAD, reason, message, provider,
                    id != null && id.length() > 128 ? id.substring(0, 128) : id, parsed, keptOfUntrusted(body), h, now,
                    401, started);
            return new Result(401, null, "The callback could not be verified (" + reason + "): "
                    + verification.message() + " It was recorded as quarantined failure " + failureId + ".");
        }

        try {
            dsl.insertInto(WEBHOOK_RECEIPT)
                    .set(WEBHOOK_RECEIPT.PROVIDER, provider)
                    .set(WEBHOOK_RECEIPT.WEBHOOK_ID, id)
                    .set(WEBHOOK_RECEIPT.RECEIVED_AT, FailureStore.utc(now))
                    .execute();
        } catch (IntegrityConstraintViolationException duplicate) {
            return new Result(200, new Views.WebhookAck(true, true, null), null);
        }

        PlatformHandlers.Decision decision;
        if (!parsed.ok()) {
            decision = PlatformHandlers.Decision.fails(Reason.SCHEMA_INVALID, parsed.problem(), 400);
        } else {
            try {
                decision = process(parsed.event(), provider, id, now);
            } catch (RuntimeException e) {
                // Not processed after all: forget the id, so that the provider's retry is processed.
                dsl.deleteFrom(WEBHOOK_RECEIPT).where(WEBHOOK_RECEIPT.PROVIDER.eq(provider))
                        .and(WEBHOOK_RECEIPT.WEBHOOK_ID.eq(id)).execute();
                throw e;
            }
        }
        if (!decision.failed()) {
            return new Result(200, new Views.WebhookAck(true, false, null), null);
        }
        String failureId = record(FailureStatus.OPEN, decision.failure(), decision.message(), provider, id, parsed,
                payload, h, now, decision.statusCode(), started);
        dsl.update(WEBHOOK_RECEIPT).set(WEBHOOK_RECEIPT.FAILURE_ID, failureId)
                .where(WEBHOOK_RECEIPT.PROVIDER.eq(provider)).and(WEBHOOK_RECEIPT.WEBHOOK_ID.eq(id))
                .execute();
        return new Result(202, new Views.WebhookAck(true, false, failureId), null);
    }

    private PlatformHandlers.Decision process(PaymentEvent event, String provider, String id, Instant now) {
        String source = "webhook:" + provider + "/" + id;
        for (int run = 1; ; run++) {
            try {
                return dsl.transactionResult(c -> {
                    List<AuditEntry> audit = new ArrayList<>();
                    PlatformHandlers.Decision d = handlers.receive(c.dsl(), event, provider, source, now,
                            () -> simulation.intakeTimesOut(provider, id), audit);
                    audit.add(0, AuditEntry.bySystem(now, "webhooks", "webhook.processed", "webhook",
                                    provider + "/" + id).order(event.orderNumber())
                            .with("type", event.type()).with("paymentReference", event.paymentReference())
                            .with("outcome", d.failed() ? "FAILED" : "SUCCEEDED")
                            .with("effect", d.failed() ? d.failure().name() : d.effect().name())
                            .with("message", d.message()));
                    AuditLog.append(c.dsl(), audit);
                    return d;
                });
            } catch (IntegrityConstraintViolationException | PlatformHandlers.ConcurrentChange e) {
                if (run >= 4) {
                    throw e;
                }
            } catch (DataAccessException e) {
                if (run >= 4 || !("HYT00".equals(e.sqlState()) || "90131".equals(e.sqlState()))) {
                    throw e;
                }
            }
        }
    }

    private String record(FailureStatus status, Reason reason, String message, String provider, String eventId,
                          PaymentEvent.Parsed parsed, String payload, Map<String, String> headers, Instant now,
                          int statusCode, long started) {
        FailureStore.NewFailure failure = new FailureStore.NewFailure(Queue.PAYMENT_CALLBACK, status, reason, message,
                provider, eventId, parsed.type(), parsed.orderNumber(), parsed.paymentReference(), null, null,
                parsed.amountMinor(), parsed.currency(), payload, redacted(headers), now, ACTOR, statusCode,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        String id = dsl.transactionResult(c -> store.insert(c.dsl(), failure));
        FailureEvents.created(events, store.view(id));
        return id;
    }

    /**
     * The headers worth showing to a reader of the payment queue, names in lower case: the allow-listed ones as sent
     * (signatures redacted), every other one by name only. A provider or a proxy may add any header, and some carry
     * secrets under names no deny-list foresees ({@code api_key}, {@code x-auth-key}, {@code x-password},
     * {@code x-session}): only what is known to be harmless is shown.
     */
    static Map<String, String> redacted(Map<String, String> headers) {
        Map<String, String> kept = new TreeMap<>();
        headers.forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (DROPPED.contains(n)) {
                return;
            }
            String v = value == null ? "" : value;
            if (n.equals(StandardWebhooks.SIGNATURE_HEADER)) {
                v = v.isBlank() ? v : v.trim().replaceAll("(v\\d+[a-z]?),\\S+", "$1," + REDACTED);
            } else if (!SHOWN.contains(n)) {
                v = REDACTED;
            }
            kept.put(n.length() > 100 ? n.substring(0, 100) + "…" : n, v.length() > 300 ? v.substring(0, 300) + "…" : v);
        });
        return kept;
    }

    /** What an unverified callback keeps of its body: the first KB, and in the message its size and digest. */
    static String keptOfUntrusted(byte[] body) {
        if (body.length <= UNTRUSTED_KEPT_BYTES) {
            return new String(body, StandardCharsets.UTF_8);
        }
        return new String(Arrays.copyOf(body, UNTRUSTED_KEPT_BYTES), StandardCharsets.UTF_8) + "…";
    }

    static String digestNote(byte[] body) {
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            return " Body: " + body.length + " bytes, SHA-256 " + sha
                    + (body.length > UNTRUSTED_KEPT_BYTES ? "; only the first " + UNTRUSTED_KEPT_BYTES
                    + " bytes are kept." : ".");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
