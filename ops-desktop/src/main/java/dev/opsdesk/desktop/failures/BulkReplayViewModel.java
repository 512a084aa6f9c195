package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.ReplayJob;
import dev.opsdesk.client.model.ReplayJobItem;
import dev.opsdesk.client.model.ReplayPreview;
import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.ServerJobs;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A bulk replay, from preview to result: what it would do (counts by effect, in words, and the first
 * items), the confirmation, the server-side job's progress with Cancel, and at the end what
 * succeeded, failed and was skipped — with the failed items and their errors, and "Retry failed
 * only", which starts a new job for just those.
 */
public final class BulkReplayViewModel {

    /** Where the flow is. */
    public enum Stage {
        /** Asking the server what the replay would do. */
        PREVIEWING,
        /** Showing the preview; waiting for the user to confirm. */
        CONFIRM,
        /** The preview found nothing that a replay would change. */
        NOTHING_TO_DO,
        STARTING,
        RUNNING,
        CANCELLING,
        FINISHED,
        /** The preview or the job could not be started (see the error). */
        ERROR
    }

    /** The preview's effects that run something (the rest are skipped without running). */
    private static final Set<String> RUNS = Set.of("CAPTURE_PAYMENT", "MARK_PAYMENT_FAILED", "RECORD_REFUND",
            "ALREADY_APPLIED", "FAIL_AGAIN", "SYNC_STOCK", "EXPORT_SHIPMENT");

    /** The order effects are listed in. */
    private static final List<String> EFFECT_ORDER = List.of("CAPTURE_PAYMENT", "MARK_PAYMENT_FAILED", "RECORD_REFUND",
            "SYNC_STOCK", "EXPORT_SHIPMENT", "ALREADY_APPLIED", "FAIL_AGAIN", "NOT_REPLAYABLE", "NOT_ALLOWED");

    static final int THROTTLE_PER_SECOND = 200;
    static final int ITEMS_SHOWN = 200;
    private static final long POLL_MILLIS = 500;

    private final OpsClient client;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final List<String> ids;
    private final FailureFilter filter;
    private java.util.function.Function<String, String> queues = id -> null;
    private final String selectionText;

    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>(this, "stage", Stage.PREVIEWING);
    private final ObservableList<Stage> history = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ReplayPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ObservableList<String> effectLines = FXCollections.observableArrayList();
    private final ObservableList<ReplayPreview.Item> previewItems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ReplayJob> job = new ReadOnlyObjectWrapper<>(this, "job");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper(this, "resultText", "");
    private final ObservableList<ReplayJobItem> failedItems = FXCollections.observableArrayList();
    private final ObservableList<ReplayJobItem> skippedItems = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper canRetryFailed = new ReadOnlyBooleanWrapper(this, "canRetryFailed");
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyStringWrapper moneyText = new ReadOnlyStringWrapper(this, "moneyText", "");
    /** Writes every failed item of the finished job (not only those listed) to a file. */
    private dev.opsdesk.desktop.export.ui.ExportViewModel<ReplayJobItem> failedExport;

    private BackgroundTask<?> running;
    private boolean closed;
    private java.util.function.Function<String, String> subjects = id -> null;

    BulkReplayViewModel(OpsClient client, BackgroundTasks tasks, ErrorMessages errors, URI server, List<String> ids,
                        FailureFilter filter, String selectionText) {
        this.client = Objects.requireNonNull(client);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.ids = ids == null ? null : List.copyOf(ids);
        this.filter = filter;
        this.selectionText = selectionText;
        history.add(Stage.PREVIEWING);
    }

    /** Asks the server what replaying the selection would do. */
    public void preview() {
        setStage(Stage.PREVIEWING);
        error.set(null);
        running = tasks.task("Checking what the bulk replay would do", p -> ids != null
                        ? client.failures().preview(ids) : client.failures().preview(filter))
                .onSuccess(this::previewed)
                .onFailure(e -> fail("Could not check what the bulk replay would do", e))
                .start();
    }

    private void previewed(ReplayPreview p) {
        preview.set(p);
        List<String> lines = new ArrayList<>();
        for (String effect : EFFECT_ORDER) {
            long n = p.count(effect);
            if (n > 0) {
                lines.add(effectLine(effect, n, moneyOf(p, effect)));
            }
        }
        p.byEffect().forEach((effect, n) -> {
            if (!EFFECT_ORDER.contains(effect) && n > 0) {
                lines.add(Formats.count(n) + " — " + FailureTexts.humanize(effect).toLowerCase(java.util.Locale.ROOT));
            }
        });
        effectLines.setAll(lines);
        previewItems.setAll(p.items());
        setStage(runnable() > 0 ? Stage.CONFIRM : Stage.NOTHING_TO_DO);
    }

