package dev.opsdesk.sandbox.failures;

import static dev.opsdesk.sandbox.db.Tables.CUSTOMER_ORDER;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT_CAPTURE;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.db.tables.records.CustomerOrderRecord;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import dev.opsdesk.sandbox.db.tables.records.PaymentRecord;
import dev.opsdesk.sandbox.reconciliation.Decertification;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;

/**
 * The platform's handlers: what a payment callback, an inventory sync or a fulfillment export does, first on arrival
 * and again on each replay. Split into a decision (pure, from the current rows: a preview asks only this) and its
 * application (the writes, inside the caller's transaction).
 *
 * <p>A payment is captured once: a capture inserts into {@code payment_capture}, whose unique payment reference makes
 * a second capture fail at the database level however the two were started; the caller retries such a transaction,
 * and the retry then decides {@link Effect#ALREADY_APPLIED}. Marking failed and refunding are compare-and-set
 * updates on the payment's state.
 */
final class PlatformHandlers {

    static final String PAYMENT_SERVICE_TIMEOUT =
            "The payment service did not answer within 10 s (simulated timeout); try the replay again later.";

    private final Simulation simulation;
    private final java.util.Map<Queue, FailureRerun> reruns = new java.util.concurrent.ConcurrentHashMap<>();

    PlatformHandlers(Simulation simulation) {
        this.simulation = simulation;
    }

    /** From now on, a replay of {@code rerun}'s queue that applies runs its work again. */
    void rerunWith(FailureRerun rerun) {
        reruns.put(rerun.queue(), rerun);
    }

    /** After a replay of {@code failure} succeeded and committed. */
    void committed(FailureRecord failure) {
        FailureRerun rerun = reruns.get(Queue.valueOf(failure.getQueue()));
        if (rerun != null) {
            rerun.committed(failure);
        }
    }

    /** What happens (or happened): an effect and its message, or a failure with its reason. */
    record Decision(Effect effect, Reason failure, String message, int statusCode, boolean paymentExists) {

        static Decision applies(Effect effect, String message) {
            return new Decision(effect, null, message, 200, true);
        }

        static Decision fails(Reason reason, String message, int statusCode) {
            return new Decision(Effect.FAIL_AGAIN, reason, message, statusCode, true);
        }

        Decision withPaymentExists(boolean exists) {
            return new Decision(effect, failure, message, statusCode, exists);
        }

        boolean failed() {
            return failure != null;
        }

        /** Whether applying it changes anything. */
        boolean writes() {
            return !failed() && effect != Effect.ALREADY_APPLIED;
        }

        Outcome outcome() {
            return failed() ? Outcome.FAILED : effect == Effect.ALREADY_APPLIED ? Outcome.SKIPPED : Outcome.SUCCEEDED;
        }
    }

    /** The rows a payment decision reads; live (in a transaction) or preloaded (a preview of many). */
    interface Lookup {
        CustomerOrderRecord order(String orderNumber);

        PaymentRecord payment(String reference);

        boolean captured(String reference);
    }

    /** Reads through {@code dsl} (the caller's transaction). */
    static Lookup live(DSLContext dsl) {
        return new Lookup() {
            @Override
            public CustomerOrderRecord order(String orderNumber) {
                return dsl.selectFrom(CUSTOMER_ORDER).where(CUSTOMER_ORDER.ORDER_NUMBER.eq(orderNumber)).fetchOne();
            }

            @Override
            public PaymentRecord payment(String reference) {
                return dsl.selectFrom(PAYMENT).where(PAYMENT.REFERENCE.eq(reference)).fetchOne();
            }

            @Override
            public boolean captured(String reference) {
                return dsl.fetchExists(PAYMENT_CAPTURE, PAYMENT_CAPTURE.PAYMENT_REFERENCE.eq(reference));
            }
        };
    }

