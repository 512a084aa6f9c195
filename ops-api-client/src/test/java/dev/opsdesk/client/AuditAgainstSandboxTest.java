package dev.opsdesk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdesk.client.audit.ChainVerifier;
import dev.opsdesk.client.audit.TrailCheck;
import dev.opsdesk.client.model.AuditCheckpoint;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client reads the audit trail and verifies its hash chain, with its own implementation of the canonical form,
 * against the real sandbox; tampering done under the API (in the database) is caught and named.
 */
class AuditAgainstSandboxTest {

    private SandboxServer sandbox;
    private OpsClient auditor;

    @BeforeEach
    void start() {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0).withSeed(9));
        auditor = OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).build());
        auditor.sessions().signIn("auditor", "sandbox".toCharArray());
    }

    @AfterEach
    void stop() {
        auditor.close();
        sandbox.close();
    }

    private TrailCheck check() {
        return new TrailCheck(auditor.audit());
    }

    /** Runs SQL on the sandbox's database, as someone with access to the server's disk could. */
    private void tamper(String sql, Object... bindings) {
        sandbox.dsl().execute(sql, bindings);
    }

    @Test
    void theWholeSeededTrailVerifies() {
        AuditCheckpoint checkpoint = auditor.audit().checkpoint();
        List<long[]> progress = new ArrayList<>();
        ChainVerifier.Result result = check().verify(1, null, (n, seq) -> progress.add(new long[] {n, seq}), null);
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.verifiedUpTo()).isGreaterThanOrEqualTo(checkpoint.sequence());
        assertThat(result.lastHash()).isNotNull();
        assertThat(progress).isNotEmpty();
        assertThat(result.message()).startsWith("Verified #1 to #");
        // A range in the middle verifies too, anchored on the event before it.
        assertThat(check().verify(100, 400L, null, null)).satisfies(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.checked()).isEqualTo(301);
        });
    }

    @Test
    void aTrailWithASignInMadeWhileTheSandboxWasStillSeedingVerifies() {
        // The desktop's built-in sandbox: sign-in is served before the demo data (and its history) is seeded.
        try (SandboxServer early = SandboxServer.startEarly(SandboxOptions.defaults().withPort(0).withSeed(10));
             OpsClient client = OpsClient.create(OpsClientConfig.builder(early.baseUri()).build())) {
            client.sessions().signIn("auditor", "sandbox".toCharArray());
            ChainVerifier.Result result = new TrailCheck(client.audit()).verify(1, null, null, null);
            assertThat(result.ok()).as(result.message()).isTrue();
            assertThat(early.isSeeded()).isTrue();
            String newest = early.dsl().resultQuery("SELECT action FROM audit_event ORDER BY sequence DESC LIMIT 1")
                    .fetchSingle(0, String.class);
            assertThat(newest).as("the sign-in follows the seeded history").isEqualTo("session.signed_in");
        }
    }

    @Test
    void anEditedEventIsNamedAsChanged() {
        tamper("UPDATE audit_event SET details = REPLACE(details, 'Captured', 'Voided') WHERE sequence = ("
                + "SELECT MIN(sequence) FROM audit_event WHERE details LIKE '%Captured%')");
        long edited = sandbox.dsl().resultQuery("SELECT MIN(sequence) FROM audit_event WHERE details LIKE"
                + " '%Voided%'").fetchSingle(0, Long.class);
        ChainVerifier.Result result = check().verify(1, null, null, null);
        assertThat(result.ok()).isFalse();
        assertThat(result.kind()).isEqualTo(ChainVerifier.Break.CHANGED);
        assertThat(result.brokenAt()).isEqualTo(edited);
        assertThat(result.verifiedUpTo()).isEqualTo(edited - 1);
        assertThat(result.message()).contains("#" + edited).contains("changed");
    }

    @Test
    void aDeletedEventIsNamedAsMissing() {
        tamper("DELETE FROM audit_event WHERE sequence = 250");
        ChainVerifier.Result result = check().verify(1, null, null, null);
        assertThat(result.kind()).isEqualTo(ChainVerifier.Break.MISSING);
        assertThat(result.brokenAt()).isEqualTo(250L);
        assertThat(result.message()).contains("#250 is missing");
    }

    @Test
    void twoSwappedEventsAreNamedAsReordered() {
        tamper("UPDATE audit_event SET sequence = -1 WHERE sequence = 300");
        tamper("UPDATE audit_event SET sequence = 300 WHERE sequence = 301");
        tamper("UPDATE audit_event SET sequence = 301 WHERE sequence = -1");
        ChainVerifier.Result result = check().verify(1, null, null, null);
        assertThat(result.kind()).isEqualTo(ChainVerifier.Break.REORDERED);
        assertThat(result.brokenAt()).isEqualTo(300L);
        assertThat(result.message()).contains("recorded as #301");
    }

    @Test
    void aRewrittenEventWithARecomputedHashIsStillCaughtByTheNextLink() {
        // A careful forger edits #120 and recomputes its hash; #121 still links to the original.
        tamper("UPDATE audit_event SET hash = ? WHERE sequence = 120", "f".repeat(64));
        ChainVerifier.Result result = check().verify(1, 200L, null, null);
        assertThat(result.ok()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(120L);
    }

    @Test
    void aCheckpointTheTrailNoLongerExtendsIsFlagged() {
        AuditCheckpoint kept = auditor.audit().checkpoint();
        // New events only extend it.
        auditor.audit().list(AuditFilter.none(), AuditService.Direction.NEWEST_FIRST, PageRequest.first(1));
        OpsClient support = OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).build());
        support.sessions().signIn("support", "sandbox".toCharArray());
        support.close();
        TrailCheck.CheckpointComparison grown = check().compare(kept.sequence(), kept.hash());
        assertThat(grown.extendsKept()).as(grown.message()).isTrue();
        assertThat(grown.current().sequence()).isGreaterThan(kept.sequence());
        // History rewritten up to the kept event: flagged.
        tamper("UPDATE audit_event SET hash = ? WHERE sequence = ?", "e".repeat(64), kept.sequence());
        TrailCheck.CheckpointComparison rewritten = check().compare(kept.sequence(), kept.hash());
        assertThat(rewritten.extendsKept()).isFalse();
        assertThat(rewritten.message()).contains("rewritten");
        // Truncated below it: flagged.
        assertThat(check().compare(kept.sequence() + 1_000_000, kept.hash()).message()).contains("removed");
    }

    @Test
    void verificationCanBeCancelled() {
        assertThatThrownBy(() -> check().verify(1, null, null, () -> true))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void anOrdersTimelineReadsNewestFirstAndSupportSeesOnlyOrderEvents() {
        String order = sandbox.dsl().select(DSL.field("order_number", String.class)).from("audit_event")
                .where("action = 'payment.captured'").limit(1).fetchSingle(0, String.class);
        Page<AuditEvent> timeline = auditor.audit().list(AuditFilter.entity("order", order),
                AuditService.Direction.NEWEST_FIRST, PageRequest.first(50));
        assertThat(timeline.items()).isNotEmpty().allSatisfy(e -> assertThat(e.orderNumber()).isEqualTo(order));
        assertThat(timeline.items().get(timeline.items().size() - 1).action()).isEqualTo("order.created");
        assertThat(timeline.items().stream().map(AuditEvent::action)).contains("payment.captured");
        try (OpsClient support = OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).build())) {
            support.sessions().signIn("support", "sandbox".toCharArray());
            for (AuditEvent e : support.audit().list(AuditFilter.none(), AuditService.Direction.NEWEST_FIRST,
                    PageRequest.first(200)).items()) {
                assertThat(e.orderNumber()).as("support reads order events only: %s", e).isNotNull();
            }
            assertThatThrownBy(() -> support.audit().exportPage(AuditFilter.none(),
                    AuditService.Direction.NEWEST_FIRST, PageRequest.first(10)))
                    .isInstanceOf(ForbiddenException.class);
        }
    }
}
