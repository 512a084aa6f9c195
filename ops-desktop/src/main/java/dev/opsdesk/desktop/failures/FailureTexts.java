package dev.opsdesk.desktop.failures;

import dev.opsdesk.desktop.ui.Queues;
import dev.opsdesk.client.model.Failure;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words the Failures section uses for the API's codes: queues, statuses, reasons, providers,
 * triggers, outcomes, effects and resolution codes, as a support agent says them.
 */
public final class FailureTexts {

    public static final List<String> QUEUES = Queues.ALL;

    public static final List<String> REASONS = List.of("ORDER_NOT_FOUND", "AMOUNT_MISMATCH", "DOWNSTREAM_TIMEOUT",
            "SCHEMA_INVALID", "SIGNATURE_INVALID", "TIMESTAMP_OUT_OF_TOLERANCE", "ERP_REJECTED", "WMS_UNAVAILABLE",
            "UNKNOWN_SKU", "CARRIER_REJECTED");

    public static final List<String> PROVIDERS = List.of("stripe", "adyen", "paypal");

    /** The reasons each queue's failures have (a payment reason is never an inventory sync's). */
    private static final Map<String, List<String>> REASONS_BY_QUEUE = Map.of(
            Failure.PAYMENT_CALLBACK, List.of("ORDER_NOT_FOUND", "AMOUNT_MISMATCH", "DOWNSTREAM_TIMEOUT", "SCHEMA_INVALID",
                    "SIGNATURE_INVALID", "TIMESTAMP_OUT_OF_TOLERANCE"),
            Failure.INVENTORY_SYNC, List.of("WMS_UNAVAILABLE", "ERP_REJECTED", "UNKNOWN_SKU", "DOWNSTREAM_TIMEOUT"),
            Failure.FULFILLMENT_EXPORT, List.of("CARRIER_REJECTED", "ERP_REJECTED", "SCHEMA_INVALID",
                    "DOWNSTREAM_TIMEOUT"));

    /** The reasons a filter offers for {@code queue}; every reason for all queues (null). */
    public static List<String> reasonsOf(String queue) {
        return queue == null ? REASONS : REASONS_BY_QUEUE.getOrDefault(queue, REASONS);
    }

    /** Why replaying a failure of {@code queue} again is safe, in that queue's own terms. */
    public static String replaySafety(String queue) {
        if (Failure.INVENTORY_SYNC.equals(queue)) {
            return "Safe to repeat: the sync sets each system's number to the current stock — replaying again sets the "
                    + "same number, it never adds stock twice.";
        }
        if (Failure.FULFILLMENT_EXPORT.equals(queue)) {
            return "Safe to repeat: a shipment is exported to the ERP at most once, however often it is replayed.";
        }
        return "Safe to repeat: a payment is captured at most once, however often it is replayed.";
    }

    /** What to fix before retrying failed replays of these queues: "wait until the order exists". */
    public static String fixFirst(java.util.Collection<String> queues) {
        List<String> hints = new java.util.ArrayList<>();
        if (queues.isEmpty() || queues.contains(Failure.PAYMENT_CALLBACK)) {
            hints.add("wait until the order exists");
        }
        if (queues.contains(Failure.INVENTORY_SYNC)) {
            hints.add("wait until the warehouse system or the ERP answers again");
        }
        if (queues.contains(Failure.FULFILLMENT_EXPORT)) {
            hints.add("correct the shipment's carrier or address");
        }
        return String.join("; ", hints);
    }

    /** The codes a person may close a failure with (REPLAYED is set by the server). */
    public static final List<String> RESOLUTION_CODES = List.of("FIXED_MANUALLY", "CUSTOMER_CONTACTED", "DUPLICATE",
            "NOT_AN_ISSUE", "WONT_FIX");

    private static final Map<String, String> STATUS_LABELS = Map.of(
            "OPEN", "Open",
            "REPLAYING", "Replaying",
            "RESOLVED", "Resolved",
            "DISMISSED", "Dismissed",
            "DEAD", "Quarantined");

