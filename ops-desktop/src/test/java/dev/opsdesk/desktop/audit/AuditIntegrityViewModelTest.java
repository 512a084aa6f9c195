package dev.opsdesk.desktop.audit;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.audit.ChainVerifier;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.opsdesk.desktop.audit.AuditIntegrityViewModel.State.BROKEN;
import static dev.opsdesk.desktop.audit.AuditIntegrityViewModel.State.CANCELLED;
import static dev.opsdesk.desktop.audit.AuditIntegrityViewModel.State.NOT_VERIFIED;
import static dev.opsdesk.desktop.audit.AuditIntegrityViewModel.State.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verify integrity and the checkpoint memory against a sandbox of their own — these tests tamper with
 * its database the way an attacker with database access would (and put it back), which the shared
 * sandbox of the other tests must never see.
 */
class AuditIntegrityViewModelTest {

    private static SandboxServer sandbox;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path settings;

    @BeforeAll
    static void startOwnSandbox() {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stopOwnSandbox() {
        sandbox.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private AuditIntegrityViewModel integrity(String username, AuditCheckpoints checkpoints) {
        return integrity(username, checkpoints, BackgroundTasks.inline());
    }

    private AuditIntegrityViewModel integrity(String username, AuditCheckpoints checkpoints, BackgroundTasks tasks) {
        OpsClient client = AuditFixtures.signIn(sandbox, username);
        toClose.add(client);
        return new AuditIntegrityViewModel(client.audit(), client.me(), tasks, ErrorMessages.systemDefault(),
                sandbox.baseUri(), Clock.systemUTC(), ZoneId.of("Europe/Berlin"), checkpoints);
    }

    private static long head() {
        return sandbox.dsl().fetchOne("SELECT MAX(sequence) FROM audit_event").get(0, Long.class);
    }

    private static String column(String column, long sequence) {
        return sandbox.dsl().fetchOne("SELECT " + column + " FROM audit_event WHERE sequence = ?", sequence)
                .get(0, String.class);
    }

    private static void set(String column, long sequence, String value) {
        sandbox.dsl().execute("UPDATE audit_event SET " + column + " = ? WHERE sequence = ?", value, sequence);
    }

    @Test
    void verifyingEverythingSaysSoInWordsAndKeepsTheCheckpointForThisServer() throws Exception {
        AuditCheckpoints store = AuditCheckpoints.inFolder(settings);
        AuditIntegrityViewModel vm = integrity("auditor", store);
        assertThat(vm.mayVerify()).isTrue();
        assertThat(vm.stateProperty().get()).isEqualTo(NOT_VERIFIED);

        vm.verifyAll();

        long n = vm.resultProperty().get().verifiedUpTo();
        assertThat(n).isGreaterThanOrEqualTo(head() - 1); // signing in appends as we go
        assertThat(vm.stateProperty().get()).isEqualTo(VERIFIED);
        assertThat(vm.textProperty().get()).isEqualTo("Verified #1 to #" + String.format("%,d", n) + " ("
                + String.format("%,d", n) + " events): nothing was changed, removed or reordered.");
        assertThat(vm.noteProperty().get()).startsWith("Checkpoint #" + String.format("%,d", n) + " is kept");
        AuditCheckpoints.Kept kept = AuditCheckpoints.inFolder(settings).load(sandbox.baseUri()).orElseThrow();
        assertThat(kept.sequence()).isEqualTo(n);
        assertThat(kept.hash()).isEqualTo(column("hash", n));
        assertThat(kept.verifiedBy()).isEqualTo("auditor");
        assertThat(vm.keptProperty().get()).isEqualTo(kept);
        assertThat(vm.warningProperty().get()).isNull();

        // Next time the section opens: the kept checkpoint is intact, and the new events are counted.
        AuditIntegrityViewModel later = integrity("admin", store);
        later.checkKept();
        assertThat(later.warningProperty().get()).isNull();
        assertThat(later.newSinceKeptProperty().get()).isPositive();
        assertThat(later.textProperty().get()).startsWith("Checkpoint #" + String.format("%,d", n) + ", verified ")
                .contains(" by auditor, is intact; ")
                .containsPattern(" (event was|events were) added since\\. Verify to check (it|them)\\.$");

        later.verifyNew();
        assertThat(later.stateProperty().get()).isEqualTo(VERIFIED);
        assertThat(later.textProperty().get()).startsWith("Verified #" + String.format("%,d", n + 1) + " to #");
        assertThat(store.load(sandbox.baseUri()).orElseThrow().sequence()).as("the checkpoint moved on")
                .isGreaterThan(n);
    }

    @Test
    void aChangedEventIsReportedWhereTheChainBreaksAndWhatThatMeans() throws Exception {
        long k = 100;
        String original = column("details", k);
        set("details", k, "{\"after\":{\"status\":\"RESOLVED\"},\"before\":{\"status\":\"OPEN\"}}");
        try {
            AuditCheckpoints store = AuditCheckpoints.inMemory();
            AuditIntegrityViewModel vm = integrity("auditor", store);
            vm.verifyAll();

            assertThat(vm.stateProperty().get()).isEqualTo(BROKEN);
            assertThat(vm.brokenAtProperty().get()).isEqualTo(k);
            assertThat(vm.resultProperty().get().kind()).isEqualTo(ChainVerifier.Break.CHANGED);
            assertThat(vm.textProperty().get()).isEqualTo("Broken at #100: Event #100 was changed after it was recorded:"
                    + " its content no longer matches its hash.");
            assertThat(vm.noteProperty().get()).isEqualTo("Changed: an event's content was altered after it was "
                    + "recorded. The 99 events before it (#1 to #99) are intact.");
            assertThat(store.load(sandbox.baseUri())).as("a broken chain keeps no checkpoint").isEmpty();
        } finally {
            set("details", k, original);
        }
    }

    @Test
    void aDeletedEventIsReportedMissing() {
        long k = 250;
        sandbox.dsl().execute("CREATE TABLE audit_deleted AS SELECT * FROM audit_event WHERE sequence = ?", k);
        sandbox.dsl().execute("DELETE FROM audit_event WHERE sequence = ?", k);
        try {
            AuditIntegrityViewModel vm = integrity("auditor", AuditCheckpoints.inMemory());
            vm.verify(200, 300L);

            assertThat(vm.stateProperty().get()).isEqualTo(BROKEN);
            assertThat(vm.resultProperty().get().kind()).isEqualTo(ChainVerifier.Break.MISSING);
            assertThat(vm.textProperty().get()).startsWith("Broken at #250: Event #250 is missing");
            assertThat(vm.noteProperty().get()).startsWith("Missing: an event was deleted from the trail.");
        } finally {
            sandbox.dsl().execute("INSERT INTO audit_event SELECT * FROM audit_deleted");
            sandbox.dsl().execute("DROP TABLE audit_deleted");
        }
    }

    @Test
    void aHistoryRewrittenUpToTheKeptCheckpointIsARedWarningOnOpeningAndBeforeVerifying() throws Exception {
        AuditCheckpoints store = AuditCheckpoints.inFolder(settings);
        AuditIntegrityViewModel first = integrity("auditor", store);
        first.verify(1, 500L);
        assertThat(store.load(sandbox.baseUri()).orElseThrow().sequence()).isEqualTo(500);

        // Someone with database access changes event #400 and re-computes every hash after it: the chain is
        // consistent again, but event #500 no longer has the hash verified earlier.
        String original = column("hash", 500);
        set("hash", 500, "f".repeat(64));
        try {
            AuditIntegrityViewModel opened = integrity("auditor", store);
            opened.checkKept();
            assertThat(opened.warningProperty().get()).startsWith("Rewritten history: Event #500 no longer has the hash"
                    + " verified earlier: the history up to it was rewritten. Checkpoint #500 was verified ")
                    .contains(" by auditor.");
            assertThat(opened.newSinceKeptProperty().get()).isNull();
            assertThat(opened.stateProperty().get()).as("red, not merely unverified").isEqualTo(BROKEN);
            assertThat(opened.textProperty().get()).startsWith("Not trustworthy: the trail no longer contains "
                    + "checkpoint #500");

            opened.verify(1, 400L); // a check that does not reach the rewritten part still warns
            assertThat(opened.stateProperty().get()).isEqualTo(BROKEN);
            assertThat(opened.textProperty().get()).contains("is consistent, but it is not the history verified "
                    + "earlier");
            assertThat(opened.warningProperty().get()).startsWith("Rewritten history:");
            assertThat(store.load(sandbox.baseUri()).orElseThrow().hash()).as("the old checkpoint is kept")
                    .isEqualTo(original);

            opened.forgetKept();
            assertThat(opened.warningProperty().get()).isNull();
            assertThat(store.load(sandbox.baseUri())).isEmpty();
        } finally {
            set("hash", 500, original);
        }
    }

    @Test
    void aRangeKeepsACheckpointOnlyWhenItJoinsUpWithTheFirstEvent() throws Exception {
        AuditCheckpoints store = AuditCheckpoints.inMemory();
        AuditIntegrityViewModel vm = integrity("admin", store);

        vm.rangeFromProperty().set("#50");
        vm.rangeToProperty().set("1,000");
        assertThat(vm.verifyRange()).isTrue();
        assertThat(vm.textProperty().get()).isEqualTo("Verified #50 to #1,000 (951 events): nothing was changed, "
                + "removed or reordered.");
        assertThat(vm.noteProperty().get()).startsWith("A range check: no checkpoint is kept");
        assertThat(store.load(sandbox.baseUri())).isEmpty();

        vm.rangeFromProperty().set("");
        vm.rangeToProperty().set("80");
        vm.verifyRange();
        assertThat(store.load(sandbox.baseUri()).orElseThrow().sequence()).isEqualTo(80);
        vm.rangeFromProperty().set("81");
        vm.rangeToProperty().set("120");
        vm.verifyRange();
        assertThat(store.load(sandbox.baseUri()).orElseThrow().sequence()).as("continues the kept one").isEqualTo(120);

        vm.rangeFromProperty().set("20");
        vm.rangeToProperty().set("10");
        assertThat(vm.verifyRange()).isFalse();
        assertThat(vm.rangeErrorProperty().get()).isEqualTo("“To” (#10) comes before “From” (#20).");
        vm.rangeToProperty().set("ten");
        assertThat(vm.verifyRange()).isFalse();
        assertThat(vm.rangeErrorProperty().get()).startsWith("“To” must be an event number");
    }

    @Test
    void cancellingStopsTheVerificationWithoutAConclusion() throws Exception {
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
        AuditCheckpoints store = AuditCheckpoints.inMemory();
        AuditIntegrityViewModel vm = integrity("auditor", store, held);
        vm.runningProperty().addListener((obs, old, now) -> {
            if (!now) {
                done.countDown();
            }
        });

        vm.verifyAll();
        assertThat(vm.stateProperty().get()).isEqualTo(AuditIntegrityViewModel.State.CHECKING);
        assertThat(vm.textProperty().get()).startsWith("Verifying the audit trail…");
        vm.cancel();
        go.countDown();

        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(vm.stateProperty().get()).isEqualTo(CANCELLED);
        assertThat(vm.textProperty().get()).startsWith("Verification cancelled before it finished — nothing was "
                + "concluded.");
        assertThat(store.load(sandbox.baseUri())).isEmpty();
    }
}
