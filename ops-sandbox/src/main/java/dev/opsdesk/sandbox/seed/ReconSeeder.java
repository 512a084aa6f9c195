package dev.opsdesk.sandbox.seed;

import dev.opsdesk.sandbox.auth.RoleName;
import dev.opsdesk.sandbox.auth.Scopes;
import dev.opsdesk.sandbox.reconciliation.NewRun;
import dev.opsdesk.sandbox.reconciliation.Provider;
import dev.opsdesk.sandbox.reconciliation.ReconService;
import dev.opsdesk.sandbox.reconciliation.ReconViews;
import dev.opsdesk.sandbox.reconciliation.SettlementFiles;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A few settlement runs so that the reconciliation section has something to show on first start, produced the way a
 * person would: the sandbox's own settlement report (lines and file), matched, worked on and moved through the four
 * eyes. R-000001 approved (prepared by a finance colleague, approved by {@code approver}), R-000002 submitted by
 * {@code finance} and waiting for the approver, R-000003 in review with open exceptions.
 */
public final class ReconSeeder {

    private ReconSeeder() {
    }

    public static int seed(DSLContext dsl, Clock clock, List<Seeder.SeedUser> users) {
        ReconService service = new ReconService(dsl, clock);
        SettlementFiles files = new SettlementFiles(dsl);
        Seeder.SeedUser colleague = users.stream().filter(u -> !u.demo() && u.role() == RoleName.FINANCE).findFirst()
                .orElse(users.stream().filter(u -> u.role() == RoleName.FINANCE).findFirst().orElseThrow());
        Scopes preparer = scopes(colleague);
        Scopes finance = scopes(users.stream().filter(u -> u.demo() && u.role() == RoleName.FINANCE).findFirst()
                .orElseThrow());
        Scopes approver = scopes(users.stream().filter(u -> u.demo() && u.role() == RoleName.APPROVER).findFirst()
                .orElseThrow());

        ReconViews.Run approved = run(service, files, preparer, Provider.STRIPE, clock, 1);
        resolveAll(service, preparer, approved.id());
        ReconViews.Run submitted = service.transition(preparer, approved.id(), "SUBMIT", null,
                service.get(preparer, approved.id()).version());
        service.transition(approver, approved.id(), "APPROVE", "Checked against the bank statement.",
                submitted.version());

        ReconViews.Run waiting = run(service, files, finance, Provider.ADYEN, clock, 1);
        resolveAll(service, finance, waiting.id());
        service.transition(finance, waiting.id(), "SUBMIT", null, service.get(finance, waiting.id()).version());

        run(service, files, finance, Provider.PAYPAL, clock, 1);
        return 3;
    }

    /** A run of {@code provider}'s report for the capture day {@code daysAgo} before today, matched. */
    private static ReconViews.Run run(ReconService service, SettlementFiles files, Scopes who, Provider provider,
                                      Clock clock, int daysAgo) {
        LocalDate captureDay = LocalDate.ofInstant(clock.instant(), provider.zone()).minusDays(daysAgo);
        SettlementFiles.Report report = files.generate(provider, captureDay.plusDays(provider.settlementDelayDays()),
                SettlementFiles.CSV);
        ReconViews.Run run = service.create(who, new NewRun(provider, captureDay, captureDay,
                provider.name().toLowerCase(java.util.Locale.ROOT), report.fileName(), sha256(report.content()),
                report.content().length, report.lines().size(), false, 0, 3));
        if (!report.lines().isEmpty()) {
            service.uploadLines(who, run.id(), 0, report.lines());
        }
        service.uploadFile(who, run.id(), 0, report.content());
        return service.match(who, run.id(), null, null);
    }

    private static void resolveAll(ReconService service, Scopes who, String runId) {
        List<String> open = service.dsl().select(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION.ID)
                .from(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION)
                .where(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION.RUN_ID.eq(runId))
                .and(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION.STATUS.eq("OPEN"))
                .fetch(dev.opsdesk.sandbox.db.Tables.RECON_EXCEPTION.ID);
        for (int i = 0; i < open.size(); i += 500) {
            service.bulkResolve(who, runId, open.subList(i, Math.min(open.size(), i + 500)), "CLAIMED_WITH_PROVIDER",
                    "Raised with the provider's support; they confirmed the figures.");
        }
    }

    private static Scopes scopes(Seeder.SeedUser u) {
        return Scopes.ofRoles(u.username(), List.of(u.role()), u.warehouses());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ZoneId utc() {
        return ZoneId.of("UTC");
    }
}
