package dev.opsdesk.desktop.export.cli;

import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.desktop.Main;
import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.FilterFlags;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line is checked before anything touches a server or a file. */
class ExportArgumentsTest {

    private static ExportArguments parse(String... args) throws Exception {
        return ExportArguments.parse(args, Main.exportDatasets());
    }

    private static FailureFilter failureFilter(ExportArguments a) {
        return (FailureFilter) a.filter();
    }

    @Test
    void readsEveryOption() throws Exception {
        ExportArguments a = parse("failures", "--server", "https://ops.example.com", "--user", "finance",
                "--format=csv", "--csv-profile", "STANDARD", "--out", "/tmp/f.xlsx", "--queue", "payment_callback",
                "--status", "open,replaying", "--reason", "ORDER_NOT_FOUND", "--provider", "stripe", "--assignee", "me",
                "--since", "2026-11-20", "--until", "2026-11-21T06:00", "--q", "ORD-1", "--zone", "Europe/Berlin",
                "--locale", "de-DE", "--progress");

        assertThat(a.dataset()).isEqualTo("failures");
        assertThat(a.format()).isEqualTo(ExportFormat.CSV);
        assertThat(a.csvProfile()).isEqualTo(CsvProfile.STANDARD);
        assertThat(failureFilter(a).queue()).isEqualTo("PAYMENT_CALLBACK");
        assertThat(failureFilter(a).status()).isEqualTo("OPEN,REPLAYING");
        assertThat(failureFilter(a).since()).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
        assertThat(failureFilter(a).until()).isEqualTo(Instant.parse("2026-11-21T05:00:00Z"));
        assertThat(failureFilter(a).q()).isEqualTo("ORD-1");
        assertThat(a.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(a.locale()).isEqualTo(Locale.GERMANY);
        assertThat(a.progress()).isTrue();
        assertThat(a.notes()).anyMatch(n -> n.contains("ends in .xlsx but the format is csv"));
    }

    @Test
    void theFormatFollowsTheFileNameWhenNotGiven() throws Exception {
        assertThat(parse("failures", "--server", "x", "--out", "r.XLSX").format()).isEqualTo(ExportFormat.XLSX);
        assertThat(parse("failures", "--server", "x", "--out", "r.csv").format()).isEqualTo(ExportFormat.CSV);
        assertThatThrownBy(() -> parse("failures", "--server", "x", "--out", "report"))
                .hasMessageContaining("--format xlsx or --format csv");
    }

    @Test
    void offsetTimesAreTakenAsGiven() throws Exception {
        assertThat(FilterFlags.instant("--since", "2026-11-20T05:00:00Z", ZoneId.of("Asia/Tokyo")))
                .isEqualTo(Instant.parse("2026-11-20T05:00:00Z"));
        assertThat(FilterFlags.instant("--since", "2026-11-20T06:00:00+01:00", ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-11-20T05:00:00Z"));
    }

    @Test
    void wrongCommandLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> parse("--server", "x", "--out", "a.csv")).hasMessageContaining("Say what to export");
        assertThatThrownBy(() -> parse("orders", "--server", "x", "--out", "a.csv"))
                .hasMessageContaining("Cannot export \"orders\"").hasMessageContaining("failures, inventory, audit");
        assertThatThrownBy(() -> parse("failures", "--out", "a.csv")).hasMessageContaining("--server is required");
        assertThatThrownBy(() -> parse("failures", "--server", "x")).hasMessageContaining("--out is required");
        assertThatThrownBy(() -> parse("failures", "--server", "x", "--out", "a.csv", "--since", "yesterday"))
                .hasMessageContaining("--since yesterday is not a date or time");
        assertThatThrownBy(() -> parse("failures", "--server", "x", "--out", "a.csv", "--format", "pdf"))
                .hasMessageContaining("--format must be xlsx or csv");
        assertThatThrownBy(() -> parse("failures", "--server", "x", "--out", "a.csv", "--colour", "red"))
                .hasMessageContaining("Unknown option --colour");
        assertThatThrownBy(() -> parse("failures", "--server", "x", "--out", "a.csv", "--queue"))
                .hasMessageContaining("--queue needs a value");
        assertThatThrownBy(() -> parse("failures", "--server", "x", "--out", "a.csv", "--q", "a", "--q", "b"))
                .hasMessageContaining("--q is given twice");
        assertThatThrownBy(() -> parse("failures", "--server", "x", "--out", "a.csv", "--since", "2026-11-21", "--until", "2026-11-20"))
                .hasMessageContaining("--since must be before --until");
        assertThatThrownBy(() -> parse("failures", "--server", "x", "--out", "a.csv", "--zone", "Mars/Olympus"))
                .hasMessageContaining("not a time zone");
    }

    @Test
    void readsTheAuditFiltersIntoAnAuditFilter() throws Exception {
        ExportArguments a = parse("audit", "--server", "https://ops.example.com", "--user", "auditor", "--out",
                "/tmp/trail.csv", "--actor", "support", "--action", "failure.*", "--entity", "order:ORD-100123",
                "--since", "2026-11-20", "--until=2026-11-21T00:00:00Z", "--zone", "Europe/Berlin");

        assertThat(a.dataset()).isEqualTo("audit");
        assertThat(a.query().dataset().sheetName()).isEqualTo("Audit trail");
        assertThat(a.filter()).isEqualTo(AuditFilter.none().withActor("support").withAction("failure.*")
                .withEntity("order:ORD-100123").withSince(Instant.parse("2026-11-19T23:00:00Z"))
                .withUntil(Instant.parse("2026-11-21T00:00:00Z")));
    }

    @Test
    void aFilterOfAnotherDatasetIsNamedWithTheOnesThatApply() {
        assertThatThrownBy(() -> parse("audit", "--server", "x", "--out", "a.csv", "--queue", "PAYMENT_CALLBACK"))
                .hasMessage("--queue is not a filter of audit; its filters are --actor, --action, --entity, --since, --until");
        assertThatThrownBy(() -> parse("failures", "--server", "x", "--out", "a.csv", "--actor", "ops"))
                .hasMessageContaining("--actor is not a filter of failures");
        assertThatThrownBy(() -> parse("audit", "--server", "x", "--out", "a.csv", "--entity", "ORD-100123"))
                .hasMessageContaining("--entity ORD-100123 is not TYPE:ID");
        assertThatThrownBy(() -> parse("audit", "--server", "x", "--out", "a.csv", "--until", "2026-11-20", "--since", "2026-11-21"))
                .hasMessageContaining("--since must be before --until");
    }

    @Test
    void inventoryFiltersAreCheckedBeforeAnythingIsFetched() {
        assertThatThrownBy(() -> parse("inventory", "--server", "x", "--out", "a.csv", "--state", "LATE"))
                .hasMessageContaining("--state LATE is not a sync state");
        assertThatThrownBy(() -> parse("inventory", "--server", "x", "--out", "a.csv", "--drifting", "maybe"))
                .hasMessageContaining("--drifting maybe must be yes or no");
        assertThatThrownBy(() -> parse("inventory", "--server", "x", "--out", "a.csv", "--sort", "name"))
                .hasMessageContaining("--sort name is not an order of the stock list");
    }

    @Test
    void theUsageListsEveryDatasetWithItsPermissionAndFilters() {
        String usage = ExportArguments.usage(Main.exportDatasets());

        assertThat(usage).contains("DATASET is one of: failures, inventory, audit")
                .contains("inventory: every SKU x warehouse matching the filters, biggest drift first (needs"
                        + " inventory.read)")
                .containsPattern("--state S +SETTLING, STUCK or IN_SYNC")
                .contains("failures: every failure matching the filters, newest first (needs failures.read)")
                .contains("audit: every audit event matching the filters")
                .contains("(needs audit.export)")
                .containsPattern("--queue Q +PAYMENT_CALLBACK")
                .containsPattern("--entity TYPE:ID +one record's timeline");
        assertThat(usage.indexOf("--queue")).isLessThan(usage.indexOf("audit:"));
        assertThat(usage.indexOf("--actor")).isGreaterThan(usage.indexOf("audit:"));
    }

    @Test
    void secretsOnTheCommandLineAreRefusedInEitherSpelling() {
        assertThatThrownBy(() -> parse("failures", "--password=secret", "--server", "x", "--out", "a.csv"))
                .hasMessageContaining("--password is not accepted").hasMessageContaining("OPS_DESK_PASSWORD");
        assertThatThrownBy(() -> parse("failures", "--token", "abc", "--server", "x", "--out", "a.csv"))
                .hasMessageContaining("--token is not accepted").hasMessageContaining("OPS_DESK_TOKEN");
    }
}
