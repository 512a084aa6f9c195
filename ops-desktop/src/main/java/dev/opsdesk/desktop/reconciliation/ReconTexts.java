package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.model.Money;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.Category;
import dev.opsdesk.client.model.Reconciliation.MatchRule;
import dev.opsdesk.client.model.Reconciliation.ResolutionCode;
import dev.opsdesk.client.model.Reconciliation.State;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.ui.Formats;

/** Reconciliation's codes in the words finance uses. */
public final class ReconTexts {

    private ReconTexts() {
    }

    public static String state(Object code) {
        if (!(code instanceof State s)) {
            return code == null ? "" : code.toString();
        }
        return switch (s) {
            case DRAFT -> "Draft";
            case IN_REVIEW -> "In review";
            case SUBMITTED -> "Submitted";
            case APPROVED -> "Approved";
            case DECERTIFIED -> "Decertified";
        };
    }

    public static String category(Object code) {
        if (!(code instanceof Category c)) {
            return code == null ? "" : code.toString();
        }
        return switch (c) {
            case MISSING_IN_PLATFORM -> "Not in the platform";
            case MISSING_IN_SETTLEMENT -> "Not settled";
            case AMOUNT_MISMATCH -> "Amount differs";
            case CURRENCY_MISMATCH -> "Currency differs";
            case DUPLICATE_REFERENCE -> "Duplicate";
            case FEE_VARIANCE -> "Fee off schedule";
            case PAYOUT_TOTAL_MISMATCH -> "Payout total differs";
            case COUNT_SHORT -> "Counted short";
            case COUNT_OVER -> "Counted over";
            case UNKNOWN_SKU -> "Unknown SKU";
            case MOVED_SINCE_COUNT -> "Moved since count";
        };
    }

    /** A run's kind in words, with its provider or warehouse: "Adyen settlement", "Stock count WH-1". */
    public static String what(Reconciliation.Run run) {
        return run.kind() == Reconciliation.Kind.STOCK_COUNT ? "Stock count " + (run.warehouse() == null ? ""
                : run.warehouse()) : provider(run.provider());
    }

    /** What a category means, for a tooltip. */
    public static String categoryHint(Category c) {
        return switch (c) {
            case MISSING_IN_PLATFORM -> "The provider settled money the platform has no payment for.";
            case MISSING_IN_SETTLEMENT -> "The platform captured a payment the provider has not settled, past its"
                    + " settlement delay.";
            case AMOUNT_MISMATCH -> "The provider settled a different amount than the platform captured.";
            case CURRENCY_MISMATCH -> "The provider settled in another currency than the platform captured in.";
            case DUPLICATE_REFERENCE -> "The report has the same reference twice: settled twice, or listed twice?";
            case FEE_VARIANCE -> "The provider charged a fee off its schedule.";
            case PAYOUT_TOTAL_MISMATCH -> "A payout is not the sum of the lines it pays out.";
            case COUNT_SHORT -> "Fewer counted than on hand.";
            case COUNT_OVER -> "More counted than on hand.";
            case UNKNOWN_SKU -> "Counted a code the catalogue does not know.";
            case MOVED_SINCE_COUNT -> "Stock moved between the count and now.";
        };
    }

    public static String rule(Object code) {
        if (!(code instanceof MatchRule r)) {
            return code == null ? "" : code.toString();
        }
        return switch (r) {
            case PROVIDER_REFERENCE -> "Provider reference";
            case MERCHANT_REFERENCE -> "Order number + amount";
            case MANY_TO_ONE -> "Several lines, one payment";
            case REVERSAL -> "Refund / chargeback";
            case MANUAL -> "Matched by hand";
        };
    }

