package dev.opsdesk.sandbox.http;

import static dev.opsdesk.sandbox.http.Access.PUBLIC;
import static dev.opsdesk.sandbox.http.Access.SIGNED_IN;
import static dev.opsdesk.sandbox.http.Access.requires;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.failures.FailureService;
import dev.opsdesk.sandbox.failures.FailureStatus;
import dev.opsdesk.sandbox.failures.FailureStore;
import dev.opsdesk.sandbox.failures.Outcome;
import dev.opsdesk.sandbox.failures.ReplayJobs;
import dev.opsdesk.sandbox.failures.ReplayPreviewer;
import dev.opsdesk.sandbox.failures.ReplayService;
import dev.opsdesk.sandbox.failures.ResolutionCode;
import dev.opsdesk.sandbox.failures.Trigger;
import dev.opsdesk.sandbox.failures.Views;
import dev.opsdesk.sandbox.failures.WebhookIntake;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
import dev.opsdesk.sandbox.webhooks.WebhookSecrets;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Map;

/** The routes of the failure queues, bulk replays, orders and webhook intake. */
public final class FailureRoutes implements RouteModule {

    private static final String FAILURES_CURSOR = "failures";
    private static final String ITEMS_CURSOR = "job-items";
    private static final int MAX_PREVIEW_IDS = 10_000;

    /** The services behind these routes. */
    public record Services(FailureService failures, FailureStore store, ReplayService replays,
                           ReplayPreviewer previewer, ReplayJobs jobs, WebhookIntake intake) {
    }

    private final Services s;
    private final Idempotency idempotency;

    public FailureRoutes(Services services, Idempotency idempotency) {
        this.s = services;
        this.idempotency = idempotency;
    }

    @Override
    public void register(Javalin app) {
        // The guard checks the permission; per-queue scopes are checked per record.
        app.get("/v1/failures", this::list, requires(Permission.FAILURES_READ));
        app.get("/v1/failures/count", this::count, requires(Permission.FAILURES_READ));
        app.get("/v1/failures/summary", this::summary, requires(Permission.FAILURES_READ));
        app.post("/v1/failures/replay-preview", this::preview, requires(Permission.FAILURES_READ));
        app.get("/v1/failures/{id}", this::get, requires(Permission.FAILURES_READ));
        app.post("/v1/failures/{id}/replay", this::replay, requires(Permission.FAILURES_REPLAY));
        app.post("/v1/failures/{id}/resolve", this::resolve, requires(Permission.FAILURES_RESOLVE));
        app.post("/v1/failures/{id}/assign", this::assign, requires(Permission.FAILURES_RESOLVE));
        app.get("/v1/failures/{id}/assignees", this::assignees, requires(Permission.FAILURES_RESOLVE));
        app.post("/v1/failures/{id}/reopen", this::reopen, requires(Permission.FAILURES_RESOLVE));
        app.post("/v1/failures/{id}/notes", this::addNote, requires(Permission.FAILURES_READ));
        app.post("/v1/replay-jobs", this::startJob, requires(Permission.FAILURES_REPLAY));
        app.get("/v1/replay-jobs/{jobId}", this::job, requires(Permission.FAILURES_READ));
        app.get("/v1/replay-jobs/{jobId}/items", this::jobItems, requires(Permission.FAILURES_READ));
        app.post("/v1/replay-jobs/{jobId}/cancel", this::cancelJob, requires(Permission.FAILURES_REPLAY));
        app.post("/v1/replay-jobs/{jobId}/retry-failed", this::retryFailed, requires(Permission.FAILURES_REPLAY));
        // Payment-queue readers or order auditors: decided per caller by the service.
        app.get("/v1/orders/{orderNumber}", this::order, SIGNED_IN);
        // Providers authenticate by signature, not by token (like health, no bearer token).
        app.post("/webhooks/payments/{provider}", this::webhook, PUBLIC);
    }

    @Override
    public Map<String, Set<String>> queryParameters() {
        Set<String> filters = Set.copyOf(FailureFilters.NAMES);
        Set<String> list = new java.util.HashSet<>(filters);
        list.addAll(Set.of("limit", "cursor", "sort"));
        return Map.of(
                "/v1/failures", Set.copyOf(list),
                "/v1/failures/count", filters,
                "/v1/failures/summary", Set.of(),
                "/v1/failures/{id}", Set.of(),
                "/v1/failures/{id}/assignees", Set.of(),
                "/v1/replay-jobs/{jobId}", Set.of(),
                "/v1/replay-jobs/{jobId}/items", Set.of("limit", "cursor", "outcome"),
                "/v1/orders/{orderNumber}", Set.of());
    }

    // --- reading ---