    /**
     * What replaying {@code failure} as attempt {@code attempt} does now (nothing is written).
     */
    Decision decideReplay(FailureRecord failure, int attempt, Lookup lookup) {
        Queue queue = Queue.valueOf(failure.getQueue());
        return switch (queue) {
            case PAYMENT_CALLBACK -> {
                PaymentEvent.Parsed parsed = PaymentEvent.parse(failure.getPayload());
                if (!parsed.ok()) {
                    yield Decision.fails(Reason.SCHEMA_INVALID, parsed.problem()
                            + " Replaying the stored payload cannot fix that; resolve or dismiss it.", 400);
                }
                yield decidePayment(parsed.event(), lookup,
                        () -> Reason.DOWNSTREAM_TIMEOUT.name().equals(failure.getReason())
                                && simulation.paymentReplayTimesOut(failure.getId(), attempt));
            }
            case INVENTORY_SYNC -> decideInventory(failure, attempt);
            case FULFILLMENT_EXPORT -> decideFulfillment(failure, attempt);
        };
    }

    /**
     * What replaying {@code failure} as attempt {@code attempt} would do now, as {@link #replay} will decide it:
     * including the re-run of another feature's work, which fails again while a feed it needs is down. Reads only.
     */
    Decision predictReplay(DSLContext dsl, FailureRecord failure, int attempt, Lookup lookup) {
        // A feed that is down is the real reason, whatever the (simulated) far system would say.
        FailureRerun rerun = reruns.get(Queue.valueOf(failure.getQueue()));
        FailureRerun.Failed failed = rerun == null ? null : rerun.wouldFail(dsl, failure);
        return failed != null ? Decision.fails(failed.reason(), failed.message(), failed.statusCode())
                : decideReplay(failure, attempt, lookup);
    }

    /**
     * Replays {@code failure} as attempt {@code attempt} inside the caller's transaction {@code tx}: decides on the
     * current rows and applies the decision.
     */
    Decision replay(DSLContext tx, FailureRecord failure, int attempt, Instant now, String actor,
                    List<AuditEntry> audit) {
        Decision decision = predictReplay(tx, failure, attempt, live(tx));
        if (decision.writes() && Queue.PAYMENT_CALLBACK.name().equals(failure.getQueue())) {
            applyPayment(tx, PaymentEvent.parse(failure.getPayload()).event(), failure.getProvider(), decision,
                    "replay:" + failure.getId() + "#" + attempt, now, actor, audit);
        }
        FailureRerun rerun = reruns.get(Queue.valueOf(failure.getQueue()));
        if (decision.writes() && rerun != null) {
            FailureRerun.Failed failed = rerun.rerun(tx, failure, now, actor, audit);
            if (failed != null) {
                return Decision.fails(failed.reason(), failed.message(), failed.statusCode());
            }
        }
        return decision;
    }

    /**
     * Processes a verified callback on arrival inside {@code tx}; {@code timesOut} simulates the payment service.
     * What it changes is added to {@code audit}, for the caller to append as the transaction's last write.
     */
    Decision receive(DSLContext tx, PaymentEvent event, String provider, String source, Instant now,
                     BooleanSupplier timesOut, List<AuditEntry> audit) {
        Decision decision = decidePayment(event, live(tx), timesOut);
        if (decision.writes()) {
            applyPayment(tx, event, provider, decision, source, now, "system:webhooks", audit);
        }
        return decision;
    }

