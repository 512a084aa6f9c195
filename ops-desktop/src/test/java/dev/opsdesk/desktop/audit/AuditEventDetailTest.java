package dev.opsdesk.desktop.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.desktop.ui.Formats;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What the detail pane and the table's summary make of an event's recorded details. */
class AuditEventDetailTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Formats UTC = new Formats(java.time.ZoneId.of("UTC"));

    private static AuditEvent event(String action, String entityType, String entityId, String order, String actor,
                                    String correlation, String details) throws Exception {
        JsonNode d = JSON.readTree(details);
        return new AuditEvent(1975, Instant.parse("2026-11-21T12:24:22.243Z"), actor,
                actor.startsWith("system:") ? "SYSTEM" : "USER", action, entityType, entityId, order, null, null,
                "req-1", correlation, d, "a".repeat(64), "b".repeat(64));
    }

    @Test
    void aReplayShowsItsChangeFieldByFieldWithTheChangedRowsMarked() throws Exception {
        AuditEvent e = event("failure.replayed", "failure", "F-0000299", "ORD-100420", "support", null, """
                {"after":{"attempts":2,"status":"RESOLVED"},"before":{"attempts":1,"status":"OPEN"},
                 "effect":"CAPTURE_PAYMENT","message":null,"note":null,"outcome":"SUCCEEDED","trigger":"MANUAL"}""");

        AuditEventDetail d = AuditEventDetail.of(e, UTC);

        assertThat(d.changes()).extracting(AuditEventDetail.DiffRow::field, AuditEventDetail.DiffRow::before,
                        AuditEventDetail.DiffRow::after, AuditEventDetail.DiffRow::changed)
                .containsExactly(tuple("Attempts", "1", "2", true), tuple("Status", "Open", "Resolved", true));
        assertThat(d.details()).extracting(AuditEventDetail.DetailLine::key, AuditEventDetail.DetailLine::value)
                .containsExactly(tuple("Effect", "Capture payment"), tuple("Message", "—"), tuple("Note", "—"),
                        tuple("Outcome", "Succeeded"), tuple("Trigger", "Manual"));
        assertThat(d.summary()).isEqualTo("Succeeded — capture payment (manual)");
        assertThat(d.links()).extracting(AuditEventDetail.Link::kind, AuditEventDetail.Link::label,
                        AuditEventDetail.Link::target)
                .containsExactly(
                        tuple(AuditEventDetail.Link.Kind.ORDER, "Show order ORD-100420 timeline", "order:ORD-100420"),
                        tuple(AuditEventDetail.Link.Kind.FAILURE, "Show failure F-0000299 timeline", "failure:F-0000299"),
                        tuple(AuditEventDetail.Link.Kind.ACTOR, "Show everything by support", "support"));
        assertThat(d.facts()).extracting(AuditEventDetail.Fact::name).containsExactly("Sequence", "Time", "Actor",
                "Action", "Failure", "Order", "Request id");
        assertThat(d.facts().get(1).value()).isEqualTo("Sat 21 Nov 2026, 12:24:22 UTC");
    }

    @Test
    void unchangedFieldsStayAndNestedOnesAreFlattenedWithAmountsKeptWhole() throws Exception {
        AuditEvent e = event("order.status_changed", "order", "ORD-1", "ORD-1", "system:storefront", null, """
                {"before":{"status":"PENDING_PAYMENT","total":{"amountMinor":4490,"currency":"USD"},
                           "payment":{"state":"AUTHORIZED","provider":"adyen"}},
                 "after":{"status":"PAID","total":{"amountMinor":4490,"currency":"USD"},
                          "payment":{"state":"CAPTURED","provider":"adyen"},"paidAt":"2026-11-21T12:00:00Z"}}""");

        AuditEventDetail d = AuditEventDetail.of(e, UTC);

        assertThat(d.changes()).extracting(AuditEventDetail.DiffRow::field, AuditEventDetail.DiffRow::before,
                        AuditEventDetail.DiffRow::after, AuditEventDetail.DiffRow::changed)
                .containsExactly(
                        tuple("Status", "Pending payment", "Paid", true),
                        tuple("Total", "$44.90", "$44.90", false),
                        tuple("Payment › state", "Authorized", "Captured", true),
                        tuple("Payment › provider", "adyen", "adyen", false),
                        tuple("Paid at", "—", "2026-11-21T12:00:00Z", true));
        assertThat(d.details()).isEmpty();
        assertThat(d.summary()).isEqualTo("Status Pending payment → Paid, payment › state Authorized → Captured, "
                + "paid at — → 2026-11-21T12:00:00Z");
        assertThat(d.links()).extracting(AuditEventDetail.Link::kind)
                .containsExactly(AuditEventDetail.Link.Kind.ORDER, AuditEventDetail.Link.Kind.ACTOR);
        assertThat(d.links().get(1).label()).isEqualTo("Show everything by system: storefront");
    }

    @Test
    void anEventWithoutAChangeListsItsDetailsAndAJobLinkForItsCorrelation() throws Exception {
        AuditEvent e = event("replay_job.created", "replay_job", "J-000017", null, "ops", "J-000017", """
                {"total":25,"throttlePerSecond":5,"retryOf":null}""");

        AuditEventDetail d = AuditEventDetail.of(e, UTC);

        assertThat(d.changes()).isEmpty();
        assertThat(d.details()).extracting(AuditEventDetail.DetailLine::key)
                .containsExactly("Total", "Throttle per second", "Retry of");
        assertThat(d.summary()).isEqualTo("25 failures to replay");
        assertThat(d.links()).extracting(AuditEventDetail.Link::kind, AuditEventDetail.Link::label)
                .containsExactly(tuple(AuditEventDetail.Link.Kind.ACTOR, "Show everything by ops"),
                        tuple(AuditEventDetail.Link.Kind.CORRELATION, "Show job J-000017"));
    }

    @Test
    void paymentsSayTheirAmountAndOtherEntitiesGetAHistoryLink() throws Exception {
        AuditEvent e = event("payment.refunded", "payment", "5697301357807810", "ORD-100392", "system:webhooks", null, """
                {"after":{"state":"REFUNDED"},"amount":{"amountMinor":4490,"currency":"USD"},
                 "before":{"state":"CAPTURED"},"source":"webhook:adyen"}""");

        AuditEventDetail d = AuditEventDetail.of(e, UTC);

        assertThat(d.summary()).isEqualTo("$44.90 · State Captured → Refunded");
        assertThat(d.details()).extracting(AuditEventDetail.DetailLine::key, AuditEventDetail.DetailLine::value)
                .containsExactly(tuple("Amount", "$44.90"), tuple("Source", "webhook:adyen"));
        assertThat(d.links()).extracting(AuditEventDetail.Link::target)
                .containsExactly("order:ORD-100392", "payment:5697301357807810", "system:webhooks");
    }

    @Test
    void resolutionsAndAssignmentsReadAsSentences() throws Exception {
        AuditEvent resolved = event("failure.resolved", "failure", "F-1", "ORD-1", "support", null, """
                {"before":{"status":"OPEN"},"after":{"status":"RESOLVED","resolutionCode":"CUSTOMER_CONTACTED",
                 "resolutionNote":"Called her back"}}""");
        AuditEvent assigned = event("failure.assigned", "failure", "F-1", null, "ops", null,
                "{\"before\":{\"assignee\":null},\"after\":{\"assignee\":\"ops\"}}");
        AuditEvent unassigned = event("failure.unassigned", "failure", "F-1", null, "ops", null,
                "{\"before\":{\"assignee\":\"ops\"},\"after\":{\"assignee\":null}}");

        assertThat(AuditTexts.summary(resolved)).isEqualTo("OPEN → RESOLVED · Customer contacted · “Called her back”");
        assertThat(AuditTexts.summary(assigned)).isEqualTo("Assigned to ops");
        assertThat(AuditTexts.summary(unassigned)).isEqualTo("Unassigned (was ops)");
        assertThat(AuditEventDetail.of(resolved, UTC).changes()).extracting(AuditEventDetail.DiffRow::field,
                        AuditEventDetail.DiffRow::before, AuditEventDetail.DiffRow::after)
                .as("codes read as words in the diff").containsExactly(tuple("Status", "Open", "Resolved"),
                        tuple("Resolution code", "—", "Customer contacted"),
                        tuple("Resolution note", "—", "Called her back"));
    }

    @Test
    void anExportSaysWhatWasExported() throws Exception {
        AuditEvent all = event("audit.exported", "audit", "trail", null, "auditor", null, "{\"filter\":{}}");
        AuditEvent some = event("audit.exported", "audit", "trail", null, "auditor", null,
                "{\"filter\":{\"entity\":\"order:ORD-1\",\"direction\":\"desc\"}}");

        assertThat(AuditTexts.summary(all)).isEqualTo("Exported the whole trail");
        assertThat(AuditTexts.summary(some)).isEqualTo("Exported with entity=order:ORD-1, direction=desc");
        assertThat(AuditEventDetail.of(all, UTC).links()).extracting(AuditEventDetail.Link::kind)
                .containsExactly(AuditEventDetail.Link.Kind.ACTOR);
    }
}
