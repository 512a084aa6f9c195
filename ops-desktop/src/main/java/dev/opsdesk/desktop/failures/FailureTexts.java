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
