package dev.opsdesk.client;

import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The typed reconciliation service against the real sandbox: an upload that stops halfway resumes and stores each line
 * once; the same file again is refused naming the run that has it; four eyes reach the client as typed problems.
 */
class ReconciliationAgainstSandboxTest {

    private static SandboxServer sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static OpsClient signedIn(String username) {
        OpsClient client = OpsClient.create(OpsClientConfig.builder(sandbox.baseUri()).build());
        client.sessions().signIn(username, "sandbox".toCharArray());
        return client;
    }

    /** A file of {@code n} captures nobody's payment (each line its own text), and its lines. */
    private record Fixture(Path file, List<Settlement.Line> lines, String sha256) {
    }

    private Fixture fixture(String name, int n) throws Exception {
        StringBuilder text = new StringBuilder("reference,amount\n");
        List<Settlement.Line> lines = new ArrayList<>();
        Instant at = Instant.parse("2026-11-02T10:00:00Z");
        for (int i = 0; i < n; i++) {
            String raw = "TEST-" + name + "-" + i + "," + (100 + i);
            text.append(raw).append('\n');
            lines.add(new Settlement.Line(i + 2, Settlement.LineKind.CAPTURE, "TEST-" + name + "-" + i, null, null,
                    "EUR", 100 + i, 0, 100 + i, at, null, raw));
        }
        Path file = dir.resolve(name + ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        return new Fixture(file, lines, sha);
    }

    private static Reconciliation.NewRun declare(Fixture f, boolean again) throws Exception {
        return new Reconciliation.NewRun(Settlement.Provider.ADYEN, LocalDate.parse("2026-11-02"),
                LocalDate.parse("2026-11-02"), "adyen", f.file().getFileName().toString(), f.sha256(),
                Files.size(f.file()), f.lines().size(), again, null, null);
    }

    @Test
    void anUploadThatStopsHalfwayResumesAndStoresEachLineOnce() throws Exception {
        Fixture f = fixture("resume", 12_000);
        try (OpsClient finance = signedIn("finance")) {
            Reconciliation.Run run = finance.reconciliation().create(declare(f, false), RequestOptions.newAction());
            AtomicInteger batches = new AtomicInteger();
            Reconciliation.UploadProgress first = finance.reconciliation().upload(run.id(), f.lines(), f.file(),
                    (done, total) -> batches.incrementAndGet(), () -> batches.get() >= 1);
            assertThat(first.complete()).isFalse();
            assertThat(first.uploadedLines()).isEqualTo(ReconciliationService.batchEnd(f.lines(), 0)).isPositive()
                    .isLessThan(12_000);

            Reconciliation.UploadProgress rest = finance.reconciliation().upload(run.id(), f.lines(), f.file(),
                    (done, total) -> { }, () -> false);
            assertThat(rest.complete()).isTrue();
            assertThat(rest.uploadedLines()).isEqualTo(12_000);
            // Sending it all again is harmless.
            assertThat(finance.reconciliation().upload(run.id(), f.lines(), f.file(), (d, t) -> { }, () -> false)
                    .uploadedLines()).isEqualTo(12_000);

            Set<Integer> seen = new HashSet<>();
            int stored = 0;
            for (var page = finance.reconciliation().lines(run.id(), null, null, PageRequest.first(500)); ;
                 page = finance.reconciliation().lines(run.id(), null, null, new PageRequest(500, page.nextCursor()))) {
                for (Reconciliation.RunLine l : page.items()) {
                    stored++;
                    seen.add(l.line().lineNumber());
                }
                if (!page.hasNext()) {
                    break;
                }
            }
            assertThat(stored).isEqualTo(12_000);
            assertThat(seen).hasSize(12_000);

            ByteArrayOutput copy = new ByteArrayOutput();
            assertThat(finance.reconciliation().downloadFile(run.id(), copy.stream)).isEqualTo("resume.csv");
            assertThat(copy.stream.toByteArray()).isEqualTo(Files.readAllBytes(f.file()));
        }
    }

    @Test
    void theSameFileAgainIsRefusedNamingTheRunThatHasItUnlessOnPurpose() throws Exception {
        Fixture f = fixture("twice", 3);
        try (OpsClient finance = signedIn("finance")) {
            Reconciliation.Run first = finance.reconciliation().create(declare(f, false), RequestOptions.newAction());
            assertThatThrownBy(() -> finance.reconciliation().create(declare(f, false), RequestOptions.newAction()))
                    .isInstanceOfSatisfying(ConflictException.class, e -> {
                        assertThat(e.problemKind()).isEqualTo("duplicate-file");
                        assertThat(e.problem().runId()).isEqualTo(first.id());
                    });
            Reconciliation.Run second = finance.reconciliation().create(declare(f, true), RequestOptions.newAction());
            assertThat(second.id()).isNotEqualTo(first.id());
        }
    }

    @Test
    void thePreparerIsToldWhyTheyCannotApprove() throws Exception {
        Fixture f = fixture("foureyes", 2);
        try (OpsClient admin = signedIn("admin")) {
            Reconciliation.Run run = admin.reconciliation().create(declare(f, false), RequestOptions.newAction());
            admin.reconciliation().upload(run.id(), f.lines(), f.file(), (d, t) -> { }, () -> false);
            run = admin.reconciliation().match(run.id(), RequestOptions.newAction());
            assertThat(run.state()).isEqualTo(Reconciliation.State.IN_REVIEW);
            assertThat(run.permit(Reconciliation.Action.APPROVE).allowed()).isFalse();
            for (Reconciliation.ExceptionItem x : admin.reconciliation().exceptions(run.id(), null,
                    Reconciliation.ExceptionStatus.OPEN, null, PageRequest.first(100)).items()) {
                admin.reconciliation().resolve(run.id(), x.id(), Reconciliation.ResolutionCode.NOT_AN_ERROR,
                        "test lines", null, x.version(), RequestOptions.newAction());
            }
            run = admin.reconciliation().run(run.id());
            run = admin.reconciliation().transition(run.id(), Reconciliation.Transition.SUBMIT, null, run.version(),
                    RequestOptions.newAction());
            assertThat(run.state()).isEqualTo(Reconciliation.State.SUBMITTED);
            assertThat(run.permit(Reconciliation.Action.APPROVE).reason()).contains("someone else");
            long version = run.version();
            String id = run.id();
            assertThatThrownBy(() -> admin.reconciliation().transition(id, Reconciliation.Transition.APPROVE, null,
                    version, RequestOptions.newAction()))
                    .isInstanceOfSatisfying(ForbiddenException.class,
                            e -> assertThat(e.problemKind()).isEqualTo("four-eyes"));
            try (OpsClient approver = signedIn("approver")) {
                Reconciliation.Run approved = approver.reconciliation().transition(id,
                        Reconciliation.Transition.APPROVE, null, version, RequestOptions.newAction());
                assertThat(approved.state()).isEqualTo(Reconciliation.State.APPROVED);
                assertThat(approved.locked()).isTrue();
                assertThat(approved.approver()).isEqualTo("approver");
            }
        }
    }

    private static final class ByteArrayOutput {
        final java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
    }
}
