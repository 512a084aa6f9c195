package dev.opsdesk.sandbox.failures;

import static dev.opsdesk.sandbox.db.Tables.CUSTOMER_ORDER;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT_CAPTURE;

import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.db.tables.records.CustomerOrderRecord;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import dev.opsdesk.sandbox.db.tables.records.PaymentRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * What replaying a selection of failures would do now, per failure and in total, without changing anything: the
 * same decisions a replay makes ({@link PlatformHandlers}), on rows read in batches.
 */
public final class ReplayPreviewer {

    /** How many items a preview lists (the counts cover all). */
    public static final int MAX_ITEMS = 200;
    private static final int BATCH = 500;

    private final DSLContext dsl;
    private final FailureStore store;
    private final PlatformHandlers handlers;

    public ReplayPreviewer(DSLContext dsl, FailureStore store, ReplayService replays) {
        this.dsl = dsl;
        this.store = store;
        this.handlers = replays.handlers();
    }

    /** The preview of {@code ids} (duplicates counted once) for a caller with {@code permissions}. */
    public Views.Preview preview(Scopes permissions, List<String> ids) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        Map<String, Long> byEffect = new LinkedHashMap<>();
        List<Views.PreviewItem> items = new ArrayList<>();
        Set<String> capturedFirst = new HashSet<>();
        Map<String, Long> captures = new TreeMap<>();
        Map<String, Long> refunds = new TreeMap<>();
        for (int from = 0; from < unique.size(); from += BATCH) {
            List<String> chunk = unique.subList(from, Math.min(unique.size(), from + BATCH));
            for (Views.PreviewItem item : predict(permissions, chunk, capturedFirst)) {
                byEffect.merge(item.effect().name(), 1L, Long::sum);
                if (item.amount() != null && item.effect() == Effect.CAPTURE_PAYMENT) {
                    captures.merge(item.amount().currency(), item.amount().amountMinor(), Long::sum);
                } else if (item.amount() != null && item.effect() == Effect.RECORD_REFUND) {
                    refunds.merge(item.amount().currency(), item.amount().amountMinor(), Long::sum);
                }
                if (items.size() < MAX_ITEMS) {
                    items.add(item);
                }
            }
        }
        return new Views.Preview(unique.size(), byEffect, totals(captures), totals(refunds), items,
                unique.size() > MAX_ITEMS);
    }

    private static List<Views.Money> totals(Map<String, Long> byCurrency) {
        List<Views.Money> totals = new ArrayList<>(byCurrency.size());
        byCurrency.forEach((currency, minor) -> totals.add(new Views.Money(minor, currency)));
        return totals;
    }

    /**
     * @param capturedFirst payment references an earlier item of the selection captures: a later item about the same
     *                      payment will find it captured (bulk jobs replay in selection order)
     */
    private List<Views.PreviewItem> predict(Scopes permissions, List<String> ids,
                                            Set<String> capturedFirst) {
        Map<String, FailureRecord> failures = new HashMap<>();
        store.findAll(ids).forEach(f -> failures.put(f.getId(), f));
        Set<String> orderNumbers = new HashSet<>();
        Set<String> references = new HashSet<>();
        for (FailureRecord f : failures.values()) {
            if (Queue.PAYMENT_CALLBACK.name().equals(f.getQueue())) {
                PaymentEvent.Parsed parsed = PaymentEvent.parse(f.getPayload());
                if (parsed.ok()) {
                    orderNumbers.add(parsed.orderNumber());
                    references.add(parsed.paymentReference());
                }
            }
        }
        Map<String, CustomerOrderRecord> orders = new HashMap<>();
        Map<String, PaymentRecord> payments = new HashMap<>();
        Set<String> captured = new HashSet<>();
        if (!orderNumbers.isEmpty()) {
            dsl.selectFrom(CUSTOMER_ORDER).where(CUSTOMER_ORDER.ORDER_NUMBER.in(orderNumbers))
                    .forEach(o -> orders.put(o.getOrderNumber(), o));
            dsl.selectFrom(PAYMENT).where(PAYMENT.REFERENCE.in(references))
                    .forEach(p -> payments.put(p.getReference(), p));
            captured.addAll(dsl.select(PAYMENT_CAPTURE.PAYMENT_REFERENCE).from(PAYMENT_CAPTURE)
                    .where(PAYMENT_CAPTURE.PAYMENT_REFERENCE.in(references))
                    .fetch(PAYMENT_CAPTURE.PAYMENT_REFERENCE));
        }
        PlatformHandlers.Lookup lookup = new PlatformHandlers.Lookup() {
            @Override
            public CustomerOrderRecord order(String orderNumber) {
                return orders.get(orderNumber);
            }

            @Override
            public PaymentRecord payment(String reference) {
                return payments.get(reference);
            }

            @Override
            public boolean captured(String reference) {
                // Captured already, or by an earlier item of this selection by the time this one's turn comes.
                return captured.contains(reference) || capturedFirst.contains(reference);
            }
        };
        List<Views.PreviewItem> items = new ArrayList<>(ids.size());
        for (String id : ids) {
            FailureRecord f = failures.get(id);
            Views.PreviewItem item = predict(permissions, id, f, lookup);
            if (item.effect() == Effect.CAPTURE_PAYMENT) {
                capturedFirst.add(f.getPaymentReference());
            } else if (item.effect() == Effect.ALREADY_APPLIED && capturedFirst.contains(f.getPaymentReference())
                    && !captured.contains(f.getPaymentReference())) {
                item = new Views.PreviewItem(id, Effect.ALREADY_APPLIED, "Another failure earlier in this selection"
                        + " captures payment " + f.getPaymentReference() + " first; this one will be skipped and"
                        + " marked resolved.", item.orderNumber(), item.amount());
            }
            items.add(item);
        }
        return items;
    }

    private Views.PreviewItem predict(Scopes permissions, String id, FailureRecord f,
                                      PlatformHandlers.Lookup lookup) {
        Explained e = explain(permissions, id, f, lookup);
        // Order and amount only where the caller may read the failure itself.
        boolean visible = f != null
                && FailureService.may(permissions, Permission.FAILURES_READ, Queue.valueOf(f.getQueue()));
        return visible
                ? new Views.PreviewItem(id, e.effect(), e.explanation(), f.getOrderNumber(),
                        Views.Money.of(f.getAmountMinor(), f.getCurrency()))
                : new Views.PreviewItem(id, e.effect(), e.explanation(), null, null);
    }

    private record Explained(Effect effect, String explanation) {
    }

    private Explained explain(Scopes permissions, String id, FailureRecord f,
                              PlatformHandlers.Lookup lookup) {
        if (f == null) {
            return new Explained(Effect.NOT_REPLAYABLE, "There is no failure " + id + ".");
        }
        Queue queue = Queue.valueOf(f.getQueue());
        if (!FailureService.may(permissions, Permission.FAILURES_READ, queue)) {
            return new Explained(Effect.NOT_ALLOWED, "Your role may not see the " + queue + " queue.");
        }
        if (!FailureService.may(permissions, Permission.FAILURES_REPLAY, queue)) {
            return new Explained(Effect.NOT_ALLOWED, "Your role may not replay failures in the " + queue
                    + " queue; it will be skipped.");
        }
        FailureStatus status = FailureStatus.valueOf(f.getStatus());
        switch (status) {
            case DEAD -> {
                return new Explained(Effect.NOT_REPLAYABLE,
                        "Quarantined: its signature or timestamp never verified, so it is never replayed.");
            }
            case RESOLVED, DISMISSED -> {
                return new Explained(Effect.NOT_REPLAYABLE, "Already "
                        + status.name().toLowerCase(Locale.ROOT)
                        + (f.getResolvedBy() == null ? "" : " by " + f.getResolvedBy()) + "; nothing left to replay.");
            }
            case REPLAYING -> {
                return new Explained(Effect.NOT_REPLAYABLE,
                        "Being replayed right now (by someone else or a bulk job).");
            }
            default -> {
                // OPEN: decide below
            }
        }
        PlatformHandlers.Decision d = handlers.predictReplay(dsl, f, f.getAttemptCount() + 1, lookup);
        Views.Money amount = Views.Money.of(f.getAmountMinor(), f.getCurrency());
        String explanation = switch (d.effect()) {
            case FAIL_AGAIN -> "Would fail again (" + d.failure() + "): " + d.message();
            case ALREADY_APPLIED -> d.message() + " It will be skipped and marked resolved.";
            case CAPTURE_PAYMENT -> "Will capture " + amount + " for order " + f.getOrderNumber() + " (payment "
                    + f.getPaymentReference() + ").";
            case MARK_PAYMENT_FAILED -> "Will mark payment " + f.getPaymentReference() + " of order "
                    + f.getOrderNumber() + " as failed.";
            case RECORD_REFUND -> "Will record the refund of " + amount + " for order " + f.getOrderNumber() + ".";
            case SYNC_STOCK -> "Will sync the stock of SKU " + f.getSku() + " at " + f.getWarehouse()
                    + " between platform, ERP and WMS.";
            case EXPORT_SHIPMENT -> "Will export the shipment for order " + f.getOrderNumber() + " to the ERP.";
            default -> d.message();
        };
        return new Explained(d.effect(), explanation);
    }
}
