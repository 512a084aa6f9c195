package dev.opsdesk.client.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which failures to list, count, preview or bulk-replay. Null properties don't filter.
 *
 * @param status   one status or a comma-separated list
 * @param assignee a username, {@code me}, or {@code none} for unassigned failures
 * @param q        free text: order number, payment reference, event id or failure id (prefix)
 * @param pastSla  true: only open failures older than their queue's SLA target; null or false: no SLA filter
 */
public record FailureFilter(String queue, String status, String reason, String provider, String assignee,
                            Instant since, Instant until, String q, Boolean pastSla) {

    /** Without the SLA filter (as before there was one). */
    public FailureFilter(String queue, String status, String reason, String provider, String assignee,
                         Instant since, Instant until, String q) {
        this(queue, status, reason, provider, assignee, since, until, q, null);
    }

    public static FailureFilter none() {
        return new FailureFilter(null, null, null, null, null, null, null, null, null);
    }

    public static FailureFilter queue(String queue) {
        return none().withQueue(queue);
    }

    public FailureFilter withQueue(String v) { return new FailureFilter(v, status, reason, provider, assignee, since, until, q, pastSla); }
    public FailureFilter withStatus(String v) { return new FailureFilter(queue, v, reason, provider, assignee, since, until, q, pastSla); }
    public FailureFilter withReason(String v) { return new FailureFilter(queue, status, v, provider, assignee, since, until, q, pastSla); }
    public FailureFilter withProvider(String v) { return new FailureFilter(queue, status, reason, v, assignee, since, until, q, pastSla); }
    public FailureFilter withAssignee(String v) { return new FailureFilter(queue, status, reason, provider, v, since, until, q, pastSla); }
    public FailureFilter withSince(Instant v) { return new FailureFilter(queue, status, reason, provider, assignee, v, until, q, pastSla); }
    public FailureFilter withUntil(Instant v) { return new FailureFilter(queue, status, reason, provider, assignee, since, v, q, pastSla); }
    public FailureFilter withPastSla(Boolean v) { return new FailureFilter(queue, status, reason, provider, assignee, since, until, q, v); }
    public FailureFilter withText(String v) { return new FailureFilter(queue, status, reason, provider, assignee, since, until, v, pastSla); }

    /** As query parameters, skipping blanks. */
    public Map<String, Object> toQuery() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "queue", queue);
        put(m, "status", status);
        put(m, "reason", reason);
        put(m, "provider", provider);
        put(m, "assignee", assignee);
        put(m, "since", since);
        put(m, "until", until);
        put(m, "q", q);
        if (Boolean.TRUE.equals(pastSla)) {
            m.put("pastSla", true);
        }
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null && !(v instanceof String s && s.isBlank())) {
            m.put(k, v instanceof String s ? s.trim() : v);
        }
    }
}
