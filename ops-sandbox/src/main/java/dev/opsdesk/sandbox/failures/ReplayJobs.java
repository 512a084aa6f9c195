package dev.opsdesk.sandbox.failures;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.REPLAY_JOB;
import static dev.opsdesk.sandbox.db.Tables.REPLAY_JOB_ITEM;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.auth.Permission;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.db.Sequences;
import dev.opsdesk.sandbox.db.tables.records.FailureRecord;
import dev.opsdesk.sandbox.db.tables.records.ReplayJobItemRecord;
import dev.opsdesk.sandbox.db.tables.records.ReplayJobRecord;
import dev.opsdesk.sandbox.events.EventHub;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.Principal;
import dev.opsdesk.sandbox.service.ProblemType;
import dev.opsdesk.sandbox.service.UserService;
import dev.opsdesk.sandbox.service.UserView;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk replays as server-side jobs: the selection is fixed when the job is created (one item row per failure), a
 * background executor replays the items in order through the same path as a single replay ({@link ReplayService},
 * trigger {@link Trigger#BULK}), at most {@code throttlePerSecond} per second, recording each item's result; a job
 * can be cancelled (it stops after the item in progress) and its failed items retried as a new job. Jobs left
 * unfinished by a stopped server are resumed when it starts again.
 */
public final class ReplayJobs implements AutoCloseable {

    public static final int MAX_ITEMS = 100_000;
    public static final int DEFAULT_THROTTLE = 200;
    public static final int MAX_THROTTLE = 10_000;
    static final String QUEUED = "QUEUED";
    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String CANCELLED = "CANCELLED";

    private static final Logger LOG = LoggerFactory.getLogger(ReplayJobs.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int PAGE = 500;

    private final DSLContext dsl;
    private final FailureStore store;
    private final ReplayService replays;
    private final UserService users;
    private final EventHub events;
    private final Clock clock;
    private final ExecutorService executor;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, ItemRunner> runners = new ConcurrentHashMap<>();

    /** What a job does with each of its items. {@link #REPLAY} is built in; other features add theirs. */
    public interface ItemRunner {

        /** The job kind it runs, e.g. {@code RESYNC}; the audit actions are {@code <auditType>.created} etc. */
        String kind();

        String auditType();

        /** Does one item with the starter's rights as they are now; never throws. */
        ItemResult run(String itemKey, Scopes permissions, String actor, String jobId);

        /**
         * Does {@code itemKeys} in order, a result per key (in the same order); never throws. A kind whose items are
         * cheaper together (one transaction, one audit append for all) overrides it with {@link #batchSize()}.
         */
        default List<ItemResult> runAll(List<String> itemKeys, Scopes permissions, String actor, String jobId) {
            List<ItemResult> results = new ArrayList<>(itemKeys.size());
            for (String key : itemKeys) {
                results.add(run(key, permissions, actor, jobId));
            }
            return results;
        }

        /** How many items {@link #runAll} may be given at once (the job's pace permitting). */
        default int batchSize() {
            return 1;
        }

        /**
         * What a replay of a failure of its queue runs again, if the kind owns that work (a resync owns the stock
         * sync that an {@code INVENTORY_SYNC} failure records); registering the kind registers it with replays.
         */
        default FailureRerun rerun() {
            return null;
        }
    }

    /** What happened to one item: the outcome, its effect when there is one, why it failed, its order if any. */
    public record ItemResult(Outcome outcome, Effect effect, String error, String orderNumber) {
    }

    public static final String REPLAY = "REPLAY";

    /** A job this process is running: its cancel flag, and a latch released when it stops. */
    private static final class Run {
        volatile boolean cancelled;
        volatile String cancelledBy;
        final CountDownLatch stopped = new CountDownLatch(1);
    }

    public ReplayJobs(DSLContext dsl, FailureStore store, ReplayService replays, UserService users, EventHub events,
                      Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.replays = replays;
        this.users = users;
        this.events = events;
        this.clock = clock;
        runners.put(REPLAY, new ItemRunner() {
            @Override
            public String kind() {
                return REPLAY;
            }

            @Override
            public String auditType() {
                return "replay_job";
            }

            @Override
            public ItemResult run(String itemKey, Scopes permissions, String actor, String jobId) {
                return replayItem(itemKey, permissions, actor, jobId);
            }
        });
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "replay-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a kind of job (e.g. resyncs of stock pairs), run by the same machinery as replays. */
    public void register(ItemRunner runner) {
        runners.put(runner.kind(), runner);
        FailureRerun rerun = runner.rerun();
        if (rerun != null) {
            replays.rerunWith(rerun);
        }
    }

    /** A bulk replay of {@code ids}. */
    public Views.ReplayJob start(Principal principal, List<String> ids, int throttlePerSecond, String retryOf) {
        return start(principal, REPLAY, ids, throttlePerSecond, retryOf);
    }

    /**
     * Creates a job of {@code kind} over {@code ids} (in this order, duplicates once) for {@code principal} and queues
     * it.
     *
     * @param retryOf the job whose failed items these are, or null
     */
    public Views.ReplayJob start(Principal principal, String kind, List<String> ids, int throttlePerSecond,
                                 String retryOf) {
        ItemRunner runner = runner(kind);
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        if (unique.size() > MAX_ITEMS) {
            throw ApiException.unprocessable("filter", "The selection holds more than " + MAX_ITEMS
                    + " failures; narrow it down.");
        }
        String id = String.format("J-%06d", dsl.nextval(Sequences.REPLAY_JOB_ID_SEQ));
        OffsetDateTime now = FailureStore.utc(now());
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            tx.insertInto(REPLAY_JOB)
                    .set(REPLAY_JOB.ID, id)
                    .set(REPLAY_JOB.STATUS, QUEUED)
                    .set(REPLAY_JOB.TOTAL, unique.size())
                    .set(REPLAY_JOB.PROCESSED, 0)
                    .set(REPLAY_JOB.SUCCEEDED, 0)
                    .set(REPLAY_JOB.FAILED, 0)
                    .set(REPLAY_JOB.SKIPPED, 0)
                    .set(REPLAY_JOB.THROTTLE_PER_SECOND, throttlePerSecond)
                    .set(REPLAY_JOB.CREATED_BY, principal.user().username())
                    .set(REPLAY_JOB.CREATED_BY_USER_ID, principal.userId())
                    .set(REPLAY_JOB.CREATED_AT, now)
                    .set(REPLAY_JOB.RETRY_OF, retryOf)
                    .set(REPLAY_JOB.KIND, kind)
                    .execute();
            List<ReplayJobItemRecord> items = new ArrayList<>(unique.size());
            for (int i = 0; i < unique.size(); i++) {
                ReplayJobItemRecord item = new ReplayJobItemRecord();
                item.setJobId(id);
                item.setSeq(i + 1);
                item.setFailureId(FailureStore.clip(unique.get(i), 16));
                items.add(item);
            }
            for (int from = 0; from < items.size(); from += 5_000) {
                tx.batchInsert(items.subList(from, Math.min(items.size(), from + 5_000))).execute();
            }
            AuditLog.append(tx, AuditEntry.byUser(now.toInstant(), principal.user().username(),
                    runner.auditType() + ".created", runner.auditType(), id).correlation(id)
                    .with("total", (long) unique.size()).with("throttlePerSecond", (long) throttlePerSecond)
                    .with("retryOf", retryOf));
        });
        Views.ReplayJob created = job(id);
        submit(id);
        publish(created);
        return created;
    }

    /** A new job of the failed items of {@code jobId} (which must have finished). */
    public Views.ReplayJob retryFailed(Principal principal, String jobId) {
        ReplayJobRecord job = load(jobId);
        if (!job.getStatus().equals(COMPLETED) && !job.getStatus().equals(CANCELLED)) {
            throw new ApiException(ProblemType.CONFLICT, "Job " + jobId + " is still " + job.getStatus()
                    .toLowerCase(java.util.Locale.ROOT) + "; retry its failed items once it has finished (or cancel it).");
        }
        List<String> failed = dsl.select(REPLAY_JOB_ITEM.FAILURE_ID).from(REPLAY_JOB_ITEM)
                .where(REPLAY_JOB_ITEM.JOB_ID.eq(jobId)).and(REPLAY_JOB_ITEM.OUTCOME.eq(Outcome.FAILED.name()))
                .orderBy(REPLAY_JOB_ITEM.SEQ)
                .fetch(REPLAY_JOB_ITEM.FAILURE_ID);
        if (failed.isEmpty()) {
            throw new ApiException(ProblemType.CONFLICT, "No item of job " + jobId + " failed; there is nothing to retry.");
        }
        return start(principal, job.getKind(), failed, job.getThrottlePerSecond(), jobId);
    }

    /** The job, with the money its replays captured and recorded as refunded so far. */
    public Views.ReplayJob job(String jobId) {
        Views.ReplayJob job = view(load(jobId));
        return job.withMoney(moneyOf(jobId, Effect.CAPTURE_PAYMENT), moneyOf(jobId, Effect.RECORD_REFUND));
    }

    /**
     * Stops a job after the item in progress (waiting a few seconds for that); a finished job is returned as it is.
     * Its creator may cancel it, and whoever may replay every queue.
     */
    public Views.ReplayJob cancel(Principal principal, String jobId) {
        ReplayJobRecord job = checkMayCancel(principal, jobId);
        if (job.getStatus().equals(COMPLETED) || job.getStatus().equals(CANCELLED)) {
            return view(job);
        }
        Run run = runs.get(jobId);
        if (run != null) {
            run.cancelledBy = principal.user().username();
            run.cancelled = true;
            try {
                run.stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            Instant at = now();
            dsl.transaction(c -> {
                int changed = c.dsl().update(REPLAY_JOB).set(REPLAY_JOB.STATUS, CANCELLED)
                        .set(REPLAY_JOB.FINISHED_AT, FailureStore.utc(at))
                        .where(REPLAY_JOB.ID.eq(jobId)).and(REPLAY_JOB.STATUS.in(QUEUED, RUNNING)).execute();
                if (changed > 0) {
                    String type = runner(job.getKind()).auditType();
                    AuditLog.append(c.dsl(), AuditEntry.byUser(at, principal.user().username(),
                            type + ".cancelled", type, jobId).correlation(jobId)
                            .change(AuditEntry.values("status", job.getStatus()),
                                    AuditEntry.values("status", CANCELLED)));
                }
            });
        }
        Views.ReplayJob after = job(jobId);
        publish(after);
        return after;
    }

    /** The job, if {@code principal} may cancel it (403 otherwise, 404 when there is none). */
    public ReplayJobRecord checkMayCancel(Principal principal, String jobId) {
        ReplayJobRecord job = load(jobId);
        // Someone else's job may be stopped only by who may replay in every queue (it may span all of them).
        boolean replaysEverything = principal.scopes().filter(Permission.FAILURES_REPLAY).everything();
        if (!job.getCreatedByUserId().equals(principal.userId()) && !replaysEverything) {
            throw new ApiException(ProblemType.FORBIDDEN, "Only " + job.getCreatedBy()
                    + ", who started job " + jobId + ", or an administrator may cancel it.");
        }
        return job;
    }

    /**
     * Processed items of a job in order, optionally of one outcome, limited to the failures {@code readable} lets
     * through (items whose failure no longer exists are shown: they say only that).
     */
    public Views.ReplayJobItemPage items(String jobId, Outcome outcome, Integer afterSeq, int limit,
                                         Scopes.Filter readable) {
        load(jobId);
        Condition where = REPLAY_JOB_ITEM.JOB_ID.eq(jobId).and(REPLAY_JOB_ITEM.OUTCOME.isNotNull());
        if (outcome != null) {
            where = where.and(REPLAY_JOB_ITEM.OUTCOME.eq(outcome.name()));
        }
        if (afterSeq != null) {
            where = where.and(REPLAY_JOB_ITEM.SEQ.gt(afterSeq));
        }
        if (!readable.everything()) {
            where = where.and(FAILURE.ID.isNull().or(readable.condition(FailureStore.SCOPE_COLUMNS)));
        }
        var rows = dsl.select(REPLAY_JOB_ITEM.fields()).from(REPLAY_JOB_ITEM)
                .leftJoin(FAILURE).on(FAILURE.ID.eq(REPLAY_JOB_ITEM.FAILURE_ID))
                .where(where)
                .orderBy(REPLAY_JOB_ITEM.SEQ)
                .limit(limit + 1)
                .fetchInto(REPLAY_JOB_ITEM);
        boolean more = rows.size() > limit;
        List<ReplayJobItemRecord> page = more ? rows.subList(0, limit) : rows;
        List<Views.ReplayJobItem> items = page.stream().map(i -> new Views.ReplayJobItem(i.getFailureId(),
                Outcome.valueOf(i.getOutcome()), i.getEffect() == null ? null : Effect.valueOf(i.getEffect()),
                i.getErrorMessage(), FailureStore.instant(i.getProcessedAt()), i.getOrderNumber())).toList();
        return new Views.ReplayJobItemPage(items, more ? Integer.toString(page.get(page.size() - 1).getSeq()) : null);
    }

    /** Queues again the jobs a stopped server left queued or running. */
    public void resumeUnfinished() {
        for (String id : dsl.select(REPLAY_JOB.ID).from(REPLAY_JOB).where(REPLAY_JOB.STATUS.in(QUEUED, RUNNING))
                .orderBy(REPLAY_JOB.ID).fetch(REPLAY_JOB.ID)) {
            LOG.info("Resuming replay job {}", id);
            submit(id);
        }
    }

    /** Publishes a job's progress to its starter. */
    private void publish(Views.ReplayJob job) {
        FailureEvents.jobProgress(events, job);
    }

    private void submit(String jobId) {
        Run run = new Run();
        runs.put(jobId, run);
        try {
            executor.execute(() -> {
                try {
                    execute(jobId, run);
                } catch (RuntimeException e) {
                    if (!executor.isShutdown()) {
                        LOG.error("Replay job {} stopped unexpectedly", jobId, e);
                    }
                } finally {
                    runs.remove(jobId);
                    run.stopped.countDown();
                }
            });
        } catch (RejectedExecutionException closing) {
            runs.remove(jobId);
            run.stopped.countDown();
        }
    }

    private void execute(String jobId, Run run) {
        ReplayJobRecord job = load(jobId);
        if (job.getStatus().equals(COMPLETED) || job.getStatus().equals(CANCELLED)) {
            return;
        }
        dsl.update(REPLAY_JOB).set(REPLAY_JOB.STATUS, RUNNING)
                .set(REPLAY_JOB.STARTED_AT, DSL.coalesce(REPLAY_JOB.STARTED_AT, DSL.val(FailureStore.utc(now()))))
                .where(REPLAY_JOB.ID.eq(jobId)).execute();
        // A job replays with its starter's rights as they are now (a role taken away stops the rest of the job).
        Scopes permissions = users.findById(job.getCreatedByUserId())
                .map(u -> Scopes.ofRoles(u.username(), u.roles(), u.warehouses()))
                .orElse(Scopes.of(job.getCreatedBy(), List.of(), Map.of()));
        String actor = users.findById(job.getCreatedByUserId()).map(UserView::username).orElse(job.getCreatedBy());
        ItemRunner runner = runner(job.getKind());
        int[] counts = countItems(jobId);
        long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, job.getThrottlePerSecond());
        long nextAt = System.nanoTime();
        long lastProgress = System.nanoTime();
        publish(job(jobId));
        outer:
        while (true) {
            List<ReplayJobItemRecord> items = dsl.selectFrom(REPLAY_JOB_ITEM)
                    .where(REPLAY_JOB_ITEM.JOB_ID.eq(jobId)).and(REPLAY_JOB_ITEM.OUTCOME.isNull())
                    .orderBy(REPLAY_JOB_ITEM.SEQ).limit(PAGE).fetch();
            if (items.isEmpty()) {
                break;
            }
            // Items go to the runner a batch at a time where the kind allows it and the pace permits: at most a
            // tenth of a second's worth, so that pacing and cancelling stay as fine as a person notices.
            int batch = (int) Math.max(1, Math.min(runner.batchSize(), job.getThrottlePerSecond() / 10));
            for (int from = 0; from < items.size(); from += batch) {
                List<ReplayJobItemRecord> chunk = items.subList(from, Math.min(items.size(), from + batch));
                if (!waitUntil(nextAt, run)) {
                    break outer;
                }
                long now = System.nanoTime();
                // Paced from the schedule, but never bursting to catch up after a slow stretch.
                nextAt = Math.max(nextAt + interval * chunk.size(), now - TimeUnit.SECONDS.toNanos(1) + interval);
                List<ItemResult> results = chunk.size() == 1
                        ? List.of(runner.run(chunk.get(0).getFailureId(), permissions, actor, jobId))
                        : runner.runAll(chunk.stream().map(ReplayJobItemRecord::getFailureId).toList(), permissions,
                                actor, jobId);
                OffsetDateTime at = FailureStore.utc(now());
                for (ItemResult result : results) {
                    counts[0]++;
                    counts[switch (result.outcome()) {
                        case SUCCEEDED -> 1;
                        case FAILED -> 2;
                        case SKIPPED -> 3;
                    }]++;
                }
                // The item's row is the record of what happened; the job's counters follow it (written below, and
                // recounted from the items when a job resumes). A batch's rows in one transaction.
                if (chunk.size() == 1) {
                    recordItem(dsl, jobId, chunk.get(0), results.get(0), at);
                } else {
                    dsl.transaction(c -> {
                        for (int i = 0; i < chunk.size(); i++) {
                            recordItem(c.dsl(), jobId, chunk.get(i), results.get(i), at);
                        }
                    });
                }
                if (System.nanoTime() - lastProgress >= PROGRESS_EVERY_NANOS) {
                    lastProgress = System.nanoTime();
                    writeCounts(jobId, counts);
                    publish(job(jobId));
                }
            }
        }
        writeCounts(jobId, counts);
        if (executor.isShutdown() && !run.cancelled) {
            return; // the server is stopping: leave the job RUNNING, to be resumed on the next start
        }
        Instant finished = now();
        String status = run.cancelled ? CANCELLED : COMPLETED;
        dsl.transaction(c -> {
            c.dsl().update(REPLAY_JOB)
                    .set(REPLAY_JOB.STATUS, status)
                    .set(REPLAY_JOB.FINISHED_AT, FailureStore.utc(finished))
                    .where(REPLAY_JOB.ID.eq(jobId))
                    .execute();
            String by = run.cancelled && run.cancelledBy != null ? run.cancelledBy : "system:replay-jobs";
            AuditLog.append(c.dsl(), AuditEntry.by(finished, by, run.cancelled ? "replay_job.cancelled"
                            : "replay_job.completed", "replay_job", jobId).correlation(jobId)
                    .with("processed", (long) counts[0]).with("succeeded", (long) counts[1])
                    .with("failed", (long) counts[2]).with("skipped", (long) counts[3])
                    .change(AuditEntry.values("status", RUNNING), AuditEntry.values("status", status)));
        });
        publish(job(jobId));
    }

    private static void recordItem(DSLContext dsl, String jobId, ReplayJobItemRecord item, ItemResult result,
                                   OffsetDateTime at) {
        dsl.update(REPLAY_JOB_ITEM)
                .set(REPLAY_JOB_ITEM.OUTCOME, result.outcome().name())
                .set(REPLAY_JOB_ITEM.EFFECT, result.effect() == null ? null : result.effect().name())
                .set(REPLAY_JOB_ITEM.ERROR_MESSAGE, FailureStore.clip(result.error(), 1000))
                .set(REPLAY_JOB_ITEM.PROCESSED_AT, at)
                .set(REPLAY_JOB_ITEM.ORDER_NUMBER, result.orderNumber())
                .where(REPLAY_JOB_ITEM.JOB_ID.eq(jobId)).and(REPLAY_JOB_ITEM.SEQ.eq(item.getSeq()))
                .execute();
    }

    /** Processed, succeeded, failed and skipped items of a job, counted from its items. */
    private int[] countItems(String jobId) {
        int[] counts = new int[4];
        dsl.select(REPLAY_JOB_ITEM.OUTCOME, DSL.count()).from(REPLAY_JOB_ITEM)
                .where(REPLAY_JOB_ITEM.JOB_ID.eq(jobId)).and(REPLAY_JOB_ITEM.OUTCOME.isNotNull())
                .groupBy(REPLAY_JOB_ITEM.OUTCOME)
                .forEach(r -> {
                    counts[0] += r.value2();
                    counts[switch (Outcome.valueOf(r.value1())) {
                        case SUCCEEDED -> 1;
                        case FAILED -> 2;
                        case SKIPPED -> 3;
                    }] += r.value2();
                });
        return counts;
    }

    private void writeCounts(String jobId, int[] counts) {
        dsl.update(REPLAY_JOB)
                .set(REPLAY_JOB.PROCESSED, counts[0])
                .set(REPLAY_JOB.SUCCEEDED, counts[1])
                .set(REPLAY_JOB.FAILED, counts[2])
                .set(REPLAY_JOB.SKIPPED, counts[3])
                .where(REPLAY_JOB.ID.eq(jobId))
                .execute();
    }

    /** Waits until {@code nanoTime}, in short slices so that a cancel is noticed; false when cancelled or stopping. */
    private boolean waitUntil(long nanoTime, Run run) {
        while (true) {
            if (run.cancelled || executor.isShutdown()) {
                return false;
            }
            long left = nanoTime - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private ItemRunner runner(String kind) {
        ItemRunner runner = runners.get(kind);
        if (runner == null) {
            throw new IllegalStateException("No runner for jobs of kind " + kind);
        }
        return runner;
    }

    private ItemResult replayItem(String failureId, Scopes permissions, String actor, String jobId) {
        FailureRecord failure = store.find(failureId).orElse(null);
        if (failure == null) {
            return new ItemResult(Outcome.SKIPPED, Effect.NOT_REPLAYABLE, "There is no failure " + failureId + ".", null);
        }
        Queue queue = Queue.valueOf(failure.getQueue());
        if (!FailureService.may(permissions, Permission.FAILURES_REPLAY, queue)) {
            return new ItemResult(Outcome.SKIPPED, Effect.NOT_ALLOWED, actor + " may not replay failures in the " + queue
                    + " queue.", failure.getOrderNumber());
        }
        try {
            Views.ReplayResult result = replays.replay(failure, Trigger.BULK, actor, jobId, null);
            return new ItemResult(result.outcome(), result.effect(),
                    result.outcome() == Outcome.SUCCEEDED ? null : result.message(), failure.getOrderNumber());
        } catch (ApiException e) {
            boolean skipped = e.type() == ProblemType.FAILURE_NOT_REPLAYABLE || e.type() == ProblemType.REPLAY_IN_PROGRESS
                    || e.type() == ProblemType.NOT_FOUND;
            return new ItemResult(skipped ? Outcome.SKIPPED : Outcome.FAILED,
                    skipped ? Effect.NOT_REPLAYABLE : Effect.FAIL_AGAIN, e.detail(), failure.getOrderNumber());
        } catch (RuntimeException e) {
            LOG.error("Bulk replay of {} in job {} failed", failureId, jobId, e);
            return new ItemResult(Outcome.FAILED, Effect.FAIL_AGAIN, "The replay could not run ("
                    + e.getClass().getSimpleName() + ").", failure.getOrderNumber());
        }
    }

    private ReplayJobRecord load(String jobId) {
        ReplayJobRecord job = dsl.selectFrom(REPLAY_JOB).where(REPLAY_JOB.ID.eq(jobId)).fetchOne();
        if (job == null) {
            throw new ApiException(ProblemType.NOT_FOUND, "There is no replay job " + jobId + ".");
        }
        return job;
    }

    private static Views.ReplayJob view(ReplayJobRecord j) {
        return new Views.ReplayJob(j.getId(), j.getKind(), j.getStatus(), j.getTotal(), j.getProcessed(), j.getSucceeded(),
                j.getFailed(), j.getSkipped(), j.getThrottlePerSecond(), j.getCreatedBy(),
                FailureStore.instant(j.getCreatedAt()), FailureStore.instant(j.getStartedAt()),
                FailureStore.instant(j.getFinishedAt()), j.getRetryOf(), null, null);
    }

    /** Per currency, the amounts of the job's failures whose replay succeeded with {@code effect}. */
    private List<Views.Money> moneyOf(String jobId, Effect effect) {
        var failure = dev.opsdesk.sandbox.db.Tables.FAILURE;
        List<Views.Money> totals = new java.util.ArrayList<>();
        dsl.select(failure.CURRENCY, DSL.sum(failure.AMOUNT_MINOR))
                .from(REPLAY_JOB_ITEM).join(failure).on(failure.ID.eq(REPLAY_JOB_ITEM.FAILURE_ID))
                .where(REPLAY_JOB_ITEM.JOB_ID.eq(jobId))
                .and(REPLAY_JOB_ITEM.OUTCOME.eq(Outcome.SUCCEEDED.name()))
                .and(REPLAY_JOB_ITEM.EFFECT.eq(effect.name()))
                .and(failure.CURRENCY.isNotNull()).and(failure.AMOUNT_MINOR.isNotNull())
                .groupBy(failure.CURRENCY).orderBy(failure.CURRENCY)
                .forEach(r -> totals.add(new Views.Money(r.value2().longValue(), r.value1())));
        return totals;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Stops the running jobs after their current item (they resume on the next start of a persistent database). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
