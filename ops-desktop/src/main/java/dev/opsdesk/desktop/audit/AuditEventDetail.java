package dev.opsdesk.desktop.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.desktop.ui.Formats;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the detail pane shows for one event, worked out without controls: the record's fields, a
 * change as a field-by-field diff (before, after, whether it changed), the other details as
 * key/value lines, and the links that re-filter the list around the event.
 *
 * @param event   the event as the server sent it (hashes included)
 * @param summary what it recorded, in one line
 * @param facts   sequence, time, actor, entity, order, warehouse, SKU, request and correlation ids
 * @param changes the before/after diff; empty when the event recorded no change
 * @param details every other detail, nested objects flattened ({@code payment › state})
 * @param links   "Show order … timeline", "Show failure … timeline", "Show everything by …", "Show job …"
 */
public record AuditEventDetail(AuditEvent event, String summary, List<Fact> facts, List<DiffRow> changes,
                               List<DetailLine> details, List<Link> links) {

    /** @param copyable whether the value is an id someone will paste elsewhere (shown in monospace, with Copy) */
    public record Fact(String name, String value, boolean copyable) {
    }

    /** One field of a change; {@code changed} is false for fields recorded on both sides with the same value. */
    public record DiffRow(String field, String before, String after, boolean changed) {
    }

    public record DetailLine(String key, String value) {
    }

    /** A link that re-filters the list; {@code target} is an entity ({@code type:id}), an actor or a correlation id. */
    public record Link(Kind kind, String label, String target) {
        public enum Kind { ORDER, FAILURE, ENTITY, ACTOR, CORRELATION }
    }

    public AuditEventDetail {
        changes = List.copyOf(changes);
        details = List.copyOf(details);
        facts = List.copyOf(facts);
        links = List.copyOf(links);
    }

    public static AuditEventDetail of(AuditEvent e, Formats formats) {
        Objects.requireNonNull(e, "event");
        JsonNode d = e.details();
        List<DiffRow> changes = d.has("before") || d.has("after") ? diff(d.get("before"), d.get("after")) : List.of();

        List<DetailLine> details = new ArrayList<>();
        if (d.isObject()) {
            Map<String, JsonNode> rest = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
                var f = it.next();
                if (!f.getKey().equals("before") && !f.getKey().equals("after")) {
                    flatten(f.getValue(), f.getKey(), rest);
                }
            }
            rest.forEach((k, v) -> details.add(new DetailLine(AuditTexts.fieldLabel(k), AuditTexts.value(v))));
        } else if (!d.isNull()) {
            details.add(new DetailLine("Value", AuditTexts.value(d)));
        }

        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Sequence", "#" + Formats.count(e.sequence()), false));
        facts.add(new Fact("Time", formats.absolute(e.at()), false));
        facts.add(new Fact("Actor", AuditTexts.actor(e.actor()) + (e.bySystem() ? "  (the platform)" : "  (a person)"),
                false));
        facts.add(new Fact("Action", e.action(), false));
        facts.add(new Fact(AuditTexts.entityTypeLabel(e.entityType(), true), e.entityId(), true));
        addIf(facts, "Order", e.orderNumber(), true);
        addIf(facts, "Warehouse", e.warehouse(), false);
        addIf(facts, "SKU", e.sku(), true);
        addIf(facts, "Request id", e.requestId(), true);
        addIf(facts, "Correlation id", e.correlationId(), true);

        return new AuditEventDetail(e, AuditTexts.summary(e), facts, changes, details, links(e));
    }

    private static void addIf(List<Fact> facts, String name, String value, boolean copyable) {
        if (value != null && !value.isBlank()) {
            facts.add(new Fact(name, value, copyable));
        }
    }

    static List<Link> links(AuditEvent e) {
        List<Link> links = new ArrayList<>();
        if (e.orderNumber() != null) {
            links.add(new Link(Link.Kind.ORDER, "Show order " + e.orderNumber() + " timeline", "order:" + e.orderNumber()));
        }
        if ("failure".equals(e.entityType())) {
            links.add(new Link(Link.Kind.FAILURE, "Show failure " + e.entityId() + " timeline", e.entity()));
        } else if (e.entityType() != null && !"order".equals(e.entityType()) && !"replay_job".equals(e.entityType())
                && !"audit".equals(e.entityType())) {
            links.add(new Link(Link.Kind.ENTITY, "Show everything about " + AuditTexts.entity(e), e.entity()));
        }
        if (e.actor() != null) {
            links.add(new Link(Link.Kind.ACTOR, "Show everything by " + AuditTexts.actor(e.actor()), e.actor()));
        }
        String correlation = e.correlationId() != null ? e.correlationId()
                : "replay_job".equals(e.entityType()) ? e.entityId() : null;
        if (correlation != null) {
            links.add(new Link(Link.Kind.CORRELATION, correlation.startsWith("J-") ? "Show job " + correlation
                    : "Show everything correlated with " + correlation, correlation));
        }
        return links;
    }

    /**
     * A change field by field: every field of {@code before} and {@code after} (nested objects flattened,
     * amounts kept whole), in the order recorded, each with whether it changed.
     */
    static List<DiffRow> diff(JsonNode before, JsonNode after) {
        Map<String, JsonNode> b = new LinkedHashMap<>();
        Map<String, JsonNode> a = new LinkedHashMap<>();
        flatten(before, "", b);
        flatten(after, "", a);
        Set<String> fields = new LinkedHashSet<>(b.keySet());
        fields.addAll(a.keySet());
        List<DiffRow> rows = new ArrayList<>();
        for (String field : fields) {
            JsonNode was = b.getOrDefault(field, NullNode.getInstance());
            JsonNode now = a.getOrDefault(field, NullNode.getInstance());
            rows.add(new DiffRow(field.isEmpty() ? "Value" : AuditTexts.fieldLabel(field), AuditTexts.value(was),
                    AuditTexts.value(now), !same(was, now)));
        }
        return rows;
    }

    private static boolean same(JsonNode x, JsonNode y) {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        return x.equals(y);
    }

    /** Leaves of {@code n} by dotted path; amounts and empty objects stay leaves, a missing side adds nothing. */
    private static void flatten(JsonNode n, String path, Map<String, JsonNode> out) {
        if (n == null || n.isMissingNode() || path.isEmpty() && n.isNull()) {
            return;
        }
        if (n.isObject() && !n.isEmpty() && !AuditTexts.isMoney(n)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                var f = it.next();
                flatten(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), out);
            }
        } else {
            out.put(path, n);
        }
    }
}