    private static final Map<String, String> REASON_LABELS = Map.ofEntries(
            Map.entry("SIGNATURE_INVALID", "Signature invalid"),
            Map.entry("TIMESTAMP_OUT_OF_TOLERANCE", "Timestamp too old/new"),
            Map.entry("ORDER_NOT_FOUND", "Order not found"),
            Map.entry("AMOUNT_MISMATCH", "Amount mismatch"),
            Map.entry("DOWNSTREAM_TIMEOUT", "Downstream timeout"),
            Map.entry("SCHEMA_INVALID", "Malformed payload"),
            Map.entry("ERP_REJECTED", "ERP rejected"),
            Map.entry("WMS_UNAVAILABLE", "WMS unavailable"),
            Map.entry("UNKNOWN_SKU", "Unknown SKU"),
            Map.entry("CARRIER_REJECTED", "Carrier rejected"));

    private static final Map<String, String> PROVIDER_LABELS = Map.of(
            "stripe", "Stripe",
            "adyen", "Adyen",
            "paypal", "PayPal");

    private static final Map<String, String> TRIGGER_LABELS = Map.of(
            "AUTOMATIC", "On arrival",
            "MANUAL", "Manual replay",
            "BULK", "Bulk replay");

    private static final Map<String, String> OUTCOME_LABELS = Map.of(
            "SUCCEEDED", "Succeeded",
            "FAILED", "Failed",
            "SKIPPED", "Skipped");

    private static final Map<String, String> EFFECT_LABELS = Map.of(
            "CAPTURE_PAYMENT", "Captured the payment",
            "MARK_PAYMENT_FAILED", "Marked the payment failed",
            "RECORD_REFUND", "Recorded the refund",
            "ALREADY_APPLIED", "Already applied — nothing done",
            "FAIL_AGAIN", "Nothing changed",
            "SYNC_STOCK", "Synced the stock",
            "EXPORT_SHIPMENT", "Exported the shipment",
            "NOT_REPLAYABLE", "Not replayable",
            "NOT_ALLOWED", "Not allowed");

    private static final Map<String, String> RESOLUTION_LABELS = Map.of(
            "REPLAYED", "Replayed",
            "FIXED_MANUALLY", "Fixed by hand",
            "CUSTOMER_CONTACTED", "Customer contacted",
            "DUPLICATE", "Duplicate",
            "NOT_AN_ISSUE", "Not an issue",
            "WONT_FIX", "Won't fix");

    private FailureTexts() {
    }

    public static String queue(String queue) {
        return Queues.label(queue);
    }

    /** "payment callbacks", "inventory sync failures": for sentences. */
    public static String queueNoun(String queue) {
        return Queues.noun(queue);
    }

    public static String status(String status) {
        return STATUS_LABELS.getOrDefault(status, humanize(status));
    }

    public static String reason(String reason) {
        return REASON_LABELS.getOrDefault(reason, humanize(reason));
    }

    public static String provider(String provider) {
        return provider == null ? "" : PROVIDER_LABELS.getOrDefault(provider.toLowerCase(Locale.ROOT), provider);
    }

    public static String trigger(String trigger) {
        return TRIGGER_LABELS.getOrDefault(trigger, humanize(trigger));
    }

    public static String outcome(String outcome) {
        return OUTCOME_LABELS.getOrDefault(outcome, humanize(outcome));
    }

    /** What an attempt did: "Captured the payment". */
    public static String effect(String effect) {
        return effect == null ? "" : EFFECT_LABELS.getOrDefault(effect, humanize(effect));
    }

    public static String resolution(String code) {
        return RESOLUTION_LABELS.getOrDefault(code, humanize(code));
    }

    /** What the failure is about: "ORD-100123", or "SKU-1 @ WH-1" for stock. */
    public static String subject(Failure f) {
        if (f.orderNumber() != null) {
            return f.orderNumber();
        }
        if (f.sku() != null) {
            return f.sku() + (f.warehouse() != null ? " @ " + f.warehouse() : "");
        }
        return "";
    }

    /** "Order not found", "Unknown SKU"…; "OTHER_THING" -> "Other thing". */
    static String humanize(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String words = code.replace('_', ' ').replace('.', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
