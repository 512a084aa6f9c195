package dev.opsdesk.client;

import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureDetail;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.FailureSort;
import dev.opsdesk.client.model.FailureSummary;
import dev.opsdesk.client.model.LiveEvent;
import dev.opsdesk.client.model.LiveTopic;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.ReplayJob;
import dev.opsdesk.client.model.ReplayPreview;
import dev.opsdesk.client.model.ReplayResult;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The failure-queue part of the client against the real sandbox (in-process, real HTTP, real database). */
class FailuresAgainstSandboxTest {

    private static SandboxServer sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(7));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static OpsClient signedIn(String user) {
        OpsClient client = OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).build());
        client.sessions().signIn(user, "sandbox".toCharArray());
        return client;
    }

    /** Open payment failures a replay would fix now (per the server's own preview). */
    private static List<String> replayableCaptures(OpsClient client, int wanted) {
        List<String> ids = new ArrayList<>();
        for (Failure f : client.failures().all(FailureFilter.queue(Failure.PAYMENT_CALLBACK).withStatus("OPEN"))) {
            ids.add(f.id());
        }
        ReplayPreview preview = client.failures().preview(ids.subList(0, Math.min(ids.size(), 200)));
        List<String> captures = preview.items().stream().filter(i -> i.effect().equals("CAPTURE_PAYMENT"))
                .map(ReplayPreview.Item::failureId).limit(wanted).toList();
        assertThat(captures).as("seeded failures that a replay would fix").hasSize(wanted);
        return captures;
    }

    @Test
    void supportSeesOnlyThePaymentQueueAndPagesThroughIt() {
        try (OpsClient support = signedIn("support")) {
            Set<String> queues = new HashSet<>();
            List<String> ids = new ArrayList<>();
            for (Failure f : support.failures().all(FailureFilter.none())) {
                queues.add(f.queue());
                ids.add(f.id());
            }
            assertThat(queues).containsExactly(Failure.PAYMENT_CALLBACK);
            assertThat(ids).doesNotHaveDuplicates();
            assertThat((long) ids.size()).isEqualTo(support.failures().count(FailureFilter.none()));
            Page<Failure> inventory = support.failures().list(FailureFilter.queue(Failure.INVENTORY_SYNC), PageRequest.first(10));
            assertThat(inventory.items()).isEmpty();
        }
    }

    @Test
    void sortedListsPageThroughEveryFailureInTheAskedOrder() {
        try (OpsClient ops = signedIn("ops")) {
            List<Failure> byAmount = new ArrayList<>();
            ops.failures().all(FailureFilter.none(), new FailureSort("amount", true)).forEach(byAmount::add);
            assertThat((long) byAmount.size()).isEqualTo(ops.failures().count(FailureFilter.none()));
            assertThat(byAmount.stream().map(Failure::id)).doesNotHaveDuplicates();
            // Amounts compare only within a currency: currencies A to Z, each biggest first; no amount last.
            java.util.Comparator<Failure> byCurrencyThenAmountDescending = java.util.Comparator
                    .comparing((Failure f) -> f.amount() == null ? 1 : 0)
                    .thenComparing(f -> f.amount() == null ? "" : f.amount().currency())
                    .thenComparing(f -> f.amount() == null ? 0L : -f.amount().amountMinor());
            assertThat(byAmount).isSortedAccordingTo(byCurrencyThenAmountDescending);
            assertThat(byAmount.get(0).amount()).isNotNull();
            assertThat(byAmount.get(byAmount.size() - 1).amount()).as("without an amount: last").isNull();

            Page<Failure> fewest = ops.failures().list(FailureFilter.none().withAssignee("none"),
                    new FailureSort("attempts", false), PageRequest.first(20));
            assertThat(fewest.items()).isNotEmpty().allSatisfy(f -> assertThat(f.assignee()).isNull());
            assertThat(fewest.items().stream().map(Failure::attemptCount).toList()).isSorted();
        }
    }

    @Test
    void aPreviewTotalsTheMoneyAReplayWouldCapture() {
        try (OpsClient support = signedIn("support")) {
            List<String> captures = replayableCaptures(support, 3);
            ReplayPreview preview = support.failures().preview(captures);
            java.util.Map<String, Long> expected = new java.util.TreeMap<>();
            for (String id : captures) {
                var amount = support.failures().get(id).failure().amount();
                expected.merge(amount.currency(), amount.amountMinor(), Long::sum);
            }
            java.util.Map<String, Long> totals = new java.util.TreeMap<>();
            preview.captureTotals().forEach(m -> totals.put(m.currency(), m.amountMinor()));
            assertThat(totals).isEqualTo(expected);
            assertThat(preview.items()).allSatisfy(i -> assertThat(i.orderNumber()).isNotBlank());
            assertThat(preview.refundTotals()).isEmpty();
        }
    }

    @Test
    void detailCarriesPayloadAttemptsAndTheRelatedOrder() {
        try (OpsClient support = signedIn("support")) {
            String id = replayableCaptures(support, 1).get(0);
            FailureDetail detail = support.failures().get(id);
            assertThat(detail.failure().id()).isEqualTo(id);
            assertThat(detail.payload()).contains(detail.failure().orderNumber());
            assertThat(detail.attempts()).isNotEmpty();
            assertThat(detail.order()).isNotNull();
            assertThat(detail.order().orderNumber()).isEqualTo(detail.failure().orderNumber());
            assertThat(detail.headers().toString()).doesNotContainPattern("v1,[A-Za-z0-9+/=]{20,}");
        }
    }

    @Test
    void replayCapturesOnceAndARepeatOfTheSameActionGetsTheSameAnswer() {
        try (OpsClient support = signedIn("support")) {
            String id = replayableCaptures(support, 1).get(0);
            RequestOptions click = RequestOptions.newAction();
            ReplayResult first = support.failures().replay(id, "customer called", click);
            assertThat(first.succeeded()).isTrue();
            assertThat(first.effect()).isEqualTo("CAPTURE_PAYMENT");
            assertThat(first.failure().status()).isEqualTo("RESOLVED");

            ReplayResult again = support.failures().replay(id, "customer called", click);
            assertThat(again).isEqualTo(first);

            assertThatThrownBy(() -> support.failures().replay(id, null, RequestOptions.newAction()))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.problemKind()).isEqualTo("failure-not-replayable"));
            FailureDetail detail = support.failures().get(id);
            assertThat(detail.attempts()).filteredOn(a -> a.outcome().equals("SUCCEEDED")).hasSize(1);
            assertThat(detail.order().payments()).filteredOn(p -> p.state().equals("CAPTURED")).hasSize(1);
        }
    }

    @Test
    void opsMayNotReplayPaymentCallbacks() {
        try (OpsClient support = signedIn("support"); OpsClient ops = signedIn("ops")) {
            String id = replayableCaptures(support, 1).get(0);
            assertThatThrownBy(() -> ops.failures().replay(id, null, RequestOptions.newAction()))
                    .isInstanceOf(ForbiddenException.class);
            assertThat(support.failures().get(id).failure().status()).isEqualTo("OPEN");
        }
    }

    @Test
    void resolveNeedsAReasonAndRecordsWhoAndWhy() {
        try (OpsClient support = signedIn("support")) {
            String id = replayableCaptures(support, 1).get(0);
            assertThatThrownBy(() -> support.failures().resolve(id, "DISMISSED", "NOT_AN_ISSUE", "", RequestOptions.newAction()))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fieldErrors()).extracting(f -> f.field()).contains("note"));
            FailureDetail resolved = support.failures().resolve(id, "DISMISSED", "NOT_AN_ISSUE", "test order from QA",
                    RequestOptions.newAction());
            assertThat(resolved.failure().status()).isEqualTo("DISMISSED");
            assertThat(resolved.failure().resolution().by()).isEqualTo("support");
            assertThat(resolved.failure().resolution().note()).isEqualTo("test order from QA");
        }
    }

    @Test
    void assignAndNoteShowUpInTheDetail() {
        try (OpsClient support = signedIn("support")) {
            String id = replayableCaptures(support, 1).get(0);
            support.failures().assign(id, "support", RequestOptions.newAction());
            support.failures().addNote(id, "Waiting for the PSP to confirm", RequestOptions.newAction());
            FailureDetail detail = support.failures().get(id);
            assertThat(detail.failure().assignee()).isEqualTo("support");
            assertThat(detail.notes()).extracting(n -> n.text()).contains("Waiting for the PSP to confirm");
            assertThat(support.failures().count(FailureFilter.none().withAssignee("me"))).isPositive();
            assertThat(support.failures().assign(id, null, RequestOptions.newAction()).failure().assignee()).isNull();
        }
    }

    @Test
    void summaryCountsMatchTheList() {
        try (OpsClient ops = signedIn("ops")) {
            FailureSummary summary = ops.failures().summary();
            assertThat(summary.queues()).extracting(FailureSummary.QueueCounts::queue)
                    .containsExactlyInAnyOrder(Failure.PAYMENT_CALLBACK, Failure.INVENTORY_SYNC, Failure.FULFILLMENT_EXPORT);
            assertThat(summary.hourly()).hasSize(24);
            for (FailureSummary.QueueCounts q : summary.queues()) {
                long open = ops.failures().count(FailureFilter.queue(q.queue()).withStatus("OPEN,REPLAYING"));
                assertThat(q.open()).as(q.queue()).isEqualTo(open);
            }
        }
    }

    @Test
    void bulkReplayReportsPerItemResultsAndRetriesOnlyTheFailedOnes() {
        try (OpsClient support = signedIn("support")) {
            List<String> ids = new ArrayList<>(replayableCaptures(support, 2));
            String quarantined = support.failures().list(FailureFilter.queue(Failure.PAYMENT_CALLBACK).withStatus("DEAD"),
                    PageRequest.first(1)).items().get(0).id();
            ids.add(quarantined);
            ReplayJob job = support.failures().startReplayJob(ids, 50, RequestOptions.newAction());
            await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                    .until(() -> support.failures().job(job.id()).isFinished());
            ReplayJob done = support.failures().job(job.id());
            assertThat(done.total()).isEqualTo(3);
            assertThat(done.succeeded()).isEqualTo(2);
            assertThat(done.succeeded() + done.failed() + done.skipped()).isEqualTo(3);
            assertThat(support.failures().jobItems(job.id(), null, PageRequest.first(10)).items())
                    .extracting(i -> i.failureId()).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void liveStreamDeliversTheChangeSomeoneElseMade() {
        List<LiveEvent> events = new CopyOnWriteArrayList<>();
        try (OpsClient watcher = signedIn("ops"); OpsClient support = signedIn("support");
             LiveEvents.Subscription sub = watcher.events().subscribe(null, events::add)) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> sub.state() == LiveEvents.State.CONNECTED);
            String id = replayableCaptures(support, 1).get(0);
            support.failures().addNote(id, "looking", RequestOptions.newAction());
            support.failures().resolve(id, "RESOLVED", "FIXED_MANUALLY", "captured in the PSP dashboard", RequestOptions.newAction());
            await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream()
                    .anyMatch(e -> e.failure() != null && e.failure().id().equals(id) && "RESOLVED".equals(e.failure().status())));
            assertThat(sub.lastEventId()).isNotNull();
        }
    }

    @Test
    void auditTopicDeliversTheAuditEventOfAChangeAsTheTrailShowsIt() {
        List<LiveEvent> events = new CopyOnWriteArrayList<>();
        try (OpsClient watcher = signedIn("ops"); OpsClient support = signedIn("support");
             LiveEvents.Subscription sub = watcher.events().subscribe(null, Set.of(LiveTopic.AUDIT), events::add)) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> sub.state() == LiveEvents.State.CONNECTED);
            String id = replayableCaptures(support, 1).get(0);
            support.failures().addNote(id, "audited live", RequestOptions.newAction());
            await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e -> e.audit() != null
                    && e.audit().action().equals("failure.noted") && e.audit().entityId().equals(id)));
            assertThat(events).allMatch(e -> e.is(LiveTopic.AUDIT) && e.failure() == null && e.job() == null);
            AuditEvent live = events.stream().filter(e -> e.audit().entityId().equals(id)).findFirst()
                    .orElseThrow().audit();
            assertThat(live.actor()).isEqualTo("support");
        }
    }
}
