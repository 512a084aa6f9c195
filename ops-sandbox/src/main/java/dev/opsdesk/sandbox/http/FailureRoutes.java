package dev.opsdesk.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.failures.FailureService;
import dev.opsdesk.sandbox.failures.FailureStatus;
import dev.opsdesk.sandbox.failures.FailureStore;
import dev.opsdesk.sandbox.failures.Outcome;
import dev.opsdesk.sandbox.failures.Queue;
import dev.opsdesk.sandbox.failures.ReplayJobs;
import dev.opsdesk.sandbox.failures.ReplayPreviewer;
import dev.opsdesk.sandbox.failures.ReplayService;
import dev.opsdesk.sandbox.failures.ResolutionCode;
import dev.opsdesk.sandbox.failures.Trigger;
import dev.opsdesk.sandbox.failures.Views;
import dev.opsdesk.sandbox.failures.WebhookIntake;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.FieldError;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
import dev.opsdesk.sandbox.webhooks.WebhookSecrets;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** The handlers of the failure queues, bulk replays, orders and webhook intake (registered in {@link ApiRoutes}). */
final class FailureRoutes {

    private static final String FAILURES_CURSOR = "failures";
    private static final String ITEMS_CURSOR = "job-items";
    private static final int MAX_PREVIEW_IDS = 10_000;

    /** The services behind these routes. */
    record Services(FailureService failures, FailureStore store, ReplayService replays, ReplayPreviewer previewer,
                    ReplayJobs jobs, WebhookIntake intake) {
    }

    private final Services s;
    private final Idempotency idempotency;

    FailureRoutes(Services services, Idempotency idempotency) {
        this.s = services;
        this.idempotency = idempotency;
    }

    // --- reading ---

    void list(Context ctx) {
        Principal principal = Access.principal(ctx);
        int limit = Paging.limit(ctx);
        FailureStore.Query query = FailureFilters.fromQuery(ctx, principal);
        FailureStore.Sort sort = FailureStore.Sort.parse(ctx.queryParam("sort")).orElseThrow(() ->
                ApiException.validation("sort", "Must be one of firstSeenAt, lastAttemptAt, attempts, amount, each"
                        + " optionally led by - for descending."));
        String cursor = Paging.cursor(ctx, FAILURES_CURSOR);
        FailureStore.After after = null;
        if (cursor != null) {
            // "<sort>~<value>~<id>": the sort the cursor was handed out with, the last row's sort value and id.
            String[] parts = cursor.split("~", 3);
            if (parts.length != 3 || !parts[0].equals(sort.param())) {
                throw ApiException.validation("cursor", "This cursor belongs to another sort order; start again"
                        + " from the first page.");
            }
            try {
                after = new FailureStore.After(sort.key().parse(parts[1]), parts[2]);
            } catch (RuntimeException e) {
                throw ApiException.validation("cursor", "Not a cursor this list handed out; use the nextCursor of the"
                        + " previous page, or none.");
            }
        }
        FailureStore.Page page = s.store().list(query, sort, after, limit);
        List<Views.Failure> items = page.items();
        String next = null;
        if (page.hasMore()) {
            Views.Failure last = items.get(items.size() - 1);
            next = Paging.nextCursor(FAILURES_CURSOR, sort.param() + "~" + sort.key().value(last) + "~" + last.id());
        }
        ApiRoutes.json(ctx, 200, new Views.FailurePage(items, next));
    }

    record Count(long count) {
    }

    void count(Context ctx) {
        FailureStore.Query query = FailureFilters.fromQuery(ctx, Access.principal(ctx));
        ApiRoutes.json(ctx, 200, new Count(s.store().count(query)));
    }

    void summary(Context ctx) {
        ApiRoutes.json(ctx, 200, s.failures().summary(Access.principal(ctx)));
    }

    void get(Context ctx) {
        ApiRoutes.json(ctx, 200, s.failures().detail(Access.principal(ctx), ctx.pathParam("id")));
    }

    void order(Context ctx) {
        ApiRoutes.json(ctx, 200, s.failures().order(Access.principal(ctx), ctx.pathParam("orderNumber")));
    }

    // --- one failure ---

