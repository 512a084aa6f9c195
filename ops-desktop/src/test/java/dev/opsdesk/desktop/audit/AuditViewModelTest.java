package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.AuditService;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.ui.ExportChoice;
import dev.opsdesk.desktop.export.ui.FolderMemory;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.within;

/**
 * The Audit list against the real in-process sandbox, with inline background tasks: how the filter
 * bar becomes the server's query, lazy paging newest first, the links of the detail pane, who may
 * verify and export.
 */
class AuditViewModelTest {

    private final SandboxServer sandbox = TestSandbox.shared();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path folder;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** With inline background tasks: each command has finished when it returns. */
    private AuditViewModel viewModel(String username) {
        OpsClient client = AuditFixtures.signIn(sandbox, username);
        toClose.add(client);
        return new AuditViewModel(client, client.me(), BackgroundTasks.inline(), ErrorMessages.systemDefault(),
                sandbox.baseUri(), Clock.systemUTC(), ZoneId.of("Europe/Berlin"), AuditCheckpoints.inMemory(),
                FolderMemory.inMemory());
    }

    /** A recorded replay of a payment callback (on an order's timeline), as the server has it. */
    private AuditEvent someReplay(AuditViewModel vm) {
        OpsClient client = AuditFixtures.signIn(sandbox, "auditor");
        toClose.add(client);
        for (AuditEvent e : client.audit().all(AuditFilter.none().withAction("failure.replayed"),
                AuditService.Direction.NEWEST_FIRST)) {
            if (e.orderNumber() != null && !e.bySystem()) {
                return e;
            }
        }
        throw new IllegalStateException("The sandbox has no replay by a person on an order");
    }