    Decision decidePayment(PaymentEvent e, Lookup lookup, BooleanSupplier timesOut) {
        CustomerOrderRecord order = lookup.order(e.orderNumber());
        if (order == null) {
            return Decision.fails(Reason.ORDER_NOT_FOUND, "Order " + e.orderNumber()
                    + " does not exist (yet): the callback may have overtaken the checkout. Replay it once the order"
                    + " exists.", 404);
        }
        PaymentRecord payment = lookup.payment(e.paymentReference());
        if (payment != null && !payment.getOrderNumber().equals(order.getOrderNumber())) {
            return Decision.fails(Reason.SCHEMA_INVALID, "Payment " + e.paymentReference() + " belongs to order "
                    + payment.getOrderNumber() + ", not to " + e.orderNumber() + ".", 422);
        }
        Views.Money expected = payment != null
                ? new Views.Money(payment.getAmountMinor(), payment.getCurrency())
                : new Views.Money(order.getTotalMinor(), order.getCurrency());
        if (!expected.equals(e.amount())) {
            return Decision.fails(Reason.AMOUNT_MISMATCH, "The callback says " + e.amount() + " but "
                    + (payment != null ? "payment " + payment.getReference() + " is for " : "order "
                    + order.getOrderNumber() + " totals ") + expected + ".", 422);
        }
        String state = payment == null ? null : payment.getState();
        boolean captured = lookup.captured(e.paymentReference());
        Decision decision = switch (e.type()) {
            case PaymentEvent.PAYMENT_SUCCEEDED -> captured || "CAPTURED".equals(state) || "REFUNDED".equals(state)
                    ? Decision.applies(Effect.ALREADY_APPLIED, "Payment " + e.paymentReference() + " of order "
                            + e.orderNumber() + " is already captured (order already paid).")
                    : Decision.applies(Effect.CAPTURE_PAYMENT, "Captured " + e.amount() + " for order "
                            + e.orderNumber() + " (payment " + e.paymentReference() + ").");
            case PaymentEvent.PAYMENT_FAILED -> captured || "CAPTURED".equals(state) || "REFUNDED".equals(state)
                    ? Decision.applies(Effect.ALREADY_APPLIED, "Payment " + e.paymentReference()
                            + " was captured; a late 'failed' notice changes nothing.")
                    : "FAILED".equals(state)
                    ? Decision.applies(Effect.ALREADY_APPLIED, "Payment " + e.paymentReference()
                            + " is already marked failed.")
                    : Decision.applies(Effect.MARK_PAYMENT_FAILED, "Marked payment " + e.paymentReference()
                            + " of order " + e.orderNumber() + " as failed.");
            case PaymentEvent.REFUND_SUCCEEDED -> "REFUNDED".equals(state)
                    ? Decision.applies(Effect.ALREADY_APPLIED, "Payment " + e.paymentReference()
                            + " is already refunded.")
                    : !"CAPTURED".equals(state)
                    ? Decision.fails(Reason.AMOUNT_MISMATCH, "A refund of " + e.amount() + " arrived, but nothing"
                            + " has been captured on payment " + e.paymentReference() + " yet.", 422)
                    : Decision.applies(Effect.RECORD_REFUND, "Recorded the refund of " + e.amount() + " for order "
                            + e.orderNumber() + " (payment " + e.paymentReference() + ").");
            default -> throw new IllegalStateException("unknown event type " + e.type());
        };
        if (decision.writes() && timesOut.getAsBoolean()) {
            return Decision.fails(Reason.DOWNSTREAM_TIMEOUT, PAYMENT_SERVICE_TIMEOUT, 504);
        }
        return decision.withPaymentExists(payment != null);
    }