    void replay(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = ctx.pathParam("id");
        s.failures().load(principal, id, Permission.FAILURES_REPLAY);
        String note = null;
        if (ctx.bodyAsBytes().length > 0) {
            JsonNode body = ApiRoutes.readObject(ctx);
            List<FieldError> errors = new ArrayList<>();
            unknownProperties(body, Set.of("note"), errors);
            note = optionalString(body, "note", 2000, errors);
            throwIfAny(errors, "The replay request is not valid; see errors.");
        }
        String replayNote = note == null || note.isBlank() ? null : note.trim();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                s.replays().replay(id, Trigger.MANUAL, principal.user().username(), null, replayNote)));
    }

    void resolve(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = ctx.pathParam("id");
        s.failures().load(principal, id, Permission.FAILURES_RESOLVE);
        JsonNode body = ApiRoutes.readObject(ctx);
        List<FieldError> errors = new ArrayList<>();
        unknownProperties(body, Set.of("status", "code", "note"), errors);
        String statusName = ApiRoutes.requiredString(body, "status", 20, errors);
        String codeName = ApiRoutes.requiredString(body, "code", 40, errors);
        String note = ApiRoutes.requiredString(body, "note", 2000, errors);
        FailureStatus status = null;
        if (statusName != null) {
            status = "RESOLVED".equals(statusName) ? FailureStatus.RESOLVED
                    : "DISMISSED".equals(statusName) ? FailureStatus.DISMISSED : null;
            if (status == null) {
                errors.add(new FieldError("status", "Must be RESOLVED or DISMISSED."));
            }
        }
        ResolutionCode code = null;
        if (codeName != null) {
            code = ResolutionCode.parse(codeName).orElse(null);
            if (code == null) {
                errors.add(new FieldError("code", "Must be one of " + Arrays.toString(ResolutionCode.values()) + "."));
            }
        }
        if (note != null && note.isBlank()) {
            errors.add(new FieldError("note", "Say why, in a few words."));
        }
        throwIfAny(errors, "The resolution is not valid; see errors.");
        FailureStatus finalStatus = status;
        ResolutionCode finalCode = code;
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                s.failures().resolve(principal, id, finalStatus, finalCode, note.trim())));
    }

    void assign(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = ctx.pathParam("id");
        s.failures().load(principal, id, Permission.FAILURES_RESOLVE);
        JsonNode body = ApiRoutes.readObject(ctx);
        List<FieldError> errors = new ArrayList<>();
        unknownProperties(body, Set.of("assignee"), errors);
        JsonNode value = body.get("assignee");
        String assignee = null;
        if (value == null) {
            errors.add(new FieldError("assignee", "Required: a username, or null to unassign."));
        } else if (!value.isNull()) {
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 64) {
                errors.add(new FieldError("assignee", "Must be a username (1 to 64 characters) or null."));
            } else {
                assignee = value.asText().trim();
            }
        }
        throwIfAny(errors, "The assignment is not valid; see errors.");
        String finalAssignee = assignee;
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                s.failures().assign(principal, id, finalAssignee)));
    }

    void addNote(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = ctx.pathParam("id");
        s.failures().load(principal, id, Permission.FAILURES_READ);
        JsonNode body = ApiRoutes.readObject(ctx);
        List<FieldError> errors = new ArrayList<>();
        unknownProperties(body, Set.of("text"), errors);
        String text = ApiRoutes.requiredString(body, "text", 4000, errors);
        if (text != null && text.isBlank()) {
            errors.add(new FieldError("text", "Must not be blank."));
        }
        throwIfAny(errors, "The note is not valid; see errors.");
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(201,
                s.failures().addNote(principal, id, text.trim())));
    }

    // --- many failures ---

    void preview(Context ctx) {
        Principal principal = Access.principal(ctx);
        JsonNode body = ApiRoutes.readObject(ctx);
        List<String> ids = selection(body, principal, Set.of("ids", "filter"), MAX_PREVIEW_IDS, Integer.MAX_VALUE);
        ApiRoutes.json(ctx, 200, s.previewer().preview(principal.permissions(), ids));
    }

    void startJob(Context ctx) {
        Principal principal = Access.principal(ctx);
        JsonNode body = ApiRoutes.readObject(ctx);
        List<String> ids = selection(body, principal, Set.of("ids", "filter", "throttlePerSecond"), ReplayJobs.MAX_ITEMS,
                ReplayJobs.MAX_ITEMS);
        int throttle = ReplayJobs.DEFAULT_THROTTLE;
        JsonNode t = body.get("throttlePerSecond");
        if (t != null && !t.isNull()) {
            if (!t.isIntegralNumber() || t.asLong() < 1 || t.asLong() > ReplayJobs.MAX_THROTTLE) {
                throw ApiException.validation("throttlePerSecond",
                        "Must be a whole number from 1 to " + ReplayJobs.MAX_THROTTLE + ".");
            }
            throttle = t.asInt();
        }
        int finalThrottle = throttle;
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(202,
                s.jobs().start(principal, ids, finalThrottle, null)));
    }

    void job(Context ctx) {
        ApiRoutes.json(ctx, 200, s.jobs().job(ctx.pathParam("jobId")));
    }

    void jobItems(Context ctx) {
        Principal principal = Access.principal(ctx);
        int limit = Paging.limit(ctx);
        Outcome outcome = null;
        String raw = ctx.queryParam("outcome");
        if (raw != null && !raw.isBlank()) {
            outcome = Outcome.parse(raw.trim()).orElseThrow(() -> ApiException.validation("outcome",
                    "Must be one of " + Arrays.toString(Outcome.values()) + "."));
        }
        String cursor = Paging.cursor(ctx, ITEMS_CURSOR);
        Integer afterSeq = null;
        if (cursor != null) {
            try {
                afterSeq = Integer.parseInt(cursor);
            } catch (NumberFormatException e) {
                throw ApiException.validation("cursor", "Not a cursor this list handed out.");
            }
        }
        Set<Queue> scope = FailureService.queues(principal.permissions(), Permission.FAILURES_READ);
        Views.ReplayJobItemPage page = s.jobs().items(ctx.pathParam("jobId"), outcome, afterSeq, limit, scope);
        String next = page.nextCursor() == null ? null : Paging.nextCursor(ITEMS_CURSOR, page.nextCursor());
        ApiRoutes.json(ctx, 200, new Views.ReplayJobItemPage(page.items(), next));
    }

    void cancelJob(Context ctx) {
        Principal principal = Access.principal(ctx);
        String jobId = ctx.pathParam("jobId");
        s.jobs().checkMayCancel(principal, jobId);
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                s.jobs().cancel(principal, jobId)));
    }

    void retryFailed(Context ctx) {
        Principal principal = Access.principal(ctx);
        String jobId = ctx.pathParam("jobId");
        s.jobs().job(jobId);
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(202,
                s.jobs().retryFailed(principal, jobId)));
    }

    /** The failure ids of a {@code ReplaySelection}: exactly one of {@code ids} and {@code filter}. */
    private List<String> selection(JsonNode body, Principal principal, Set<String> allowed, int maxIds, int maxFiltered) {
        List<FieldError> errors = new ArrayList<>();
        unknownProperties(body, allowed, errors);
        JsonNode ids = body.get("ids");
        JsonNode filter = body.get("filter");
        boolean hasIds = ids != null && !ids.isNull();
        boolean hasFilter = filter != null && !filter.isNull();
        if (hasIds == hasFilter) {
            errors.add(new FieldError(hasIds ? "filter" : "ids", "Give exactly one of ids and filter."));
        }
        List<String> result = new ArrayList<>();
        if (hasIds) {
            if (!ids.isArray() || ids.isEmpty() || ids.size() > maxIds) {
                errors.add(new FieldError("ids", "Must be a list of 1 to " + maxIds + " failure ids."));
            } else {
                for (JsonNode id : ids) {
                    if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > 64) {
                        errors.add(new FieldError("ids", "Every id must be a non-empty string."));
                        break;
                    }
                    result.add(id.asText().trim());
                }
            }
        }
        if (hasFilter && !filter.isObject()) {
            errors.add(new FieldError("filter", "Must be an object (a FailureFilter)."));
        }
        throwIfAny(errors, "The selection is not valid; see errors.");
        if (hasFilter) {
            FailureStore.Query query = FailureFilters.fromJson(filter, "filter.", principal);
            result = s.store().ids(query, maxFiltered == Integer.MAX_VALUE ? 1_000_000 : maxFiltered);
            if (result.size() > maxFiltered) {
                throw ApiException.unprocessable("filter", "The filter matches more than " + maxFiltered
                        + " failures; narrow it down.");
            }
        }
        return result;
    }

    // --- webhook intake ---

    void webhook(Context ctx) {
        String provider = ctx.pathParam("provider");
        if (!WebhookSecrets.isProvider(provider)) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no payment provider '" + provider
                    + "'; callbacks are received for " + String.join(", ", WebhookSecrets.PROVIDERS) + ".");
        }
        WebhookIntake.Result result = s.intake().receive(provider, ctx.headerMap(), ctx.bodyAsBytes());
        if (result.status() == 401) {
            throw new ApiException(ProblemType.UNAUTHENTICATED, result.detail());
        }
        ApiRoutes.json(ctx, result.status(), result.ack());
    }

    // --- helpers ---

    private static void unknownProperties(JsonNode body, Set<String> allowed, List<FieldError> errors) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(new FieldError(name, "Unknown property; this request takes " + String.join(", ",
                        allowed.stream().sorted().toList()) + "."));
            }
        }
    }

    private static String optionalString(JsonNode body, String field, int maxLength, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > maxLength) {
            errors.add(new FieldError(field, "Must be a string of at most " + maxLength + " characters."));
            return null;
        }
        return value.asText();
    }

    private static void throwIfAny(List<FieldError> errors, String detail) {
        if (!errors.isEmpty()) {
            throw ApiException.validation(detail, errors);
        }
    }
}
