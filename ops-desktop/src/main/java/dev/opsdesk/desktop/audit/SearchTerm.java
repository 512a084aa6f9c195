package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.model.AuditFilter;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the Audit section's one search box asks for. People type what they have in front of them —
 * an order number from a customer's e-mail, a failure id from the Failures section, a payment
 * reference from the provider's dashboard — and expect "everything about it":
 * <ul>
 *   <li>{@code ORD-100123} opens the order's whole timeline ({@code entity=order:ORD-100123}: its
 *       payments, callbacks, failures and replays);</li>
 *   <li>{@code F-0000042} that failure's events ({@code entity=failure:F-0000042});</li>
 *   <li>{@code J-000017} everything a bulk replay job did (its correlation id);</li>
 *   <li>{@code #1234} one event by its sequence number;</li>
 *   <li>{@code type:id} (e.g. {@code payment:pi_3N…}, {@code user:support}, {@code stock:WH-1/SKU-100042})
 *       that entity exactly;</li>
 *   <li>anything else the server's exact-match search ({@code q}): a payment reference, a SKU, a
 *       username, a correlation id.</li>
 * </ul>
 *
 * @param kind  how the text is read
 * @param value the normalised value: {@code type:id}, a correlation id, a sequence or the text
 */
record SearchTerm(Kind kind, String value) {

    enum Kind { NONE, ENTITY, CORRELATION, SEQUENCE, TEXT }

    static final SearchTerm NONE = new SearchTerm(Kind.NONE, null);

    /** The server's limit on {@code q}. */
    static final int MAX_TEXT = 128;

    /** Entity types of the contract (AuditEvent.entityType). */
    static final Set<String> ENTITY_TYPES = Set.of("order", "payment", "failure", "webhook", "replay_job", "user",
            "audit", "session", "stock");

    private static final Pattern ORDER = Pattern.compile("(?i)ORD-[A-Z0-9-]+");
    private static final Pattern FAILURE = Pattern.compile("(?i)F-\\d+");
    private static final Pattern JOB = Pattern.compile("(?i)J-\\d+");
    private static final Pattern SEQUENCE = Pattern.compile("#\\s*(\\d{1,18})");
    private static final Pattern TYPED = Pattern.compile("(?i)([a-z_]+):(\\S.*)");

    static SearchTerm parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return NONE;
        }
        if (ORDER.matcher(t).matches()) {
            return new SearchTerm(Kind.ENTITY, "order:" + t.toUpperCase(Locale.ROOT));
        }
        if (FAILURE.matcher(t).matches()) {
            return new SearchTerm(Kind.ENTITY, "failure:" + t.toUpperCase(Locale.ROOT));
        }
        if (JOB.matcher(t).matches()) {
            return new SearchTerm(Kind.CORRELATION, t.toUpperCase(Locale.ROOT));
        }
        var sequence = SEQUENCE.matcher(t);
        if (sequence.matches() && Long.parseLong(sequence.group(1)) >= 1) {
            return new SearchTerm(Kind.SEQUENCE, sequence.group(1));
        }
        var typed = TYPED.matcher(t);
        if (typed.matches() && ENTITY_TYPES.contains(typed.group(1).toLowerCase(Locale.ROOT))) {
            String type = typed.group(1).toLowerCase(Locale.ROOT);
            String id = typed.group(2).strip();
            if (type.equals("order") || type.equals("failure")) {
                id = id.toUpperCase(Locale.ROOT);
            }
            return new SearchTerm(Kind.ENTITY, type + ":" + id);
        }
        return new SearchTerm(Kind.TEXT, t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t);
    }

    /** What the search box shows for an entity filter: the bare order number or failure id where that is enough. */
    static String boxTextFor(String entity) {
        if (entity == null || entity.isBlank()) {
            return "";
        }
        String e = entity.strip();
        SearchTerm term = parse(e);
        if (term.kind() != Kind.ENTITY) {
            return e;
        }
        String id = term.value().substring(term.value().indexOf(':') + 1);
        return parse(id).equals(term) ? id : term.value();
    }

    /** {@code filter} narrowed by this term (the term's own dimensions replaced). */
    AuditFilter applyTo(AuditFilter filter) {
        AuditFilter f = filter.withEntity(null).withCorrelationId(null).withText(null).withSequences(null, null);
        return switch (kind) {
            case NONE -> f;
            case ENTITY -> f.withEntity(value);
            case CORRELATION -> f.withCorrelationId(value);
            case SEQUENCE -> f.withSequences(Long.parseLong(value), Long.parseLong(value));
            case TEXT -> f.withText(value);
        };
    }

    /** The term in words: "order ORD-100123's timeline", "failure F-0000042", "“SKU-1234”". */
    String describe() {
        return switch (kind) {
            case NONE -> "Everything";
            case ENTITY -> describeEntity(value);
            case CORRELATION -> (JOB.matcher(value).matches() ? "Bulk replay job " : "Correlation ") + value;
            case SEQUENCE -> "Event #" + value;
            case TEXT -> "“" + value + "”";
        };
    }

    static String describeEntity(String entity) {
        int colon = entity.indexOf(':');
        String type = entity.substring(0, colon);
        String id = entity.substring(colon + 1);
        return type.equals("order") ? "Order " + id + "’s timeline" : AuditTexts.entityTypeLabel(type, true) + " " + id;
    }
}
