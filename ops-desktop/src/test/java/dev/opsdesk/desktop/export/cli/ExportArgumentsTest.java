package dev.opsdesk.desktop.export.cli;

import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportFormat;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line is checked before anything touches a server or a file. */
class ExportArgumentsTest {

    private static ExportArguments parse(String... args) throws Exception {
        return ExportArguments.parse(args);
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
        assertThat(a.filter().queue()).isEqualTo("PAYMENT_CALLBACK");
        assertThat(a.filter().status()).isEqualTo("OPEN,REPLAYING");
        assertThat(a.filter().since()).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
        assertThat(a.filter().until()).isEqualTo(Instant.parse("2026-11-21T05:00:00Z"));
        assertThat(a.filter().q()).isEqualTo("ORD-1");
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
        assertThat(ExportArguments.instant("--since", "2026-11-20T05:00:00Z", ZoneId.of("Asia/Tokyo")))
                .isEqualTo(Instant.parse("2026-11-20T05:00:00Z"));
        assertThat(ExportArguments.instant("--since", "2026-11-20T06:00:00+01:00", ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-11-20T05:00:00Z"));
    }

    @Test
    void wrongCommandLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> parse("--server", "x", "--out", "a.csv")).hasMessageContaining("Say what to export");
        assertThatThrownBy(() -> parse("orders", "--server", "x", "--out", "a.csv")).hasMessageContaining("Cannot export \"orders\"");
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
    void secretsOnTheCommandLineAreRefusedInEitherSpelling() {
        assertThatThrownBy(() -> parse("failures", "--password=secret", "--server", "x", "--out", "a.csv"))
                .hasMessageContaining("--password is not accepted").hasMessageContaining("OPS_DESK_PASSWORD");
        assertThatThrownBy(() -> parse("failures", "--token", "abc", "--server", "x", "--out", "a.csv"))
                .hasMessageContaining("--token is not accepted").hasMessageContaining("OPS_DESK_TOKEN");
    }
}
