package dev.opsdesk.sandbox.bench;

import static dev.opsdesk.sandbox.db.Tables.FAILURE;
import static dev.opsdesk.sandbox.db.Tables.FAILURE_ATTEMPT;
import static dev.opsdesk.sandbox.db.Tables.PAYMENT_CAPTURE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.Scale;
import dev.opsdesk.sandbox.TestAccess;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Bulk replay of open payment callbacks of a {@code --scale large} sandbox at throttle 10,000. First one job alone over
 * 10,000 of them: items per second. Then another 10,000 replayed by two jobs at once (one by support, one by admin)
 * while support agents click replay on a few hundred of them by hand; and the proof, from the database, that nothing
 * was applied twice. Not a test: run it by hand (see the module's README). Argument (optional): the number of items
 * per phase, default 10000.
 */
public final class BulkReplayBenchmark {

    private BulkReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long started = System.nanoTime();
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0)
                .withScale(Scale.LARGE))) {
            System.out.printf("Started with %,d seeded failures: seeding %.1f s, whole start %.1f s%n",
                    TestAccess.seededFailures(sandbox), TestAccess.seedingTook(sandbox).toMillis() / 1000.0,
                    (System.nanoTime() - started) / 1e9);
            DSLContext db = TestAccess.dsl(sandbox);
            BenchHttp http = new BenchHttp(sandbox.baseUri());
            String support = http.token("support", "sandbox");
            String admin = http.token("admin", "sandbox");

            // The selection, as a client makes it: the newest open payment callbacks, page by page.
            List<String> ids = new ArrayList<>();
            String cursor = null;
            while (ids.size() < 2 * n) {
                JsonNode page = http.get("/v1/failures?limit=500&queue=PAYMENT_CALLBACK&status=OPEN"
                        + (cursor == null ? "" : "&cursor=" + cursor), support).json();
                page.get("items").forEach(i -> ids.add(i.get("id").asText()));
                if (page.get("nextCursor").isNull()) {
                    break;
                }
                cursor = page.get("nextCursor").asText();
            }
            OffsetDateTime before = OffsetDateTime.ofInstant(Instant.now().minusSeconds(1), ZoneOffset.UTC);
            int capturesBefore = db.fetchCount(PAYMENT_CAPTURE);

            // Phase 1: one job alone.
            List<String> alone = ids.subList(0, Math.min(n, ids.size()));
            String aloneJson = BenchHttp.JSON.writeValueAsString(alone);
            long t = System.nanoTime();
            JsonNode preview = http.post("/v1/failures/replay-preview", support, "{\"ids\":" + aloneJson + "}").json();
            System.out.printf("Preview of %,d items in %.0f ms: %s%n", preview.get("total").asInt(),
                    (System.nanoTime() - t) / 1e6, preview.get("byEffect"));
            String solo = http.post("/v1/replay-jobs", support, "{\"ids\":" + aloneJson
                    + ",\"throttlePerSecond\":10000}").json().get("id").asText();
            report(await(http, support, solo), "alone");

            // Phase 2: the next ones, by two jobs at once and by hand.
            List<String> selection = ids.subList(Math.min(n, ids.size()), Math.min(2 * n, ids.size()));
            String idsJson = BenchHttp.JSON.writeValueAsString(selection);
            JsonNode preview2 = http.post("/v1/failures/replay-preview", support, "{\"ids\":" + idsJson + "}").json();
            System.out.printf("Preview of the next %,d items: %s%n", preview2.get("total").asInt(),
                    preview2.get("byEffect"));
            String body = "{\"ids\":" + idsJson + ",\"throttlePerSecond\":10000}";
            long jobsStarted = System.nanoTime();
            String first = http.post("/v1/replay-jobs", support, body).json().get("id").asText();
            String second = http.post("/v1/replay-jobs", admin, body).json().get("id").asText();

            // Meanwhile, agents replay some of the same failures by hand.
            ExecutorService agents = Executors.newFixedThreadPool(8);
            List<String> clicked = new ArrayList<>(selection);
            Collections.shuffle(clicked, new Random(1));
            AtomicInteger manual200 = new AtomicInteger();
            AtomicInteger manual409 = new AtomicInteger();
            List<Future<?>> clicks = new ArrayList<>();
            for (String id : clicked.subList(0, Math.min(400, clicked.size()))) {
                clicks.add(agents.submit(() -> {
                    int status = http.post("/v1/failures/" + id + "/replay", support, "{}").status();
                    (status == 200 ? manual200 : manual409).incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : clicks) {
                f.get();
            }
            agents.shutdown();

            JsonNode a = await(http, support, first);
            JsonNode b = await(http, support, second);
            double wall = (System.nanoTime() - jobsStarted) / 1e9;
            report(a, "at once");
            report(b, "at once");
            System.out.printf("Both jobs and %d manual replays (%d answered 200, %d 409) took %.1f s wall clock%n",
                    clicks.size(), manual200.get(), manual409.get(), wall);

            // The proof, from the database.
            int newCaptures = db.fetchCount(PAYMENT_CAPTURE) - capturesBefore;
            int distinctPayments = db.fetchValue(DSL.select(DSL.countDistinct(PAYMENT_CAPTURE.PAYMENT_REFERENCE))
                    .from(PAYMENT_CAPTURE).where(PAYMENT_CAPTURE.CAPTURED_AT.ge(before)));
            int captureAttempts = db.fetchCount(FAILURE_ATTEMPT, FAILURE_ATTEMPT.ATTEMPTED_AT.ge(before)
                    .and(FAILURE_ATTEMPT.OUTCOME.eq("SUCCEEDED")).and(FAILURE_ATTEMPT.EFFECT.eq("CAPTURE_PAYMENT")));
            int failuresSucceededTwice = db.fetchCount(DSL.select(FAILURE_ATTEMPT.FAILURE_ID).from(FAILURE_ATTEMPT)
                    .where(FAILURE_ATTEMPT.OUTCOME.eq("SUCCEEDED")).groupBy(FAILURE_ATTEMPT.FAILURE_ID)
                    .having(DSL.count().gt(1)));
            int paymentsCapturedByTwoAttempts = db.fetchCount(DSL.select(FAILURE.PAYMENT_REFERENCE)
                    .from(FAILURE_ATTEMPT).join(FAILURE).on(FAILURE.ID.eq(FAILURE_ATTEMPT.FAILURE_ID))
                    .where(FAILURE_ATTEMPT.OUTCOME.eq("SUCCEEDED")).and(FAILURE_ATTEMPT.EFFECT.eq("CAPTURE_PAYMENT"))
                    .groupBy(FAILURE.PAYMENT_REFERENCE).having(DSL.count().gt(1)));
            int stillReplaying = db.fetchCount(FAILURE, FAILURE.STATUS.eq("REPLAYING"));
            System.out.printf("Captures made: %,d for %,d distinct payments; successful capture attempts: %,d%n",
                    newCaptures, distinctPayments, captureAttempts);
            System.out.printf("Failures with more than one successful attempt: %d; payments captured by more than one"
                    + " attempt: %d; failures left REPLAYING: %d%n", failuresSucceededTwice,
                    paymentsCapturedByTwoAttempts, stillReplaying);
            boolean ok = newCaptures == distinctPayments && newCaptures == captureAttempts
                    && failuresSucceededTwice == 0 && paymentsCapturedByTwoAttempts == 0 && stillReplaying == 0;
            System.out.println(ok ? "Exactly once: OK" : "Exactly once: VIOLATED");
        }
    }

    private static void report(JsonNode job, String how) {
        double seconds = Duration.between(Instant.parse(job.get("startedAt").asText()),
                Instant.parse(job.get("finishedAt").asText())).toMillis() / 1000.0;
        System.out.printf("Job %s (%s) by %-7s %s: %,d items in %.1f s = %,.0f items/s (succeeded %,d, failed %,d,"
                        + " skipped %,d)%n", job.get("id").asText(), how, job.get("createdBy").asText(),
                job.get("status").asText(), job.get("processed").asInt(), seconds,
                job.get("processed").asInt() / seconds, job.get("succeeded").asInt(), job.get("failed").asInt(),
                job.get("skipped").asInt());
    }

    private static JsonNode await(BenchHttp http, String token, String jobId) throws Exception {
        while (true) {
            JsonNode job = http.get("/v1/replay-jobs/" + jobId, token).json();
            if (job.get("status").asText().equals("COMPLETED") || job.get("status").asText().equals("CANCELLED")) {
                return job;
            }
            Thread.sleep(200);
        }
    }
}
