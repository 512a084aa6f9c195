package dev.opsdesk.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.failures.FailureService;
import dev.opsdesk.sandbox.failures.FailureStatus;
import dev.opsdesk.sandbox.failures.FailureStore;
import dev.opsdesk.sandbox.failures.Queue;
import dev.opsdesk.sandbox.failures.Reason;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.FieldError;
import dev.opsdesk.sandbox.service.Principal;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The failure filter (queue, status, reason, provider, assignee, since, until, q, pastSla), from query parameters or from a
 * {@code FailureFilter} JSON object, checked, and narrowed to the queues the caller may read.
 */
final class FailureFilters {

    static final List<String> NAMES = List.of("queue", "status", "reason", "provider", "assignee", "since", "until", "q",
            "pastSla");
    static final int MAX_TEXT = 100;

    private FailureFilters() {
    }

    /** {@code now}: the server's time, what "past its SLA" is measured at. */
    static FailureStore.Query fromQuery(Context ctx, Principal principal, Instant now) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            String v = ctx.queryParam(name);
            if (v != null && !v.isBlank()) {
                values.put(name, v.trim());
            }
        }
        return parse(values, "", principal, now);
    }

    /** From a {@code FailureFilter} object; {@code prefix} names its fields in errors (e.g. "filter."). */
    static FailureStore.Query fromJson(JsonNode filter, String prefix, Principal principal, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!NAMES.contains(e.getKey())) {
                errors.add(new FieldError(prefix + e.getKey(), "Unknown filter; use one of " + String.join(", ", NAMES)
                        + "."));
            } else if (e.getValue().isNull()) {
                continue;
            } else if (e.getKey().equals("pastSla") && e.getValue().isBoolean()) {
                values.put("pastSla", e.getValue().asText());
            } else if (e.getKey().equals("pastSla")) {
                errors.add(new FieldError(prefix + e.getKey(), "Must be true or false."));
            } else if (!e.getValue().isTextual()) {
                errors.add(new FieldError(prefix + e.getKey(), "Must be a string."));
            } else if (!e.getValue().asText().isBlank()) {
                values.put(e.getKey(), e.getValue().asText().trim());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The filter is not valid; see errors.", errors);
        }
        return parse(values, prefix, principal, now);
    }

    private static FailureStore.Query parse(Map<String, String> v, String prefix, Principal principal, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Queue queue = null;
        if (v.containsKey("queue")) {
            queue = Queue.parse(v.get("queue")).orElse(null);
            if (queue == null) {
                errors.add(new FieldError(prefix + "queue", "Must be one of " + Arrays.toString(Queue.values()) + "."));
            }
        }
        Set<FailureStatus> statuses = null;
        if (v.containsKey("status")) {
            statuses = EnumSet.noneOf(FailureStatus.class);
            for (String s : v.get("status").split(",")) {
                FailureStatus status = FailureStatus.parse(s.trim()).orElse(null);
                if (status == null) {
                    errors.add(new FieldError(prefix + "status", "'" + s.trim() + "' is not a status; use one or more of "
                            + Arrays.toString(FailureStatus.values()) + ", separated by commas."));
                } else {
                    statuses.add(status);
                }
            }
        }
        Reason reason = null;
        if (v.containsKey("reason")) {
            reason = Reason.parse(v.get("reason")).orElse(null);
            if (reason == null) {
                errors.add(new FieldError(prefix + "reason", "Must be one of " + Arrays.toString(Reason.values()) + "."));
            }
        }
        String assignee = v.get("assignee");
        if ("me".equals(assignee)) {
            assignee = principal.user().username();
        } else if ("none".equals(assignee)) {
            assignee = FailureStore.UNASSIGNED;
        }
        Instant since = Params.instant(v.get("since"), prefix + "since", errors);
        Instant until = Params.instant(v.get("until"), prefix + "until", errors);
        String text = v.get("q");
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new FieldError(prefix + "q", "Must be at most " + MAX_TEXT + " characters."));
        }
        Instant pastSlaAt = null;
        String pastSla = v.get("pastSla");
        if ("true".equals(pastSla)) {
            pastSlaAt = now;
        } else if (pastSla != null && !"false".equals(pastSla)) {
            errors.add(new FieldError(prefix + "pastSla", "Must be true or false."));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The filter is not valid; see errors.", errors);
        }
        return new FailureStore.Query(FailureService.queues(principal.scopes(), Permission.FAILURES_READ), queue,
                statuses, reason, v.get("provider"), assignee, since, until, text, pastSlaAt);
    }
}