    /** The money the server says an effect would move, per currency (captures and refunds only). */
    private static List<Money> moneyOf(ReplayPreview p, String effect) {
        return switch (effect) {
            case "CAPTURE_PAYMENT" -> p.captureTotals();
            case "RECORD_REFUND" -> p.refundTotals();
            default -> List.of();
        };
    }

    /** "12 will capture a payment — €1,280.40 in total". */
    static String effectLine(String effect, long n, List<Money> totals) {
        String count = Formats.count(n);
        boolean one = n == 1;
        return switch (effect) {
            case "CAPTURE_PAYMENT" -> count + " will capture a payment" + money(totals, one);
            case "MARK_PAYMENT_FAILED" -> count + " will mark a payment as failed";
            case "RECORD_REFUND" -> count + " will record a refund" + money(totals, one);
            case "SYNC_STOCK" -> count + " will sync stock between platform, ERP and warehouse";
            case "EXPORT_SHIPMENT" -> count + " will export a shipment to the ERP";
            case "ALREADY_APPLIED" -> count + (one ? " is" : " are") + " already applied (e.g. the order is paid) — "
                    + "skipped and marked resolved, no money moves";
            case "FAIL_AGAIN" -> count + " will most likely fail again (nothing changed since the last attempt)";
            case "NOT_REPLAYABLE" -> count + (one ? " cannot" : " cannot") + " be replayed (quarantined, already closed "
                    + "or being replayed) — skipped";
            case "NOT_ALLOWED" -> count + (one ? " is" : " are") + " outside what you may replay — skipped";
            default -> count + " — " + FailureTexts.humanize(effect).toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** " — €128.40 in total" (several currencies: " — €128.40 and £12.00 in total"); empty without totals. */
    private static String money(List<Money> totals, boolean one) {
        if (totals.isEmpty()) {
            return "";
        }
        return " — " + Formats.joinWords(totals.stream().map(Formats::money).toList()) + (one ? "" : " in total");
    }

    /** How many items of the preview a job would actually run. */
    public long runnable() {
        ReplayPreview p = preview.get();
        if (p == null) {
            return 0;
        }
        return p.byEffect().entrySet().stream().filter(e -> RUNS.contains(e.getKey())).mapToLong(e -> e.getValue()).sum();
    }

    /** The user confirmed: starts the server-side job (one idempotency key per confirmation). */
    public void confirm() {
        if (stage.get() != Stage.CONFIRM) {
            return;
        }
        RequestOptions action = RequestOptions.newAction();
        setStage(Stage.STARTING);
        running = tasks.task("Starting the bulk replay", p -> ids != null
                        ? client.failures().startReplayJob(ids, THROTTLE_PER_SECOND, action)
                        : client.failures().startReplayJob(filter, THROTTLE_PER_SECOND, action))
                .cancellable(false)
                .onSuccess(this::follow)
                .onFailure(e -> fail("Could not start the bulk replay", e))
                .start();
    }

    /** Stops the job after the item in progress. */
    public void cancel() {
        ReplayJob current = job.get();
        if (current == null || current.isFinished() || stage.get() != Stage.RUNNING) {
            return;
        }
        setStage(Stage.CANCELLING);
        RequestOptions action = RequestOptions.newAction();
        tasks.task("Cancelling the bulk replay", p -> client.failures().cancelJob(current.id(), action))
                .cancellable(false)
                .onSuccess(this::jobChanged)
                .onFailure(e -> {
                    error.set(errors.describe("Could not cancel the bulk replay", e, server));
                    if (stage.get() == Stage.CANCELLING) {
                        setStage(Stage.RUNNING);
                    }
                })
                .start();
    }

    /** Starts a new job for only the items of the finished job that failed. */
    public void retryFailed() {
        ReplayJob finished = job.get();
        if (finished == null || !canRetryFailed.get()) {
            return;
        }
        canRetryFailed.set(false);
        failedItems.clear();
        skippedItems.clear();
        resultText.set("");
        error.set(null);
        RequestOptions action = RequestOptions.newAction();
        setStage(Stage.STARTING);
        running = tasks.task("Retrying the failed items", p -> client.failures().retryFailed(finished.id(), action))
                .cancellable(false)
                .onSuccess(this::follow)
                .onFailure(e -> fail("Could not retry the failed items", e))
                .start();
    }

    /** Follows a started job until it ends, then fetches what failed and what was skipped. */
    private void follow(ReplayJob started) {
        job.set(null);
        jobChanged(started);
        if (stage.get() != Stage.CANCELLING) {
            setStage(Stage.RUNNING);
        }
        String id = started.id();
        running = tasks.task("Bulk replay", progress -> {
                    ReplayJob current = ServerJobs.follow(client.failures(), started, progress, POLL_MILLIS, tasks.ui(),
                            this::jobChanged);
                    List<ReplayJobItem> failed = current.failed() == 0 ? List.of()
                            : client.failures().jobItems(id, "FAILED", PageRequest.first(ITEMS_SHOWN)).items();
                    List<ReplayJobItem> skipped = current.skipped() == 0 ? List.of()
                            : client.failures().jobItems(id, "SKIPPED", PageRequest.first(ITEMS_SHOWN)).items();
                    return new Finished(current, failed, skipped);
                })
                .onSuccess(this::finished)
                .onFailure(e -> fail("Lost track of the bulk replay", e))
                .onCancelled(() -> {
                    if (!closed) {
                        error.set(new UserMessage("Stopped following the bulk replay",
                                "The job keeps running on the server.", "Its results show in the list as items change.", null));
                    }
                })
                .start();
    }

    private record Finished(ReplayJob job, List<ReplayJobItem> failed, List<ReplayJobItem> skipped) {
    }

    private void finished(Finished f) {
        jobChanged(f.job());
        failedItems.setAll(f.failed());
        skippedItems.setAll(f.skipped());
        ReplayJob j = f.job();
        String how = "CANCELLED".equals(j.status()) ? "Cancelled after " + Formats.count(j.processed()) + " of "
                + Formats.count(j.total()) + ": " : "Done: ";
        resultText.set(how + Formats.count(j.succeeded()) + " succeeded, " + Formats.count(j.failed()) + " failed, "
                + Formats.count(j.skipped()) + " skipped.");
        moneyText.set(moneyLine(j));
        canRetryFailed.set(j.failed() > 0);
        setStage(Stage.FINISHED);
    }

    /** "Captured €287.99 and £469.50 · refunded €12.00", or "No money moved." */
    static String moneyLine(ReplayJob j) {
        List<String> parts = new java.util.ArrayList<>();
        if (!j.captured().isEmpty()) {
            parts.add("Captured " + String.join(" and ", j.captured().stream().map(Formats::money).toList()));
        }
        if (!j.refunded().isEmpty()) {
            parts.add((parts.isEmpty() ? "Recorded refunds of " : "recorded refunds of ")
                    + String.join(" and ", j.refunded().stream().map(Formats::money).toList()));
        }
        return parts.isEmpty() ? "No money moved." : String.join(" · ", parts) + ".";
    }

    /**
     * Exports every failed item of the finished job to {@code file} (all of them, fetched page by page, not only
     * the first ones listed), in the background with progress in the status bar.
     */
    public void exportFailed(java.nio.file.Path file, dev.opsdesk.desktop.export.ExportFormat format) {
        ReplayJob j = job.get();
        if (j == null || j.failed() == 0 || failedExport().runningProperty().get()) {
            return;
        }
        failedExport().export(new dev.opsdesk.desktop.export.ui.ExportChoice(
                        dev.opsdesk.desktop.export.ui.ExportChoice.Scope.ALL_MATCHING, format,
                        dev.opsdesk.desktop.export.CsvProfile.STANDARD), file, JobItemExport.dataset().columnIds(),
                () -> dev.opsdesk.desktop.export.RowSource.paged(PageRequest.MAX_LIMIT,
                        page -> client.failures().jobItems(j.id(), "FAILED", page),
                        java.util.OptionalLong.of(j.failed())));
    }

    /** The export of the failed items: its outcome line, the folder to open, whether it runs. */
    public dev.opsdesk.desktop.export.ui.ExportViewModel<ReplayJobItem> failedExport() {
        if (failedExport == null) {
            failedExport = new dev.opsdesk.desktop.export.ui.ExportViewModel<>(JobItemExport.dataset(), tasks, errors,
                    dev.opsdesk.desktop.export.ui.FolderMemory.preferences());
        }
        return failedExport;
    }

    /** What the job's succeeded replays did with money, once it has finished. */
    public ReadOnlyStringProperty moneyTextProperty() {
        return moneyText.getReadOnlyProperty();
    }

    /** The job's audit trail entity, "replay_job:J-000042"; null before it started. */
    public String auditEntity() {
        ReplayJob j = job.get();
        return j == null ? null : "replay_job:" + j.id();
    }

    /** A newer state of the job, from polling or a live {@code job.progress} event. */
    public void jobChanged(ReplayJob next) {
        ReplayJob current = job.get();
        if (next == null || current != null && (!current.id().equals(next.id())
                || next.processed() < current.processed() && !next.isFinished())) {
            return;
        }
        job.set(next);
        progress.set(next.total() == 0 ? 1 : next.progress());
        progressText.set(Formats.count(next.processed()) + " of " + Formats.count(next.total()) + " processed — "
                + Formats.count(next.succeeded()) + " succeeded, " + Formats.count(next.failed()) + " failed, "
                + Formats.count(next.skipped()) + " skipped");
    }

    private void fail(String headline, Throwable e) {
        error.set(errors.describe(headline, e, server));
        setStage(Stage.ERROR);
    }

    private void setStage(Stage next) {
        if (stage.get() != next) {
            stage.set(next);
            history.add(next);
        }
    }

    /** The dialog closed: stop following (the job itself keeps running unless cancelled). */
    public void close() {
        closed = true;
        if (running != null) {
            running.cancel();
        }
    }

    /** Where the list knows a failure's queue, to speak of what to fix in that queue's words. */
    BulkReplayViewModel queuesBy(java.util.function.Function<String, String> queueOfId) {
        this.queues = queueOfId;
        return this;
    }

    /**
     * What to fix before "Retry failed only", in the words of the failed items' queues: "wait until
     * the order exists" for payment callbacks, the warehouse system for inventory syncs.
     */
    public String fixFirstHint() {
        java.util.Set<String> of = new java.util.LinkedHashSet<>();
        if (filter != null && filter.queue() != null) {
            of.add(filter.queue());
        }
        for (ReplayJobItem item : failedItems) {
            String queue = queues.apply(item.failureId());
            if (queue != null) {
                of.add(queue);
            }
        }
        return FailureTexts.fixFirst(of);
    }

    /** Where the list already knows what a failure is about (its order number), to name it by that. */
    BulkReplayViewModel namingBy(java.util.function.Function<String, String> subjectOfId) {
        this.subjects = subjectOfId;
        return this;
    }

    /** "ORD-100123" when known, else the failure's id. */
    public String subjectOf(String failureId) {
        String subject = subjects.apply(failureId);
        return subject == null || subject.isBlank() ? FailureDetailViewModel.shortId(failureId) : subject;
    }

    /** A preview item in a line: "ORD-100123 · €42.50  —  the server's explanation". */
    public String describe(ReplayPreview.Item item) {
        String subject = subjects.apply(item.failureId());
        if ((subject == null || subject.isBlank()) && item.orderNumber() != null) {
            subject = item.orderNumber(); // a replay by filter: the row may not be loaded
        }
        if (subject == null || subject.isBlank()) {
            subject = FailureDetailViewModel.shortId(item.failureId());
        }
        String amount = Formats.money(item.amount());
        return subject + (amount.isEmpty() ? "" : " · " + amount) + "  —  "
                + (item.explanation() != null ? item.explanation() : FailureTexts.effect(item.effect()));
    }

    /** "the 12 selected failures", "all 1,234 failures matching the filter". */
    public String selectionText() {
        return selectionText;
    }

    public boolean isByFilter() {
        return ids == null;
    }

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    /** Every stage passed through, in order (for tests and the log). */
    public List<Stage> history() {
        return List.copyOf(history);
    }

    public ReadOnlyObjectProperty<ReplayPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** The preview's counts by effect, in words. */
    public ObservableList<String> effectLines() {
        return effectLines;
    }

    /** The first items of the preview, with the server's explanation each. */
    public ObservableList<ReplayPreview.Item> previewItems() {
        return previewItems;
    }

    public ReadOnlyObjectProperty<ReplayJob> jobProperty() {
        return job.getReadOnlyProperty();
    }

    /** 0..1; -1 before the job started. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** "Done: 10 succeeded, 1 failed, 2 skipped." */
    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    /** The items that failed, with their errors (the first {@value #ITEMS_SHOWN}). */
    public ObservableList<ReplayJobItem> failedItems() {
        return failedItems;
    }

    /** The items that were skipped, with the reason (the first {@value #ITEMS_SHOWN}). */
    public ObservableList<ReplayJobItem> skippedItems() {
        return skippedItems;
    }

    public ReadOnlyBooleanProperty canRetryFailedProperty() {
        return canRetryFailed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }
}
