package dev.opsdesk.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.opsdesk.client.internal.ApiTransport;
import dev.opsdesk.client.model.Assignee;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureDetail;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.FailureSort;
import dev.opsdesk.client.model.FailureSummary;
import dev.opsdesk.client.model.Note;
import dev.opsdesk.client.model.Order;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.ReplayJob;
import dev.opsdesk.client.model.ReplayJobItem;
import dev.opsdesk.client.model.ReplayPreview;
import dev.opsdesk.client.model.ReplayResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The failure queues: list, inspect, replay (exactly once in effect), resolve, assign, annotate,
 * preview and bulk-replay. Every call with a side effect takes {@link RequestOptions}: create one
 * per user action and reuse it if the user repeats that action, so the server can tell a repeat
 * from a new request.
 */
public final class FailureService {

    private final ApiTransport transport;
    private final JavaType failurePage;
    private final JavaType itemPage;

    FailureService(ApiTransport transport) {
        this.transport = transport;
        var types = transport.mapper().getTypeFactory();
        this.failurePage = types.constructParametricType(Page.class, Failure.class);
        this.itemPage = types.constructParametricType(Page.class, ReplayJobItem.class);
    }

    private JavaType type(Class<?> c) {
        return transport.mapper().constructType(c);
    }

    private static String id(String value) {
        return Objects.requireNonNull(value, "id");
    }

    /** {@code GET /v1/failures}: one page, newest first. */
    public Page<Failure> list(FailureFilter filter, PageRequest page) {
        return list(filter, FailureSort.NEWEST, page);
    }

    /**
     * {@code GET /v1/failures}: one page in {@code sort} order. A page's cursor continues only the same sort; after a
     * change of sort, start again from the first page.
     */
    public Page<Failure> list(FailureFilter filter, FailureSort sort, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>(filter.toQuery());
        if (!sort.equals(FailureSort.NEWEST)) {
            query.put("sort", sort.param());
        }
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get("/v1/failures", query, failurePage);
    }

    /** Every failure matching the filter, fetched page by page as the iteration proceeds. */
    public Iterable<Failure> all(FailureFilter filter) {
        return all(filter, FailureSort.NEWEST);
    }

    /** Every failure matching the filter in {@code sort} order, fetched page by page. */
    public Iterable<Failure> all(FailureFilter filter, FailureSort sort) {
        return Paging.iterate(PageRequest.MAX_LIMIT, page -> list(filter, sort, page));
    }

    /** {@code GET /v1/failures/count}. */
    public long count(FailureFilter filter) {
        record Count(long count) {
        }
        Count c = transport.get("/v1/failures/count", filter.toQuery(), type(Count.class));
        return c.count();
    }

    /** {@code GET /v1/failures/summary}. */
    public FailureSummary summary() {
        return transport.get("/v1/failures/summary", null, type(FailureSummary.class));
    }

    /** {@code GET /v1/failures/{id}}: payload, redacted headers, attempts, notes, related order. */
    public FailureDetail get(String failureId) {
        return transport.get("/v1/failures/" + id(failureId), null, type(FailureDetail.class));
    }

