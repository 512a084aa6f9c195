package dev.opsdesk.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.opsdesk.client.internal.ApiTransport;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.Category;
import dev.opsdesk.client.model.Reconciliation.ExceptionStatus;
import dev.opsdesk.client.model.Settlement;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Reconciliation runs (needs {@code recon.read}; preparing needs {@code recon.prepare}, approving {@code recon.approve},
 * never on one's own run — the server decides, {@link Reconciliation.Run#actions()} says what it allows).
 */
public final class ReconciliationService {

    /** Lines per upload batch at most (the contract allows 5,000). */
    public static final int LINES_PER_BATCH = 5_000;
    /** A batch's JSON stays under this many bytes (the server refuses bodies over 1,000,000). */
    static final int BATCH_BYTES = 800_000;
    /** Bytes per piece of the original file (the contract allows 4 MiB). */
    public static final int FILE_PIECE = 2 * 1024 * 1024;

    private static final String RUNS = "/v1/reconciliation/runs";

    private final ApiTransport transport;

    ReconciliationService(ApiTransport transport) {
        this.transport = transport;
    }

    /** {@code GET /v1/reconciliation/runs}: one page, newest first. */
    public Page<Reconciliation.Run> runs(Reconciliation.RunFilter filter, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (filter.kind() != null) {
            query.put("kind", filter.kind().name());
        }
        if (!filter.states().isEmpty()) {
            query.put("state", filter.states().stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        if (filter.provider() != null) {
            query.put("provider", filter.provider().name());
        }
        query.put("preparer", filter.preparer());
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get(RUNS, query, page(Reconciliation.Run.class));
    }

    public Reconciliation.Run run(String runId) {
        return transport.get(RUNS + "/" + runId, null, type(Reconciliation.Run.class));
    }

    /**
     * {@code POST /v1/reconciliation/runs}: declares a settlement run; its lines and file follow through
     * {@link #upload}.
     *
     * @throws ConflictException with problem kind {@code duplicate-file} (and the holding run's id in
     *                           {@code problem().runId()}) when another run has the same file
     */
    public Reconciliation.Run create(Reconciliation.NewRun run, RequestOptions action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", Reconciliation.Kind.PAYMENT_SETTLEMENT.name());
        body.put("provider", run.provider().name());
        body.put("periodFrom", run.periodFrom().toString());
        body.put("periodTo", run.periodTo().toString());
        body.put("layout", run.layout());
        body.put("fileName", run.fileName());
        body.put("fileSha256", run.fileSha256());
        body.put("fileSize", run.fileSize());
        body.put("lineCount", run.lineCount());
        if (run.allowDuplicateFile()) {
            body.put("allowDuplicateFile", true);
        }
        if (run.amountToleranceMinor() != null) {
            body.put("amountToleranceMinor", run.amountToleranceMinor());
        }
        if (run.dateWindowDays() != null) {
            body.put("dateWindowDays", run.dateWindowDays());
        }
        return transport.post(RUNS, body, type(Reconciliation.Run.class), Objects.requireNonNull(action, "action"), true);
    }

    /** Told as an upload proceeds: lines and bytes sent so far of the totals. */
    @FunctionalInterface
    public interface UploadListener {
        void progress(long done, long total);
    }

    /**
     * Sends what the server does not have yet of a run's lines and original file, resuming where it stands (asked
     * first), so calling this again after a dropped connection sends each line and byte at most once more and stores
     * them once. Each batch and piece has an idempotency key of its own, derived from the run and its position.
     *
     * @param lines     every line of the file, in file order (the run's {@code lineCount} of them)
     * @param cancelled polled between batches; when true the upload stops (and can be resumed later)
     * @return where the upload stands at the end
     */
    public Reconciliation.UploadProgress upload(String runId, List<Settlement.Line> lines, Path file,
                                                UploadListener listener, BooleanSupplier cancelled) throws IOException {
        Reconciliation.Run run = run(runId);
        long fileSize = Files.size(file);
        long total = lines.size() + fileSize;
        int index = run.uploadedLines();
        long offset = run.file() == null ? 0 : run.file().received();
        Reconciliation.UploadProgress progress = new Reconciliation.UploadProgress(run.lineCount(), index, fileSize,
                offset, false);
        while (index < lines.size()) {
            if (cancelled.getAsBoolean()) {
                return progress;
            }
            int end = batchEnd(lines, index);
            Map<String, Object> body = Map.of("firstIndex", index, "lines", lines.subList(index, end));
            progress = transport.post(RUNS + "/" + runId + "/lines", body, type(Reconciliation.UploadProgress.class),
                    RequestOptions.withKey(runId + "/lines/" + index + "-" + end), true);
            index = progress.uploadedLines();
            listener.progress(index + offset, total);
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            byte[] buffer = new byte[FILE_PIECE];
            while (offset < fileSize) {
                if (cancelled.getAsBoolean()) {
                    return progress;
                }
                int n = in.readNBytes(buffer, 0, (int) Math.min(buffer.length, fileSize - offset));
                byte[] piece = n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n);
                progress = transport.putBytes(RUNS + "/" + runId + "/file", Map.of("offset", offset), piece,
                        "application/octet-stream", type(Reconciliation.UploadProgress.class),
                        RequestOptions.withKey(runId + "/file/" + offset + "-" + (offset + n)));
                offset += n;
                listener.progress(lines.size() + offset, total);
            }
        }
        return progress.complete() ? progress : uploadProgress(runId);
    }

    /** Where the batch starting at {@code from} ends: at most {@value #LINES_PER_BATCH} lines and about {@value #BATCH_BYTES} bytes of JSON. */
    static int batchEnd(List<Settlement.Line> lines, int from) {
        long bytes = 0;
        int end = from;
        while (end < lines.size() && end - from < LINES_PER_BATCH) {
            Settlement.Line l = lines.get(end);
            // The fixed fields take ~260 bytes; texts may double in JSON (escapes) in the worst case.
            long size = 260 + 2L * (l.raw().length() + length(l.description()) + length(l.providerReference())
                    + length(l.merchantReference()) + length(l.batchReference()));
            if (end > from && bytes + size > BATCH_BYTES) {
                break;
            }
            bytes += size;
            end++;
        }
        return end;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private Reconciliation.UploadProgress uploadProgress(String runId) {
        Reconciliation.Run run = run(runId);
        long size = run.file() == null ? 0 : run.file().size();
        long received = run.file() == null ? 0 : run.file().received();
        return new Reconciliation.UploadProgress(run.lineCount(), run.uploadedLines(), size, received,
                run.uploadedLines() == run.lineCount() && received == size && size > 0);
    }

    /** {@code GET …/file}: the original file into {@code sink}; answers its name. */
    public String downloadFile(String runId, OutputStream sink) {
        return transport.download(RUNS + "/" + runId + "/file", null, sink);
    }

    /** How long matching a large run may take before the client gives up waiting. */
    public static final java.time.Duration MATCH_PATIENCE = java.time.Duration.ofMinutes(10);

    /**
     * {@code POST …/match}: matches (or matches again) with the run's tolerance and window. A large run takes a while:
     * the call waits up to {@link #MATCH_PATIENCE}, and a retry waits for the first attempt instead of failing.
     */
    public Reconciliation.Run match(String runId, RequestOptions action) {
        return transport.postLong(RUNS + "/" + runId + "/match", Map.of(), type(Reconciliation.Run.class),
                Objects.requireNonNull(action, "action"), MATCH_PATIENCE);
    }

    public Page<Reconciliation.RunLine> lines(String runId, Settlement.LineKind kind, Reconciliation.LineStatus status,
                                              PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("kind", kind == null ? null : kind.name());
        query.put("status", status == null ? null : status.name());
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get(RUNS + "/" + runId + "/lines", query, page(Reconciliation.RunLine.class));
    }

    public Page<Reconciliation.Match> matches(String runId, Reconciliation.MatchRule rule, String q, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("rule", rule == null ? null : rule.name());
        query.put("q", blankToNull(q));
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get(RUNS + "/" + runId + "/matches", query, page(Reconciliation.Match.class));
    }

    public Page<Reconciliation.ExceptionItem> exceptions(String runId, Category category, ExceptionStatus status,
                                                        String q, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("category", category == null ? null : category.name());
        query.put("status", status == null ? null : status.name());
        query.put("q", blankToNull(q));
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get(RUNS + "/" + runId + "/exceptions", query, page(Reconciliation.ExceptionItem.class));
    }

    public Reconciliation.ExceptionDetail exception(String runId, String exceptionId) {
        return transport.get(RUNS + "/" + runId + "/exceptions/" + exceptionId, null,
                type(Reconciliation.ExceptionDetail.class));
    }

    /**
     * {@code POST …/exceptions/{id}/resolve}. {@code paymentReference} only with {@code MANUAL_MATCH} (and required
     * there); {@code version} is the exception's version the person saw.
     */
    public Reconciliation.ExceptionDetail resolve(String runId, String exceptionId, Reconciliation.ResolutionCode code,
                                                  String note, String paymentReference, long version,
                                                  RequestOptions action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code.name());
        body.put("note", note == null ? null : note.trim());
        if (paymentReference != null) {
            body.put("paymentReference", paymentReference);
        }
        body.put("version", version);
        return transport.post(RUNS + "/" + runId + "/exceptions/" + exceptionId + "/resolve", body,
                type(Reconciliation.ExceptionDetail.class), Objects.requireNonNull(action, "action"), true);
    }

    public Reconciliation.BulkResolveResult bulkResolve(String runId, List<String> exceptionIds,
                                                        Reconciliation.ResolutionCode code, String note,
                                                        RequestOptions action) {
        return transport.post(RUNS + "/" + runId + "/exceptions/bulk-resolve",
                Map.of("exceptionIds", exceptionIds, "code", code.name(), "note", note.trim()),
                type(Reconciliation.BulkResolveResult.class), Objects.requireNonNull(action, "action"), true);
    }

    public Reconciliation.ExceptionDetail reopenException(String runId, String exceptionId, String reason,
                                                          RequestOptions action) {
        return transport.post(RUNS + "/" + runId + "/exceptions/" + exceptionId + "/reopen",
                Map.of("reason", reason.trim()), type(Reconciliation.ExceptionDetail.class),
                Objects.requireNonNull(action, "action"), true);
    }

    public Page<Reconciliation.UnmatchedPayment> unmatchedPayments(String runId, Boolean overdue, PageRequest page) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("overdue", overdue);
        query.put("limit", page.limit());
        query.put("cursor", page.cursor());
        return transport.get(RUNS + "/" + runId + "/unmatched-payments", query,
                page(Reconciliation.UnmatchedPayment.class));
    }

    /**
     * {@code POST …/transitions}. {@code comment} is required to reject or reopen; {@code version} is the run's
     * version the person saw.
     *
     * @throws ForbiddenException with problem kind {@code four-eyes} when the preparer approves or rejects
     * @throws ConflictException  with {@code run-locked}, {@code invalid-transition} or {@code open-exceptions}
     */
    public Reconciliation.Run transition(String runId, Reconciliation.Transition transition, String comment,
                                         long version, RequestOptions action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", transition.name());
        if (comment != null && !comment.isBlank()) {
            body.put("comment", comment.trim());
        }
        body.put("version", version);
        // Approving a large stock count writes its variances to stock: it may take a while.
        return transport.postLong(RUNS + "/" + runId + "/transitions", body, type(Reconciliation.Run.class),
                Objects.requireNonNull(action, "action"), MATCH_PATIENCE);
    }

    /** {@code GET /v1/reconciliation/layouts}: the team's saved generic layouts. */
    public List<Settlement.Mapping> layouts() {
        return transport.<ItemList<Settlement.Mapping>>get("/v1/reconciliation/layouts", null,
                list(Settlement.Mapping.class)).items();
    }

    /** {@code PUT /v1/reconciliation/layouts/{name}}: creates or replaces a shared layout. */
    public Settlement.Mapping saveLayout(Settlement.Mapping mapping, RequestOptions action) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("columns", mapping.columns());
        body.put("kinds", mapping.kinds());
        body.put("dateFormat", mapping.dateFormat());
        body.put("timeZone", mapping.timeZone());
        body.put("decimalComma", mapping.decimalComma());
        body.put("minorUnits", mapping.minorUnits());
        return transport.putJson("/v1/reconciliation/layouts/" + mapping.name(), body,
                type(Settlement.Mapping.class), Objects.requireNonNull(action, "action"));
    }

    public void deleteLayout(String name, RequestOptions action) {
        transport.delete("/v1/reconciliation/layouts/" + name, null, Objects.requireNonNull(action, "action"));
    }

    public List<Reconciliation.FeeSchedule> feeSchedules() {
        return transport.<ItemList<Reconciliation.FeeSchedule>>get("/v1/reconciliation/fee-schedules", null,
                list(Reconciliation.FeeSchedule.class)).items();
    }

    /**
     * Training sandbox only: its own settlement report of {@code provider} for {@code date}, in that provider's layout,
     * written to {@code sink}; answers the file name.
     */
    public String sandboxSettlementFile(Settlement.Provider provider, java.time.LocalDate date, String format,
                                        OutputStream sink) {
        return transport.download("/v1/reconciliation/settlement-files/" + provider.name(),
                Map.of("date", date.toString(), "format", format), sink);
    }

    /** {@code {"items": [...]}}. */
    public record ItemList<T>(List<T> items) {
        public ItemList {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private JavaType type(Class<?> c) {
        return transport.mapper().getTypeFactory().constructType(c);
    }

    private JavaType page(Class<?> c) {
        return transport.mapper().getTypeFactory().constructParametricType(Page.class, c);
    }

    private JavaType list(Class<?> c) {
        return transport.mapper().getTypeFactory().constructParametricType(ItemList.class, c);
    }
}
