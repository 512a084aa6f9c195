package dev.opsdesk.desktop.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.desktop.ui.Formats;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of the Audit section: entity types, actions, a one-line summary of what an event
 * recorded, and how recorded values read. One place, shared by the table, the detail pane and the
 * export, so a cell says the same as the pane.
 */
public final class AuditTexts {

    /**
     * The actions (and prefixes) offered by the action filter, with what each means. The server
     * accepts any action; these are the common ones.
     */
    static final Map<String, String> ACTIONS = actions();

    private AuditTexts() {
    }

    private static Map<String, String> actions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("failure.*", "anything about failures");
        m.put("failure.replayed", "a failure was replayed (by a person, a bulk job or automatically)");
        m.put("failure.resolved", "a failure was closed as resolved");
        m.put("failure.dismissed", "a failure was closed without effect");
        m.put("failure.assigned", "someone took a failure");
        m.put("failure.unassigned", "someone gave a failure back");
        m.put("failure.noted", "a note was added to a failure");
        m.put("failure.created", "a failure was recorded");
        m.put("payment.*", "anything about payments");
        m.put("payment.captured", "money was captured");
        m.put("payment.failed", "a payment failed");
        m.put("payment.refunded", "money was refunded");
        m.put("order.*", "anything about orders");
        m.put("order.created", "an order was placed");
        m.put("order.status_changed", "an order changed status");
        m.put("webhook.processed", "a payment callback was processed");
        m.put("replay_job.*", "bulk replay jobs");
        m.put("replay_job.created", "a bulk replay was started");
        m.put("replay_job.completed", "a bulk replay finished");
        m.put("replay_job.cancelled", "a bulk replay was cancelled");
        m.put("session.*", "sign-ins and sign-outs");
        m.put("session.signed_in", "someone signed in");
        m.put("session.sign_in_failed", "a sign-in was refused");
        m.put("audit.exported", "someone exported the audit trail");
        m.put("inventory.*", "anything about stock");
        m.put("inventory.adjusted", "stock was adjusted by hand, with a reason");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** "failure", "bulk replay job"; capitalised for the start of a sentence. */
    public static String entityTypeLabel(String type, boolean capital) {
        String label = switch (type == null ? "" : type) {
            case "replay_job" -> "job";
            case "audit" -> "audit trail";
            case "stock" -> "stock of";
            case "user" -> "user";
            default -> type == null ? "" : type.replace('_', ' ');
        };
        return capital && !label.isEmpty() ? Character.toUpperCase(label.charAt(0)) + label.substring(1) : label;
    }

    /** "failure F-0000042", "job J-000017", "payment pi_3N…". */
    public static String entity(AuditEvent e) {
        return entityTypeLabel(e.entityType(), false) + " " + e.entityId();
    }

    /** "support" or "system: webhooks"; who, as a person reads it. */
    public static String actor(String actor) {
        if (actor == null) {
            return "";
        }
        return actor.startsWith("system:") ? "system: " + actor.substring("system:".length()) : actor;
    }