    /**
     * {@code POST /v1/failures/{id}/replay}. A replay that ran but did not succeed is a result with
     * outcome FAILED, not an exception.
     *
     * @throws ConflictException already resolved, quarantined, or being replayed by someone else
     */
    public ReplayResult replay(String failureId, String note, RequestOptions action) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (note != null && !note.isBlank()) {
            body.put("note", note);
        }
        return transport.post("/v1/failures/" + id(failureId) + "/replay", body, type(ReplayResult.class),
                Objects.requireNonNull(action, "action"), true);
    }

    /**
     * {@code POST /v1/failures/{id}/resolve}.
     *
     * @param status RESOLVED or DISMISSED
     * @param code   a resolution code, e.g. FIXED_MANUALLY
     * @param note   why (required)
     */
    public FailureDetail resolve(String failureId, String status, String code, String note, RequestOptions action) {
        record Resolve(String status, String code, String note) {
        }
        return transport.post("/v1/failures/" + id(failureId) + "/resolve", new Resolve(status, code, note),
                type(FailureDetail.class), Objects.requireNonNull(action, "action"), true);
    }

    /** {@code POST /v1/failures/{id}/assign}; a null assignee unassigns. */
    public FailureDetail assign(String failureId, String assignee, RequestOptions action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assignee", assignee);
        return transport.postIncludingNulls("/v1/failures/" + id(failureId) + "/assign", body,
                type(FailureDetail.class), Objects.requireNonNull(action, "action"));
    }

    private record Assignees(List<Assignee> items) {
    }

    /** {@code GET /v1/failures/{id}/assignees}: the people who may replay or resolve the failure. */
    public List<Assignee> assignees(String failureId) {
        Assignees a = transport.get("/v1/failures/" + id(failureId) + "/assignees", null, type(Assignees.class));
        return a.items();
    }

    /** {@code POST /v1/failures/{id}/reopen}: a resolved or dismissed failure back to OPEN, with the reason. */
    public FailureDetail reopen(String failureId, String reason, RequestOptions action) {
        return transport.post("/v1/failures/" + id(failureId) + "/reopen", Map.of("reason", reason),
                type(FailureDetail.class), Objects.requireNonNull(action, "action"), true);
    }

    /** {@code POST /v1/failures/{id}/notes}. */
    public Note addNote(String failureId, String text, RequestOptions action) {
        return transport.post("/v1/failures/" + id(failureId) + "/notes", Map.of("text", text), type(Note.class),
                Objects.requireNonNull(action, "action"), true);
    }

    /** {@code POST /v1/failures/replay-preview} for chosen failures. Changes nothing. */
    public ReplayPreview preview(List<String> failureIds) {
        return transport.post("/v1/failures/replay-preview", Map.of("ids", failureIds), type(ReplayPreview.class), null, true);
    }

    /** {@code POST /v1/failures/replay-preview} for everything matching a filter. Changes nothing. */
    public ReplayPreview preview(FailureFilter filter) {
        return transport.post("/v1/failures/replay-preview", Map.of("filter", filter.toQuery()), type(ReplayPreview.class), null, true);
    }

    /** {@code POST /v1/replay-jobs} for chosen failures. */
    public ReplayJob startReplayJob(List<String> failureIds, int throttlePerSecond, RequestOptions action) {
        return transport.post("/v1/replay-jobs", Map.of("ids", failureIds, "throttlePerSecond", throttlePerSecond),
                type(ReplayJob.class), Objects.requireNonNull(action, "action"), true);
    }

    /** {@code POST /v1/replay-jobs} for everything matching a filter. */
    public ReplayJob startReplayJob(FailureFilter filter, int throttlePerSecond, RequestOptions action) {
        return transport.post("/v1/replay-jobs", Map.of("filter", filter.toQuery(), "throttlePerSecond", throttlePerSecond),
                type(ReplayJob.class), Objects.requireNonNull(action, "action"), true);
    }

    /** {@code GET /v1/replay-jobs/{id}}. */
    public ReplayJob job(String jobId) {
        return transport.get("/v1/replay-jobs/" + id(jobId), null, type(ReplayJob.class));
    }

    /** {@code GET /v1/replay-jobs/{id}/items}, optionally only one outcome (e.g. FAILED). */
    public Page<ReplayJobItem> jobItems(String jobId, String outcome, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("outcome", outcome);
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get("/v1/replay-jobs/" + id(jobId) + "/items", query, itemPage);
    }

    /** {@code POST /v1/replay-jobs/{id}/cancel}: stops after the item in progress. */
    public ReplayJob cancelJob(String jobId, RequestOptions action) {
        return transport.post("/v1/replay-jobs/" + id(jobId) + "/cancel", null, type(ReplayJob.class),
                Objects.requireNonNull(action, "action"), true);
    }

    /** {@code POST /v1/replay-jobs/{id}/retry-failed}: a new job for only the items that failed. */
    public ReplayJob retryFailed(String jobId, RequestOptions action) {
        return transport.post("/v1/replay-jobs/" + id(jobId) + "/retry-failed", null, type(ReplayJob.class),
                Objects.requireNonNull(action, "action"), true);
    }

    /** {@code GET /v1/orders/{orderNumber}}. */
    public Order order(String orderNumber) {
        return transport.get("/v1/orders/" + id(orderNumber), null, type(Order.class));
    }
}
