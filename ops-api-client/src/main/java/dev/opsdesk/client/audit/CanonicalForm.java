package dev.opsdesk.client.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.client.model.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical form of an audit event, as the contract defines it (src-docs/audit.md): the JSON object of the
 * event's fields without {@code hash}, in RFC 8785 (JCS) form — members sorted by key in UTF-16 order, no
 * whitespace, strings escaped as ECMAScript does, integers only, explicit nulls, {@code at} in UTC with
 * milliseconds. Written independently of the server's implementation, so each checks the other.
 */
public final class CanonicalForm {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CanonicalForm() {
    }

    /** The canonical UTF-8 bytes of {@code e} with {@code sequence} in place of its own (to test a move). */
    public static byte[] bytes(AuditEvent e, long sequence) {
        StringBuilder b = new StringBuilder(512);
        // Keys in sorted order, written by hand so the order is visible here.
        b.append('{');
        member(b, "action", e.action(), true);
        member(b, "actor", e.actor(), false);
        member(b, "actorType", e.actorType(), false);
        string(b.append(','), "at");
        b.append(':');
        string(b, TIME.format(e.at()));
        member(b, "correlationId", e.correlationId(), false);
        string(b.append(','), "details");
        b.append(':');
        node(b, e.details());
        member(b, "entityId", e.entityId(), false);
        member(b, "entityType", e.entityType(), false);
        member(b, "orderNumber", e.orderNumber(), false);
        member(b, "prevHash", e.prevHash(), false);
        member(b, "requestId", e.requestId(), false);
        string(b.append(','), "sequence");
        b.append(':').append(sequence);
        member(b, "sku", e.sku(), false);
        member(b, "warehouse", e.warehouse(), false);
        b.append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bytes(AuditEvent e) {
        return bytes(e, e.sequence());
    }

    private static void member(StringBuilder b, String key, String value, boolean first) {
        if (!first) {
            b.append(',');
        }
        string(b, key);
        b.append(':');
        if (value == null) {
            b.append("null");
        } else {
            string(b, value);
        }
    }

    private static void node(StringBuilder b, JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            b.append("null");
        } else if (n.isTextual()) {
            string(b, n.textValue());
        } else if (n.isBoolean()) {
            b.append(n.booleanValue());
        } else if (n.isIntegralNumber()) {
            b.append(n.bigIntegerValue().toString());
        } else if (n.isNumber()) {
            throw new IllegalArgumentException("Audit details hold no fractions; found " + n);
        } else if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                node(b, n.get(i));
            }
            b.append(']');
        } else if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            keys.sort(null);
            b.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                string(b, keys.get(i));
                b.append(':');
                node(b, n.get(keys.get(i)));
            }
            b.append('}');
        } else {
            throw new IllegalArgumentException("Not JSON data: " + n.getNodeType());
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20) {
                b.append(c);
            } else if (c == '\b') {
                b.append("\\b");
            } else if (c == '\f') {
                b.append("\\f");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else {
                b.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            }
        }
        b.append('"');
    }
}