    void list(Context ctx) {
        Principal principal = Access.principal(ctx);
        int limit = Paging.limit(ctx);
        FailureStore.Query query = FailureFilters.fromQuery(ctx, principal, s.failures().now());
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
                after = new FailureStore.After(sort.parseValue(parts[1]), parts[2]);
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
            next = Paging.nextCursor(FAILURES_CURSOR, sort.param() + "~" + sort.value(last) + "~" + last.id());
        }
        Json.respond(ctx, 200, new Views.FailurePage(items, next));
    }

    record Count(long count) {
    }

    void count(Context ctx) {
        FailureStore.Query query = FailureFilters.fromQuery(ctx, Access.principal(ctx), s.failures().now());
        Json.respond(ctx, 200, new Count(s.store().count(query)));
    }

    void summary(Context ctx) {
        Json.respond(ctx, 200, s.failures().summary(Access.principal(ctx)));
    }

    void get(Context ctx) {
        Json.respond(ctx, 200, s.failures().detail(Access.principal(ctx), ctx.pathParam("id")));
    }

    void order(Context ctx) {
        Json.respond(ctx, 200, s.failures().order(Access.principal(ctx), ctx.pathParam("orderNumber")));
    }

    // --- one failure ---

    void replay(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = ctx.pathParam("id");
        s.failures().load(principal, id, Permission.FAILURES_REPLAY);
        Body body = Body.optional(ctx, "replay request", "note");
        String replayNote = body.optionalText("note", 2000);
        body.validate();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                s.replays().replay(id, Trigger.MANUAL, principal.user().username(), null, replayNote)));
    }

    void resolve(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = ctx.pathParam("id");
        s.failures().load(principal, id, Permission.FAILURES_RESOLVE);
        Body body = Body.of(ctx, "resolution", "status", "code", "note");
        FailureStatus status = body.requiredEnum("status", 20, FailureStatus::parse,
                List.of(FailureStatus.RESOLVED, FailureStatus.DISMISSED));
        ResolutionCode code = body.requiredEnum("code", 40, ResolutionCode::parse, List.of(ResolutionCode.values()));
        String note = body.requiredText("note", 2000, "Say why, in a few words.");
        body.validate();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                s.failures().resolve(principal, id, status, code, note)));
    }

    void assign(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = ctx.pathParam("id");
        s.failures().load(principal, id, Permission.FAILURES_RESOLVE);
        Body body = Body.of(ctx, "assignment", "assignee");
        JsonNode value = body.get("assignee");
        String assignee = null;
        // Null is a value here (unassign): only a missing property is an error.
        if (value == null) {
            body.error("assignee", "Required: a username, or null to unassign.");
        } else if (!value.isNull()) {
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 64) {
                body.error("assignee", "Must be a username (1 to 64 characters) or null.");
            } else {
                assignee = value.asText().trim();
            }
        }
        body.validate();
        String finalAssignee = assignee;
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                s.failures().assign(principal, id, finalAssignee)));
    }

    void assignees(Context ctx) {
        Json.respond(ctx, 200, s.failures().assignees(Access.principal(ctx), ctx.pathParam("id")));
    }

    void reopen(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = ctx.pathParam("id");
        s.failures().load(principal, id, Permission.FAILURES_RESOLVE);
        Body body = Body.of(ctx, "reopening", "reason");
        String reason = body.requiredText("reason", 2000, "Say why it needs work again, in a few words.");
        body.validate();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(200,
                s.failures().reopen(principal, id, reason)));
    }

    void addNote(Context ctx) {
        Principal principal = Access.principal(ctx);
        String id = ctx.pathParam("id");
        s.failures().load(principal, id, Permission.FAILURES_READ);
        Body body = Body.of(ctx, "note", "text");
        String text = body.requiredText("text", 4000, "Must not be blank.");
        body.validate();
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(201,
                s.failures().addNote(principal, id, text)));
    }

    // --- many failures ---

    void preview(Context ctx) {
        Principal principal = Access.principal(ctx);
        Body body = Body.of(ctx, "selection", "ids", "filter");
        List<String> ids = selection(body, principal, MAX_PREVIEW_IDS, Integer.MAX_VALUE);
        Json.respond(ctx, 200, s.previewer().preview(principal.scopes(), ids));
    }

    void startJob(Context ctx) {
        Principal principal = Access.principal(ctx);
        Body body = Body.of(ctx, "bulk replay", "ids", "filter", "throttlePerSecond");
        int throttle = body.optionalInt("throttlePerSecond", 1, ReplayJobs.MAX_THROTTLE, ReplayJobs.DEFAULT_THROTTLE);
        List<String> ids = selection(body, principal, ReplayJobs.MAX_ITEMS, ReplayJobs.MAX_ITEMS);
        idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(202,
                s.jobs().start(principal, ids, throttle, null)));
    }

    void job(Context ctx) {
        Json.respond(ctx, 200, s.jobs().job(ctx.pathParam("jobId")));
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
        Views.ReplayJobItemPage page = s.jobs().items(ctx.pathParam("jobId"), outcome, afterSeq, limit,
                principal.scopes().filter(Permission.FAILURES_READ));
        String next = page.nextCursor() == null ? null : Paging.nextCursor(ITEMS_CURSOR, page.nextCursor());
        Json.respond(ctx, 200, new Views.ReplayJobItemPage(page.items(), next));
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
    private List<String> selection(Body body, Principal principal, int maxIds, int maxFiltered) {
        JsonNode ids = body.get("ids");
        JsonNode filter = body.get("filter");
        boolean hasIds = body.has("ids");
        boolean hasFilter = body.has("filter");
        if (hasIds == hasFilter) {
            body.error(hasIds ? "filter" : "ids", "Give exactly one of ids and filter.");
        }
        List<String> result = new ArrayList<>();
        if (hasIds) {
            if (!ids.isArray() || ids.isEmpty() || ids.size() > maxIds) {
                body.error("ids", "Must be a list of 1 to " + maxIds + " failure ids.");
            } else {
                for (JsonNode id : ids) {
                    if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > 64) {
                        body.error("ids", "Every id must be a non-empty string.");
                        break;
                    }
                    result.add(id.asText().trim());
                }
            }
        }
        if (hasFilter && !filter.isObject()) {
            body.error("filter", "Must be an object (a FailureFilter).");
        }
        body.validate();
        if (hasFilter) {
            FailureStore.Query query = FailureFilters.fromJson(filter, "filter.", principal, s.failures().now());
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
        Json.respond(ctx, result.status(), result.ack());
    }
}
