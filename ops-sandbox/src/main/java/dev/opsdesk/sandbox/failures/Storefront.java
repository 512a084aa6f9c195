package dev.opsdesk.sandbox.failures;

import static dev.opsdesk.sandbox.db.Tables.CUSTOMER_ORDER;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.events.EventHub;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The sandbox's stand-in for the shop's checkout: it places orders (with an authorized payment) the way the real
 * platform does, so that callbacks and replays have orders to act on. Used by the traffic simulator, by trainers, and
 * by tests that need "the order exists now".
 */
public final class Storefront {

    private final DSLContext dsl;
    private final Clock clock;
    private final IntegrationFailures integrations;
    private final EventHub events;

    public Storefront(DSLContext dsl, Clock clock, FailureStore store, EventHub events) {
        this.dsl = dsl;
        this.clock = clock;
        this.events = events;
        this.integrations = new IntegrationFailures(dsl, store, events, clock);
    }

    /**
     * Places order {@code orderNumber} awaiting payment, with payment {@code paymentReference} authorized at
     * {@code provider} for the order's total.
     *
     * @return false if the order exists already (nothing changed)
     */
    public boolean placeOrder(String orderNumber, Views.Money total, String customerEmail, String provider,
                              String paymentReference) {
        OffsetDateTime now = FailureStore.utc(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return dsl.transactionResult(c -> {
            DSLContext tx = c.dsl();
            if (tx.fetchExists(CUSTOMER_ORDER, CUSTOMER_ORDER.ORDER_NUMBER.eq(orderNumber))) {
                return false;
            }
            tx.insertInto(CUSTOMER_ORDER)
                    .set(CUSTOMER_ORDER.ORDER_NUMBER, orderNumber)
                    .set(CUSTOMER_ORDER.STATUS, "PENDING_PAYMENT")
                    .set(CUSTOMER_ORDER.TOTAL_MINOR, total.amountMinor())
                    .set(CUSTOMER_ORDER.CURRENCY, total.currency())
                    .set(CUSTOMER_ORDER.CUSTOMER_EMAIL, customerEmail)
                    .set(CUSTOMER_ORDER.CREATED_AT, now)
                    .set(CUSTOMER_ORDER.UPDATED_AT, now)
                    .execute();
            tx.insertInto(PAYMENT)
                    .set(PAYMENT.REFERENCE, paymentReference)
                    .set(PAYMENT.ORDER_NUMBER, orderNumber)
                    .set(PAYMENT.PROVIDER, provider)
                    .set(PAYMENT.AMOUNT_MINOR, total.amountMinor())
                    .set(PAYMENT.CURRENCY, total.currency())
                    .set(PAYMENT.STATE, "AUTHORIZED")
                    .set(PAYMENT.CREATED_AT, now)
                    .execute();
            AuditLog.append(tx, AuditEntry.bySystem(now.toInstant(), "storefront", "order.created", "order",
                    orderNumber).order(orderNumber)
                    .with("total", AuditEntry.values("amountMinor", total.amountMinor(), "currency", total.currency()))
                    .with("payment", AuditEntry.values("reference", paymentReference, "provider", provider,
                            "state", "AUTHORIZED")));
            return true;
        });
    }

    /** The next free order number after the highest regular one ({@code ORD-} and six digits below 900000). */
    public String nextOrderNumber() {
        String max = dsl.select(DSL.max(CUSTOMER_ORDER.ORDER_NUMBER)).from(CUSTOMER_ORDER)
                .where(CUSTOMER_ORDER.ORDER_NUMBER.lt("ORD-900000"))
                .fetchOne(0, String.class);
        long n = max == null ? 100_000 : Long.parseLong(max.substring(4));
        return "ORD-" + (n + 1);
    }

    /** The platform's inventory sync and fulfillment export, which record their own failures. */
    public IntegrationFailures integrations() {
        return integrations;
    }

    /** The platform's database (the traffic simulator moves stock and runs the syncs through it). */
    public DSLContext dsl() {
        return dsl;
    }

    /** Where the platform publishes its live events. */
    public EventHub events() {
        return events;
    }
}
