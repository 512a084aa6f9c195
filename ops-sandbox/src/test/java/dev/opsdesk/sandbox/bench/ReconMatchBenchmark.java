package dev.opsdesk.sandbox.bench;

import static dev.opsdesk.sandbox.db.Tables.PAYMENT;

import dev.opsdesk.sandbox.SandboxOptions;
import dev.opsdesk.sandbox.SandboxServer;
import dev.opsdesk.sandbox.Scale;
import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.reconciliation.NewRun;
import dev.opsdesk.sandbox.reconciliation.Provider;
import dev.opsdesk.sandbox.reconciliation.ReconService;
import dev.opsdesk.sandbox.reconciliation.ReconViews;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Matching at scale: on the large seed, runs of 100,000 and 1,000,000 synthetic Stripe lines that reference the seed's
 * payments (captures, partial captures, refunds) plus noise (unknown references, amounts off), timed from the match
 * request to its commit (lines read, payments loaded, matched in memory, matches and exceptions written in batches).
 * Not a test: run it by hand (see src-docs/benchmarks.md). {@code -Dbench.dataDir=DIR} keeps the seeded database.
 */
public final class ReconMatchBenchmark {

    private ReconMatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        SandboxOptions options = SandboxOptions.defaults().withPort(0).withScale(Scale.LARGE);
        String dataDir = System.getProperty("bench.dataDir");
        if (dataDir != null) {
            options = options.withDataDir(Path.of(dataDir));
        }
        try (SandboxServer sandbox = SandboxServer.start(options)) {
            System.out.printf("Started (large seed) in %.1f s%n", (System.nanoTime() - started) / 1e9);
            var payments = sandbox.dsl().selectFrom(PAYMENT).where(PAYMENT.PROVIDER.eq("stripe"))
                    .and(PAYMENT.CAPTURED_AT.isNotNull()).orderBy(PAYMENT.CAPTURED_AT).fetch();
            System.out.printf("%,d captured Stripe payments in the seed%n", payments.size());
            LocalDate from = LocalDate.ofInstant(payments.get(0).getCapturedAt().toInstant(), ZoneOffset.UTC);
            LocalDate to = LocalDate.ofInstant(payments.get(payments.size() - 1).getCapturedAt().toInstant(),
                    ZoneOffset.UTC);
            ReconService service = new ReconService(sandbox.dsl(), sandbox.options().clock());
            Scopes finance = Scopes.ofRoles("finance", List.of(RoleName.FINANCE), List.of());
            // -Dbench.sizes=100000 times one size only (e.g. under a profiler).
            int[] sizes = java.util.Arrays.stream(System.getProperty("bench.sizes", "100000,1000000").split(","))
                    .mapToInt(Integer::parseInt).toArray();
            for (int size : sizes) {
                Random random = new Random(size);
                List<ReconViews.SettlementLine> lines = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    var p = payments.get(i % payments.size());
                    int dice = random.nextInt(100);
                    String ref = dice < 3 ? "pi_noise" + i : p.getReference();
                    long gross = dice < 5 ? p.getAmountMinor() + 1 : p.getAmountMinor();
                    long fee = Provider.STRIPE.schedule(p.getCurrency()).map(s -> s.feeFor(gross)).orElse(0L);
                    Instant booked = p.getCapturedAt().toInstant();
                    lines.add(new ReconViews.SettlementLine(i + 2, "CAPTURE", ref, p.getOrderNumber(), "po_bench",
                            p.getCurrency(), gross, fee, gross - fee, booked, null, "bench line " + i));
                }
                String sha = String.format("%064x", (long) size);
                ReconViews.Run run = service.create(finance, new NewRun(Provider.STRIPE, from, to, "stripe",
                        "bench-" + size + ".csv", sha, 1, size, true, 0, 3));
                long loading = System.nanoTime();
                sandbox.dsl().transaction(c -> ReconService.insertLines(c.dsl(), run.id(), 0, lines));
                sandbox.dsl().execute("UPDATE recon_run SET uploaded_lines = line_count, lines_audited = TRUE,"
                        + " file_complete = TRUE, file_received = file_size WHERE id = '" + run.id() + "'");
                System.out.printf("%,d lines loaded in %.1f s%n", size, (System.nanoTime() - loading) / 1e9);
                long matching = System.nanoTime();
                ReconViews.Run matched = service.match(finance, run.id(), null, null);
                double seconds = (System.nanoTime() - matching) / 1e9;
                System.out.printf("match %,d lines: %.2f s (%,d matched, %,d open exceptions, %,d unmatched payments)%n",
                        size, seconds, matched.summary().matchedLines(), matched.summary().openExceptions(),
                        matched.summary().unmatchedPayments());
                long again = System.nanoTime();
                service.match(finance, run.id(), null, null);
                System.out.printf("match %,d lines again (keeps what stands): %.2f s%n", size,
                        (System.nanoTime() - again) / 1e9);
            }
        }
    }
}