    private static void applyPayment(DSLContext tx, PaymentEvent e, String provider, Decision decision, String source,
                                     Instant now, String actor, List<AuditEntry> audit) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        String before = decision.paymentExists()
                ? tx.select(PAYMENT.STATE).from(PAYMENT).where(PAYMENT.REFERENCE.eq(e.paymentReference()))
                        .fetchOne(PAYMENT.STATE)
                : null;
        String orderBefore = tx.select(CUSTOMER_ORDER.STATUS).from(CUSTOMER_ORDER)
                .where(CUSTOMER_ORDER.ORDER_NUMBER.eq(e.orderNumber())).fetchOne(CUSTOMER_ORDER.STATUS);
        String action;
        String after;       // the payment's state after: what the effect's update sets
        String orderAfter;  // the order's status after, when the effect's update changed it
        int orderChanged;
        if (!decision.paymentExists()) {
            // The platform learns the provider's reference from the first callback about it.
            tx.insertInto(PAYMENT)
                    .set(PAYMENT.REFERENCE, e.paymentReference())
                    .set(PAYMENT.ORDER_NUMBER, e.orderNumber())
                    .set(PAYMENT.PROVIDER, Objects.requireNonNullElse(provider, "stripe"))
                    .set(PAYMENT.AMOUNT_MINOR, e.amountMinor())
                    .set(PAYMENT.CURRENCY, e.currency())
                    .set(PAYMENT.STATE, "AUTHORIZED")
                    .set(PAYMENT.CREATED_AT, at)
                    .execute();
        }
        switch (decision.effect()) {
            case CAPTURE_PAYMENT -> {
                // The unique payment reference: a concurrent second capture fails here, and its transaction with it.
                tx.insertInto(PAYMENT_CAPTURE)
                        .set(PAYMENT_CAPTURE.PAYMENT_REFERENCE, e.paymentReference())
                        .set(PAYMENT_CAPTURE.AMOUNT_MINOR, e.amountMinor())
                        .set(PAYMENT_CAPTURE.CURRENCY, e.currency())
                        .set(PAYMENT_CAPTURE.CAPTURED_AT, at)
                        .set(PAYMENT_CAPTURE.SOURCE, source.length() > 160 ? source.substring(0, 160) : source)
                        .execute();
                tx.update(PAYMENT).set(PAYMENT.STATE, "CAPTURED").set(PAYMENT.CAPTURED_AT, at)
                        .where(PAYMENT.REFERENCE.eq(e.paymentReference())).execute();
                action = "payment.captured";
                after = "CAPTURED";
                orderAfter = "PAID";
                orderChanged = tx.update(CUSTOMER_ORDER).set(CUSTOMER_ORDER.STATUS, "PAID")
                        .set(CUSTOMER_ORDER.UPDATED_AT, at)
                        .where(CUSTOMER_ORDER.ORDER_NUMBER.eq(e.orderNumber()))
                        .and(CUSTOMER_ORDER.STATUS.in(List.of("PENDING_PAYMENT", "PAYMENT_FAILED")))
                        .execute();
            }
            case MARK_PAYMENT_FAILED -> {
                int changed = tx.update(PAYMENT).set(PAYMENT.STATE, "FAILED")
                        .where(PAYMENT.REFERENCE.eq(e.paymentReference())).and(PAYMENT.STATE.eq("AUTHORIZED"))
                        .execute();
                if (changed == 0) {
                    throw new ConcurrentChange("payment " + e.paymentReference() + " changed state meanwhile");
                }
                action = "payment.failed";
                after = "FAILED";
                orderAfter = "PAYMENT_FAILED";
                orderChanged = tx.update(CUSTOMER_ORDER).set(CUSTOMER_ORDER.STATUS, "PAYMENT_FAILED")
                        .set(CUSTOMER_ORDER.UPDATED_AT, at)
                        .where(CUSTOMER_ORDER.ORDER_NUMBER.eq(e.orderNumber()))
                        .and(CUSTOMER_ORDER.STATUS.eq("PENDING_PAYMENT"))
                        .execute();
            }
            case RECORD_REFUND -> {
                int changed = tx.update(PAYMENT).set(PAYMENT.STATE, "REFUNDED").set(PAYMENT.REFUNDED_AT, at)
                        .where(PAYMENT.REFERENCE.eq(e.paymentReference())).and(PAYMENT.STATE.eq("CAPTURED"))
                        .execute();
                if (changed == 0) {
                    throw new ConcurrentChange("payment " + e.paymentReference() + " changed state meanwhile");
                }
                action = "payment.refunded";
                after = "REFUNDED";
                orderAfter = "REFUNDED";
                orderChanged = tx.update(CUSTOMER_ORDER).set(CUSTOMER_ORDER.STATUS, "REFUNDED")
                        .set(CUSTOMER_ORDER.UPDATED_AT, at)
                        .where(CUSTOMER_ORDER.ORDER_NUMBER.eq(e.orderNumber()))
                        .execute();
            }
            default -> throw new IllegalStateException("not a payment write: " + decision.effect());
        }
        if (orderChanged == 0) {
            orderAfter = orderBefore;
        }
        audit.add(AuditEntry.by(now, actor, action, "payment", e.paymentReference()).order(e.orderNumber())
                .with("amount", AuditEntry.values("amountMinor", e.amountMinor(), "currency", e.currency()))
                .with("source", source)
                .change(AuditEntry.values("state", before), AuditEntry.values("state", after)));
        if (!Objects.equals(orderBefore, orderAfter)) {
            audit.add(AuditEntry.by(now, actor, "order.status_changed", "order", e.orderNumber())
                    .order(e.orderNumber())
                    .change(AuditEntry.values("status", orderBefore), AuditEntry.values("status", orderAfter)));
        }
        if (decision.effect() == Effect.CAPTURE_PAYMENT || decision.effect() == Effect.RECORD_REFUND) {
            // An approved settlement run over this payment's day no longer holds: it is decertified with this change.
            PaymentRecord payment = tx.selectFrom(PAYMENT).where(PAYMENT.REFERENCE.eq(e.paymentReference())).fetchOne();
            Decertification.paymentChanged(tx, payment.getProvider(), payment.getReference(),
                    payment.getOrderNumber(), e.amountMinor(), e.currency(),
                    decision.effect() == Effect.RECORD_REFUND ? "Refund" : "Capture", now,
                    java.util.Arrays.asList(instant(payment.getCreatedAt()), instant(payment.getCapturedAt())),
                    actor, audit);
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private Decision decideInventory(FailureRecord f, int attempt) {
        Reason reason = Reason.valueOf(f.getReason());
        String what = "SKU " + f.getSku() + " at " + f.getWarehouse();
        if (reason == Reason.UNKNOWN_SKU) {
            return Decision.fails(Reason.UNKNOWN_SKU, "SKU " + f.getSku()
                    + " is still unknown to the ERP; create it there first, then replay.", 422);
        }
        if (simulation.downstreamFailsAgain(f.getId(), attempt)) {
            return switch (reason) {
                case WMS_UNAVAILABLE -> Decision.fails(reason, "The warehouse system did not accept connections"
                        + " (simulated outage) while syncing " + what + ".", 503);
                case DOWNSTREAM_TIMEOUT -> Decision.fails(reason, "The ERP did not answer within 30 s (simulated)"
                        + " while syncing " + what + ".", 504);
                default -> Decision.fails(Reason.ERP_REJECTED, "The ERP rejected the stock update for " + what
                        + " again (simulated: period locked for stock-taking).", 422);
            };
        }
        return Decision.applies(Effect.SYNC_STOCK, "Synced the stock of " + what + " between platform, ERP and WMS.");
    }

    private Decision decideFulfillment(FailureRecord f, int attempt) {
        Reason reason = Reason.valueOf(f.getReason());
        if (reason == Reason.SCHEMA_INVALID) {
            return Decision.fails(reason, "The shipment export for order " + f.getOrderNumber()
                    + " still does not match the ERP's schema; fix the order's address, then replay.", 400);
        }
        if (simulation.downstreamFailsAgain(f.getId(), attempt)) {
            return reason == Reason.CARRIER_REJECTED
                    ? Decision.fails(reason, "The carrier rejected the shipment for order " + f.getOrderNumber()
                            + " again (simulated: service point full).", 422)
                    : Decision.fails(Reason.ERP_REJECTED, "The ERP rejected the shipment export for order "
                            + f.getOrderNumber() + " again (simulated).", 422);
        }
        return Decision.applies(Effect.EXPORT_SHIPMENT, "Exported the shipment for order " + f.getOrderNumber()
                + " to the ERP and booked it with the carrier.");
    }

    /** A compare-and-set lost to a concurrent change: the caller's transaction rolls back and runs again. */
    static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange(String message) {
            super(message, null, false, false);
        }
    }
}
