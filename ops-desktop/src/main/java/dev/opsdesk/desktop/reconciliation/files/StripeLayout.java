package dev.opsdesk.desktop.reconciliation.files;

import dev.opsdesk.client.model.Settlement.LineKind;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stripe's itemized reports ({@code payout_reconciliation.itemized.*}, {@code balance_change_from_activity.itemized.*}):
 * one balance transaction per line, amounts in major units and already signed as ours are (gross signed, fee the
 * positive amount charged, net = gross − fee), {@code created_utc} in UTC, the kind from {@code reporting_category}.
 * See src-docs/settlement-layouts.md.
 */
final class StripeLayout extends LayoutParser {

    /** The metadata keys that hold our order number, in the order tried. */
    static final String[] ORDER_COLUMNS = {"payment_metadata[order_id]", "payment_metadata[order_number]",
            "payment_metadata[orderid]", "payment_metadata[order]", "refund_metadata[order_id]"};

    private static final Map<String, LineKind> KINDS = new HashMap<>();

    static {
        for (String c : new String[]{"charge", "payment"}) {
            KINDS.put(c, LineKind.CAPTURE);
        }
        KINDS.put("refund", LineKind.REFUND);
        KINDS.put("payment_refund", LineKind.REFUND);
        KINDS.put("dispute", LineKind.CHARGEBACK);
        KINDS.put("dispute_reversal", LineKind.CHARGEBACK_REVERSAL);
        for (String c : new String[]{"fee", "network_cost", "tax", "contribution"}) {
            KINDS.put(c, LineKind.FEE);
        }
        KINDS.put("payout", LineKind.PAYOUT);
        for (String c : new String[]{"payout_reversal", "adjustment", "other_adjustment", "refund_failure",
                "partial_capture_reversal", "charge_failure", "payment_failure_refund", "payment_reversal",
                "risk_reserved_funds", "connect_reserved_funds", "transfer", "transfer_reversal", "topup",
                "topup_reversal", "platform_earning", "platform_earning_refund", "connect_collection_transfer",
                "issuing_authorization_hold", "issuing_authorization_release", "issuing_transaction",
                "issuing_dispute", "climate_order_purchase", "climate_order_refund", "anticipation_repayment",
                "obligation", "financing_paydown", "financing_payout"}) {
            KINDS.put(c, LineKind.ADJUSTMENT);
        }
    }

    private boolean headerRead;
    private Header.Column createdUtc;
    private Header.Column created;
    private Header.Column currency;
    private Header.Column gross;
    private Header.Column fee;
    private Header.Column net;
    private Header.Column category;
    private Header.Column balanceTransaction;
    private Header.Column sourceId;
    private Header.Column chargeId;
    private Header.Column paymentIntent;
    private Header.Column payout;
    private Header.Column description;
    private Header.Column order;

    StripeLayout(LineSink sink, Warnings warnings, boolean decimalComma) {
        super(sink, warnings, decimalComma);
    }

    static boolean looksLikeHeader(Header h) {
        return h.has("reporting_category") && h.has("gross") && h.has("net") && h.has("currency");
    }

    @Override
    void row(Row row) throws SettlementFormatException {
        if (!headerRead) {
            header(new Header(row));
            headerRead = true;
            return;
        }
        String categoryText = required(row, category, "a reporting category like charge, refund or payout");
        LineKind kind = KINDS.get(categoryText.toLowerCase(Locale.ROOT));
        if (kind == null) {
            kind = LineKind.OTHER; // Stripe adds categories over time; one we do not know yet is not an error
            warnings.add("Stripe reporting category \"" + categoryText + "\" is not one Ops Desk knows; its lines are"
                    + " read as OTHER");
        }
        Currencies.Code code = currency(row, currency);
        long grossMinor = major(row, gross, code);
        long feeMinor = major(row, fee, code);
        long netMinor = major(row, net, code);
        if (netMinor != grossMinor - feeMinor) {
            throw new SettlementFormatException(row.lineNumber, net.name(), "expected net = gross − fee ("
                    + text(row, gross) + " − " + text(row, fee) + "), found \"" + text(row, net) + "\"");
        }
        Timestamps.Parsed when = timestamp(row, createdUtc, "2026-12-05 10:15:00 (UTC)");
        java.time.Instant bookedAt = when.offset() == null ? utc(when.local()) : when.local().toInstant(when.offset());
        LocalDate day = bookedAt.atOffset(java.time.ZoneOffset.UTC).toLocalDate();
        if (created != null && !text(row, created).isEmpty()) {
            day = timestamp(row, created, "2026-12-05 11:15:00 (the report's time zone)").local().toLocalDate();
        }
        String providerRef = first(row, paymentIntent, chargeId, sourceId, balanceTransaction);
        String batch = optional(row, payout);
        if (batch == null && kind == LineKind.PAYOUT) {
            batch = optional(row, sourceId); // a payout line of the balance report is the payout itself: po_...
        }
        emit(row, kind, providerRef, optional(row, order), batch, code.code(), grossMinor, feeMinor, bookedAt, day,
                optional(row, description));
    }

    private void header(Header h) throws SettlementFormatException {
        Header.Column[] c = h.require("Stripe itemized report", "created_utc", "currency", "gross", "fee", "net",
                "reporting_category");
        createdUtc = c[0];
        currency = c[1];
        gross = c[2];
        fee = c[3];
        net = c[4];
        category = c[5];
        created = h.optional("created");
        balanceTransaction = h.optional("balance_transaction_id");
        sourceId = h.optional("source_id");
        chargeId = h.optional("charge_id");
        paymentIntent = h.optional("payment_intent_id");
        payout = h.optional("automatic_payout_id");
        description = h.optional("description");
        order = h.firstOf(ORDER_COLUMNS);
    }

    private static String first(Row row, Header.Column... columns) {
        for (Header.Column c : columns) {
            String t = optional(row, c);
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}