    /** {@code ORDER_NOT_FOUND} → "Order not found". */
    static String humanize(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A details key as a label: {@code resolutionNote} → "Resolution note", {@code payment.state} → "Payment › state". */
    static String fieldLabel(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("\\.")) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (Character.isUpperCase(c) && i > 0) {
                    b.append(' ').append(Character.toLowerCase(c));
                } else {
                    b.append(c == '_' ? ' ' : c);
                }
            }
            parts.add(b.toString());
        }
        String label = String.join(" › ", parts);
        return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    /** Whether a details value is an amount: {@code {amountMinor, currency}}. */
    static boolean isMoney(JsonNode n) {
        return n != null && n.isObject() && n.size() == 2 && n.has("amountMinor") && n.get("amountMinor").isIntegralNumber()
                && n.has("currency") && n.get("currency").isTextual();
    }

    /**
     * A recorded code as it reads: {@code FIXED_MANUALLY} → "Fixed manually", {@code OPEN} → "Open". Only words in
     * capitals and underscores of four letters or more: a currency ({@code EUR}), an id ({@code F-0000042}) or a
     * note stays as written.
     */
    static String codeLabel(String text) {
        return text != null && text.matches("[A-Z][A-Z_]{3,}") ? humanize(text) : text;
    }

    /** A recorded value as it reads: text as is, amounts as money, nothing as "—", anything else compact JSON. */
    static String value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "—";
        }
        if (n.isTextual()) {
            return codeLabel(n.textValue());
        }
        if (isMoney(n)) {
            return Formats.money(new Money(n.get("amountMinor").longValue(), n.get("currency").textValue()));
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        return n.toString();
    }

    private static String text(JsonNode details, String key) {
        JsonNode n = details.get(key);
        return n == null || n.isNull() ? null : n.isTextual() ? n.textValue() : value(n);
    }

    /** What the event recorded, in one line for the table. */
    public static String summary(AuditEvent e) {
        JsonNode d = e.details();
        String action = e.action() == null ? "" : e.action();
        String changes = changes(d);
        String summary = switch (action) {
            case "failure.replayed" -> replay(d);
            case "failure.created" -> join(" — ", humanize(text(d, "reason")), text(d, "message"));
            case "failure.noted" -> quote(text(d, "text"));
            case "failure.resolved", "failure.dismissed" -> join(" · ",
                    join(" → ", textIn(d, "before", "status"), textIn(d, "after", "status")),
                    humanize(textIn(d, "after", "resolutionCode")), quote(textIn(d, "after", "resolutionNote")));
            case "failure.assigned" -> prefixed("Assigned to ", textIn(d, "after", "assignee"));
            case "failure.unassigned" -> "Unassigned" + (textIn(d, "before", "assignee") == null ? ""
                    : " (was " + textIn(d, "before", "assignee") + ")");
            case "order.created" -> join(" · ", prefixed("Total ", text(d, "total")), payment(d.get("payment")));
            case "webhook.processed" -> join(" · ", text(d, "type"), humanize(text(d, "outcome")),
                    text(d, "paymentReference"));
            case "replay_job.created" -> d.hasNonNull("total") ? Formats.plural(d.get("total").asLong(), "failure",
                    "failures") + " to replay" : changes;
            case "replay_job.completed", "replay_job.cancelled" -> d.hasNonNull("processed")
                    ? d.get("processed").asLong() + " processed: " + d.path("succeeded").asLong() + " succeeded, "
                    + d.path("failed").asLong() + " failed, " + d.path("skipped").asLong() + " skipped"
                    : changes;
            case "session.signed_in" -> "Signed in";
            case "session.signed_out" -> "Signed out";
            case "session.sign_in_failed" -> join(" · ", "Sign-in refused", humanize(text(d, "reason")));
            case "audit.exported" -> "Exported " + exportFilter(d.get("filter"));
            case "inventory.adjusted" -> join(" · ", join(" → ", textIn(d, "before", "quantity"),
                    textIn(d, "after", "quantity")), humanize(text(d, "reason")), quote(text(d, "note")));
            default -> null;
        };
        if (summary == null || summary.isBlank()) {
            summary = action.startsWith("payment.") ? join(" · ", text(d, "amount"), changes) : changes;
        }
        if (summary == null || summary.isBlank()) {
            summary = scalars(d);
        }
        return summary == null ? "" : summary;
    }

    private static String replay(JsonNode d) {
        String outcome = text(d, "outcome");
        String effect = text(d, "effect");
        String head = switch (outcome == null ? "" : outcome) {
            case "SUCCEEDED" -> "Succeeded";
            case "FAILED" -> "Failed again";
            case "SKIPPED" -> "Skipped";
            default -> humanize(outcome);
        };
        String what = effect == null || effect.equals("FAIL_AGAIN") ? null : humanize(effect).toLowerCase(Locale.ROOT);
        String trigger = text(d, "trigger");
        String how = trigger == null ? null : "(" + humanize(trigger).toLowerCase(Locale.ROOT) + ")";
        return join(" ", join(" — ", head, what), how, text(d, "message") == null ? null : "· " + text(d, "message"));
    }

    private static String payment(JsonNode p) {
        if (p == null || !p.isObject()) {
            return null;
        }
        return join(" ", text(p, "provider"), text(p, "reference"));
    }

    private static String exportFilter(JsonNode filter) {
        if (filter == null || !filter.isObject() || filter.isEmpty()) {
            return "the whole trail";
        }
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            var f = it.next();
            parts.add(f.getKey() + "=" + value(f.getValue()));
        }
        return "with " + String.join(", ", parts);
    }

    /** "Status OPEN → RESOLVED, attempts 1 → 2": the fields a before/after change altered. */
    static String changes(JsonNode d) {
        if (d == null || !(d.has("before") || d.has("after"))) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (AuditEventDetail.DiffRow row : AuditEventDetail.diff(d.get("before"), d.get("after"))) {
            if (row.changed()) {
                parts.add((parts.isEmpty() ? row.field() : row.field().toLowerCase(Locale.ROOT)) + " " + row.before()
                        + " → " + row.after());
            }
        }
        return parts.isEmpty() ? "No change" : String.join(", ", parts);
    }

    private static String scalars(JsonNode d) {
        if (d == null || !d.isObject()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext() && parts.size() < 3; ) {
            var f = it.next();
            if (!f.getValue().isNull() && (f.getValue().isValueNode() || isMoney(f.getValue()))) {
                parts.add(fieldLabel(f.getKey()).toLowerCase(Locale.ROOT) + " " + value(f.getValue()));
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static String textIn(JsonNode d, String object, String key) {
        JsonNode o = d.get(object);
        return o == null || !o.isObject() ? null : text(o, key);
    }

    private static String quote(String s) {
        return s == null || s.isBlank() ? null : "“" + s + "”";
    }

    private static String prefixed(String prefix, String s) {
        return s == null ? null : prefix + s;
    }

    private static String join(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                present.add(p);
            }
        }
        return present.isEmpty() ? null : String.join(separator, present);
    }
}