    private static void assertNewestFirst(List<AuditEvent> rows) {
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).sequence()).as("newest first").isLessThan(rows.get(i - 1).sequence());
        }
    }

    @Test
    void anOrderNumberInTheSearchBoxOpensTheOrdersWholeTimeline() {
        AuditViewModel vm = viewModel("auditor");
        AuditEvent replay = someReplay(vm);

        vm.searchTextProperty().set(" " + replay.orderNumber().toLowerCase(java.util.Locale.ROOT) + " ");
        assertThat(vm.apply()).isTrue();

        assertThat(vm.appliedFilterProperty().get().entity()).isEqualTo("order:" + replay.orderNumber());
        assertThat(vm.filterTextProperty().get()).isEqualTo("Order " + replay.orderNumber() + "’s timeline");
        assertThat(vm.rows()).isNotEmpty().allSatisfy(e -> assertThat(e.orderNumber()).isEqualTo(replay.orderNumber()));
        assertThat(vm.rows()).extracting(AuditEvent::action).contains("order.created", "failure.replayed");
        assertThat(vm.rows()).extracting(AuditEvent::sequence).contains(replay.sequence());
        assertNewestFirst(vm.rows());
        assertThat(vm.list().endReachedProperty().get()).isTrue();
        assertThat(vm.list().countTextProperty().get()).isEqualTo(vm.rows().size() + " events");
    }

    @Test
    void actorActionAndTimeNarrowTheListAndABadTimeChangesNothing() {
        AuditViewModel vm = viewModel("auditor");
        vm.actorProperty().set("system:webhooks");
        vm.actionProperty().set("payment.*");
        vm.apply();
        assertThat(vm.rows()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("system:webhooks");
            assertThat(e.action()).startsWith("payment.");
        });
        assertThat(vm.filterTextProperty().get()).isEqualTo("All events · by system: webhooks · payment.*");

        vm.timeRangeProperty().set(TimeRange.LAST_7_DAYS); // a quick pick applies at once
        assertThat(vm.appliedFilterProperty().get().since())
                .isCloseTo(Instant.now().minus(Duration.ofDays(7)), within(Duration.ofSeconds(30)));
        assertThat(vm.filterTextProperty().get()).endsWith("· last 7 days");
        Instant weekAgo = vm.appliedFilterProperty().get().since();
        assertThat(vm.rows()).allSatisfy(e -> assertThat(e.at()).isAfterOrEqualTo(weekAgo));

        vm.timeRangeProperty().set(TimeRange.CUSTOM); // waits for the from and to
        vm.customFromProperty().set("2020-01-01");
        vm.customToProperty().set("2020-01-02 12:00");
        vm.apply();
        AuditFilter custom = vm.appliedFilterProperty().get();
        assertThat(custom.since()).isEqualTo(Instant.parse("2019-12-31T23:00:00Z"));
        assertThat(custom.until()).isEqualTo(Instant.parse("2020-01-02T11:00:00Z"));
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.list().countTextProperty().get()).isEqualTo("No events match");

        vm.customToProperty().set("next week");
        assertThat(vm.apply()).isFalse();
        assertThat(vm.filterErrorProperty().get()).contains("“next week” is not a date or time");
        assertThat(vm.appliedFilterProperty().get()).as("the list keeps its filter").isEqualTo(custom);

        vm.clearFilters();
        assertThat(vm.filterErrorProperty().get()).isNull();
        assertThat(vm.appliedFilterProperty().get()).isEqualTo(AuditFilter.none());
        assertThat(vm.actorProperty().get()).isEmpty();
        assertThat(vm.timeRangeProperty().get()).isEqualTo(TimeRange.ANY);
    }

    @Test
    void pagesAreAppendedAsTheUserScrollsUntilTheFirstEvent() {
        AuditViewModel vm = viewModel("auditor");
        vm.activate();
        assertThat(vm.rows()).hasSize(AuditViewModel.PAGE_SIZE);
        assertThat(vm.list().endReachedProperty().get()).isFalse();
        assertThat(vm.list().countTextProperty().get()).isEqualTo("200 loaded · more as you scroll");
        long newest = vm.rows().get(0).sequence();

        int pages = 1;
        while (!vm.list().endReachedProperty().get()) {
            int before = vm.rows().size();
            vm.loadMore();
            pages++;
            assertThat(vm.rows().size()).isGreaterThan(before);
            assertThat(pages).isLessThan(200);
        }
        assertThat(vm.rows()).hasSize((int) newest);
        assertThat(vm.rows().get(vm.rows().size() - 1).sequence()).isEqualTo(1);
        assertNewestFirst(vm.rows());
        vm.loadMore();
        assertThat(vm.rows()).as("nothing after the end").hasSize((int) newest);
    }

    @Test
    void theLinksOfAnEventReFilterTheListAroundIt() {
        AuditViewModel vm = viewModel("auditor");
        AuditEvent replay = someReplay(vm);
        vm.showTimeline("order:" + replay.orderNumber());
        assertThat(vm.searchTextProperty().get()).isEqualTo(replay.orderNumber());
        AuditEvent row = vm.rows().stream().filter(e -> e.sequence() == replay.sequence()).findFirst().orElseThrow();

        vm.select(row);
        AuditEventDetail detail = vm.detailProperty().get();
        assertThat(detail.event()).isEqualTo(row);
        assertThat(detail.changes()).anySatisfy(d -> {
            assertThat(d.field()).isEqualTo("Attempts");
            assertThat(d.changed()).isTrue();
        });

        vm.follow(link(detail, AuditEventDetail.Link.Kind.FAILURE));
        assertThat(vm.searchTextProperty().get()).isEqualTo(replay.entityId());
        assertThat(vm.appliedFilterProperty().get().entity()).isEqualTo("failure:" + replay.entityId());
        assertThat(vm.rows()).isNotEmpty().allSatisfy(e -> assertThat(e.entity()).isEqualTo("failure:" + replay.entityId()));
        assertThat(vm.detailProperty().get()).as("a new list, nothing selected").isNull();

        vm.select(vm.rows().get(0));
        vm.follow(link(vm.detailProperty().get(), AuditEventDetail.Link.Kind.ACTOR));
        String actor = vm.appliedFilterProperty().get().actor();
        assertThat(vm.searchTextProperty().get()).isEmpty();
        assertThat(vm.rows()).isNotEmpty().allSatisfy(e -> assertThat(e.actor()).isEqualTo(actor));

        vm.showCorrelation("J-000001");
        assertThat(vm.appliedFilterProperty().get().correlationId()).isEqualTo("J-000001");
        assertThat(vm.searchTextProperty().get()).isEqualTo("J-000001");
        assertThat(vm.rows()).allSatisfy(e -> assertThat(e.correlationId()).isEqualTo("J-000001"));

        vm.showSequence(replay.sequence());
        assertThat(vm.rows()).extracting(AuditEvent::sequence).containsExactly(replay.sequence());
        assertThat(vm.filterTextProperty().get()).isEqualTo("Event #" + replay.sequence());
    }

    private static AuditEventDetail.Link link(AuditEventDetail d, AuditEventDetail.Link.Kind kind) {
        return d.links().stream().filter(l -> l.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void loadingCancelledFromTheStatusBarSaysSoAndStopsPaging() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        BackgroundTasks held = new BackgroundTasks(work -> new Thread(() -> {
            try {
                go.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            work.run();
        }).start(), Runnable::run);
        OpsClient client = AuditFixtures.signIn(sandbox, "auditor");
        toClose.add(client);
        AuditViewModel vm = new AuditViewModel(client, client.me(), held, ErrorMessages.systemDefault(),
                sandbox.baseUri(), Clock.systemUTC(), ZoneId.of("Europe/Berlin"), AuditCheckpoints.inMemory(),
                FolderMemory.inMemory());
        vm.list().loadingProperty().addListener((obs, old, now) -> {
            if (!now) {
                done.countDown();
            }
        });

        vm.apply();
        assertThat(vm.list().countTextProperty().get()).isEqualTo("Loading…");
        assertThat(held.running()).extracting(t -> t.title()).containsExactly("Loading audit events");
        held.running().get(0).cancel();
        go.countDown();

        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        // The worker thread sets loading=false (which released the latch), then the count text: wait for that too.
        await().atMost(Duration.ofSeconds(10)).until(() -> !vm.list().countTextProperty().get().equals("Loading…"));
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.list().stoppedProperty().get()).isTrue();
        assertThat(vm.list().countTextProperty().get()).isEqualTo("0 loaded · loading stopped (F5 loads again)");
        vm.loadMore();
        assertThat(held.running()).as("nothing more loads by itself").isEmpty();
    }

    @Test
    void supportSeesOnlyOrderEventsAndMayNotVerifyOrExport() {
        AuditViewModel vm = viewModel("support");
        vm.activate();
        assertThat(vm.rows()).isNotEmpty().allSatisfy(e -> assertThat(e.orderNumber()).isNotNull());
        assertThat(vm.integrity().mayVerify()).isFalse();
        assertThat(vm.integrity().whyNot()).contains("only the events about orders and payments");
        assertThat(vm.integrity().stateProperty().get()).isEqualTo(AuditIntegrityViewModel.State.UNAVAILABLE);
        assertThat(vm.integrity().textProperty().get()).startsWith("Integrity checks need the whole trail.");
        vm.integrity().verifyAll();
        assertThat(vm.integrity().stateProperty().get()).isEqualTo(AuditIntegrityViewModel.State.UNAVAILABLE);
        assertThat(vm.exportPermit().allowed()).isFalse();

        AuditViewModel warehouse = viewModel("warehouse");
        assertThat(warehouse.integrity().whyNot()).contains("only your own actions");
        assertThat(viewModel("ops").integrity().mayVerify()).as("ops reads everything").isTrue();
        assertThat(viewModel("ops").exportPermit().allowed()).as("but may not export it").isFalse();
    }

    @Test
    void anExportFetchesThroughTheServerWhichRecordsIt() throws Exception {
        AuditViewModel vm = viewModel("auditor");
        assertThat(vm.exportPermit().allowed()).isTrue();
        AuditEvent replay = someReplay(vm);
        vm.showTimeline("order:" + replay.orderNumber());
        int shown = vm.rows().size();

        Path file = folder.resolve("timeline.csv");
        vm.export().export(new ExportChoice(ExportChoice.Scope.ALL_MATCHING, ExportFormat.CSV, CsvProfile.STANDARD),
                file, List.of("sequence", "at", "actor", "action", "entity", "orderNumber", "summary", "hash"),
                vm::exportRows);

        assertThat(vm.export().lastErrorProperty().get()).isNull();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).startsWith("Sequence,Time (").endsWith(",Order,Summary,Hash");
        assertThat(lines).hasSize(shown + 1);
        assertThat(lines.get(1)).startsWith(vm.rows().get(0).sequence() + ",");

        OpsClient auditor = AuditFixtures.signIn(sandbox, "auditor");
        toClose.add(auditor);
        AuditEvent recorded = auditor.audit().list(AuditFilter.none().withAction("audit.exported").withActor("auditor"),
                AuditService.Direction.NEWEST_FIRST, PageRequest.first(1)).items().get(0);
        assertThat(recorded.details().get("filter").get("entity").asText()).isEqualTo("order:" + replay.orderNumber());
    }

    /**
     * The trail grows while an auditor reads it: a new event about the record on screen is counted in
     * the notice (the rows stay put), one that does not match the filter is not, and Show loads it.
     */
    @Test
    void newEventsMatchingTheFilterAreCountedLiveAndShownOnRequest() {
        OpsClient auditor = AuditFixtures.signIn(sandbox, "auditor");
        toClose.add(auditor);
        dev.opsdesk.desktop.failures.FailureFixtures.TestUiThread ui = new dev.opsdesk.desktop.failures.FailureFixtures.TestUiThread();
        dev.opsdesk.desktop.ui.LiveUpdates live = new dev.opsdesk.desktop.ui.LiveUpdates(ui);
        toClose.add(live);
        AuditViewModel timeline = new AuditViewModel(auditor, auditor.me(), BackgroundTasks.inline(),
                ErrorMessages.systemDefault(), sandbox.baseUri(), Clock.systemUTC(), ZoneId.of("Europe/Berlin"),
                AuditCheckpoints.inMemory(), FolderMemory.inMemory());
        AuditViewModel byFinance = new AuditViewModel(auditor, auditor.me(), BackgroundTasks.inline(),
                ErrorMessages.systemDefault(), sandbox.baseUri(), Clock.systemUTC(), ZoneId.of("Europe/Berlin"),
                AuditCheckpoints.inMemory(), FolderMemory.inMemory());
        OpsClient ops = AuditFixtures.signIn(sandbox, "ops");
        toClose.add(ops);
        dev.opsdesk.client.model.Failure failure = dev.opsdesk.desktop.failures.FailureFixtures.withStatus(ops,
                "INVENTORY_SYNC", "OPEN");
        timeline.activate(live);
        timeline.showTimeline("failure:" + failure.id());
        byFinance.activate(live);
        byFinance.showActor("finance");
        live.start(auditor.events());
        ui.runUntil("live updates are on", () -> live.statusProperty().get() == dev.opsdesk.desktop.ui.LiveUpdates.Status.LIVE, 20);
        List<Long> before = timeline.rows().stream().map(AuditEvent::sequence).toList();

        ops.failures().addNote(failure.id(), "Checked the WMS feed", dev.opsdesk.client.RequestOptions.newAction());

        ui.runUntil("the note's event is counted", () -> timeline.newCountProperty().get() == 1, 20);
        assertThat(timeline.rows()).extracting(AuditEvent::sequence).as("the rows stay where they are")
                .containsExactlyElementsOf(before);
        ui.drain();
        assertThat(byFinance.newCountProperty().get()).as("ops's note is not finance's doing").isZero();

        timeline.showNew();
        assertThat(timeline.newCountProperty().get()).isZero();
        assertThat(timeline.rows().get(0).actor()).isEqualTo("ops");
        assertThat(timeline.rows().get(0).entityId()).isEqualTo(failure.id());
        assertThat(timeline.rows()).hasSize(before.size() + 1);
    }
}