    public static String resolution(Object code) {
        if (!(code instanceof ResolutionCode r)) {
            return code == null ? "" : code.toString();
        }
        return switch (r) {
            case TIMING_DIFFERENCE -> "Timing difference";
            case WRITE_OFF -> "Write-off";
            case REFUND_PENDING -> "Refund pending";
            case CLAIMED_WITH_PROVIDER -> "Claimed with the provider";
            case MANUAL_MATCH -> "Manual match";
            case DUPLICATE_CONFIRMED -> "Duplicate confirmed";
            case FEE_ACCEPTED -> "Fee accepted";
            case NOT_AN_ERROR -> "Not an error";
            case RECOUNT -> "Recounted: the count stands";
            case DAMAGED -> "Damaged";
            case THEFT_OR_LOSS -> "Theft or loss";
            case BOOKING_ERROR -> "Booking error";
            case MOVEMENT_EXPLAINED -> "Moved while counting";
        };
    }

    public static String kind(Object code) {
        if (!(code instanceof Settlement.LineKind k)) {
            return code == null ? "" : code.toString();
        }
        return switch (k) {
            case CAPTURE -> "Capture";
            case REFUND -> "Refund";
            case CHARGEBACK -> "Chargeback";
            case CHARGEBACK_REVERSAL -> "Chargeback reversal";
            case FEE -> "Fee";
            case PAYOUT -> "Payout";
            case ADJUSTMENT -> "Adjustment";
            case OTHER -> "Other";
        };
    }

    public static String provider(Object code) {
        if (!(code instanceof Settlement.Provider p)) {
            return code == null ? "" : code.toString();
        }
        return switch (p) {
            case STRIPE -> "Stripe";
            case ADYEN -> "Adyen";
            case PAYPAL -> "PayPal";
            case OTHER -> "Other";
        };
    }

    /** "2026-12-01 – 2026-12-03", or one date. */
    public static String period(Reconciliation.Run run) {
        if (run.periodFrom() == null) {
            return "";
        }
        return run.periodFrom().equals(run.periodTo()) ? run.periodFrom().toString()
                : run.periodFrom() + " – " + run.periodTo();
    }

    /** A run in a few words: "R-000042 · Adyen · 2026-12-05". */
    public static String title(Reconciliation.Run run) {
        if (run.kind() == Reconciliation.Kind.STOCK_COUNT) {
            return run.id() + " · " + what(run) + (run.countId() == null ? "" : " · count " + run.countId());
        }
        return run.id() + " · " + provider(run.provider()) + " · " + period(run);
    }

    /** Minor units of a currency, in words: "19.99 EUR"; null stays empty. */
    public static String money(Long minor, String currency) {
        return minor == null || currency == null ? "" : Formats.money(new Money(minor, currency));
    }

    /** Open exceptions of a run, for the list: "3 open" or "none"; "" before matching. */
    public static String openExceptions(Reconciliation.Run run) {
        if (run.summary() == null) {
            return "";
        }
        int open = run.summary().openExceptions();
        return open == 0 ? "none" : open + " open";
    }

    /** The run's totals per currency in one line: "EUR net 1,234.56 · USD net 12.00". */
    public static String netTotals(Reconciliation.Run run) {
        if (run.summary() != null && run.summary().variance() != null) {
            return String.join(" · ", run.summary().variance().value().stream()
                    .map(m -> Formats.money(new Money(m.amount(), m.currency()))).toList());
        }
        if (run.summary() == null || run.summary().totals().isEmpty()) {
            return "";
        }
        return String.join(" · ", run.summary().totals().stream()
                .map(t -> Formats.money(new Money(t.net(), t.currency()))).toList());
    }

    /** The banner over a run that cannot change as it stands, or null. */
    public static String banner(Reconciliation.Run run) {
        return switch (run.state()) {
            case APPROVED -> "Approved by " + run.approver() + " — locked. Nothing in this run can change unless an"
                    + " approver reopens it with a reason.";
            case DECERTIFIED -> "Decertified: " + (run.decertifiedReason() == null ? "the payments under it changed"
                    : run.decertifiedReason()) + ". It must be reviewed again: an approver reopens it.";
            case SUBMITTED -> "Submitted by " + run.preparer() + " — waiting for an approver. The preparer cannot"
                    + " approve it.";
            default -> null;
        };
    }
}
