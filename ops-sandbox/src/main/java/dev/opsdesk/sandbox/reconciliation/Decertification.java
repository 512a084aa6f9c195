package dev.opsdesk.sandbox.reconciliation;

import static dev.opsdesk.sandbox.db.Tables.RECON_RUN;

import dev.opsdesk.sandbox.audit.AuditEntry;
import dev.opsdesk.sandbox.db.tables.records.ReconRunRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * When the facts under an approved run change — a capture, a refund or a correction lands on a payment of its
 * provider whose day falls in its period — the run is no longer what its approver signed: it becomes
 * {@code DECERTIFIED}, with the reason in words, in the same transaction as the payment's change. Cheap: one index
 * read of the provider's approved runs.
 */
public final class Decertification {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Decertification() {
    }

    /**
     * A payment changed inside {@code tx}. {@code what} says how ("Refund", "Capture", "Correction"); the audit
     * entries of the decertified runs are added to {@code audit}, for the caller to append as its last write.
     *
     * @param days the instants that place the payment in a period (its creation, capture, refund)
     */
    public static void paymentChanged(DSLContext tx, String provider, String reference, String orderNumber,
                                      long amountMinor, String currency, String what, Instant at,
                                      List<Instant> days, String actor, List<AuditEntry> audit) {
        Provider p = Provider.fromDb(provider).orElse(null);
        if (p == null) {
            return;
        }
        Set<LocalDate> dates = new LinkedHashSet<>();
        for (Instant i : days) {
            if (i != null) {
                dates.add(LocalDate.ofInstant(i, p.zone()));
            }
        }
        if (dates.isEmpty()) {
            return;
        }
        Condition inPeriod = null;
        for (LocalDate d : dates) {
            Condition c = RECON_RUN.PERIOD_FROM.le(d).and(RECON_RUN.PERIOD_TO.ge(d));
            inPeriod = inPeriod == null ? c : inPeriod.or(c);
        }
        List<ReconRunRecord> runs = new ArrayList<>(tx.selectFrom(RECON_RUN).where(RECON_RUN.STATE.eq("APPROVED"))
                .and(RECON_RUN.PROVIDER.eq(p.name())).and(inPeriod).forUpdate().fetch());
        if (runs.isEmpty()) {
            return;
        }
        String reason = what + " of " + Money.format(amountMinor, currency) + " on " + orderNumber + " (" + reference
                + ") at " + WHEN.format(at) + ", after approval";
        for (ReconRunRecord run : runs) {
            tx.update(RECON_RUN).set(RECON_RUN.STATE, "DECERTIFIED").set(RECON_RUN.DECERTIFIED_AT, ReconRuns.utc(at))
                    .set(RECON_RUN.DECERTIFIED_REASON, reason).set(RECON_RUN.UPDATED_AT, ReconRuns.utc(at))
                    .set(RECON_RUN.VERSION, run.getVersion() + 1).where(RECON_RUN.ID.eq(run.getId())).execute();
            ReconRuns.transition(tx, run.getId(), at, actor, "DECERTIFY", "APPROVED", "DECERTIFIED", reason);
            audit.add(AuditEntry.by(at, actor, "recon.decertified", ReconService.ENTITY, run.getId())
                    .with("reason", reason).with("paymentReference", reference)
                    .with("approver", run.getApprover())
                    .change(AuditEntry.values("state", "APPROVED"), AuditEntry.values("state", "DECERTIFIED")));
        }
    }
}
