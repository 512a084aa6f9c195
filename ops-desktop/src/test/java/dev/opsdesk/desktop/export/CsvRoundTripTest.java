package dev.opsdesk.desktop.export;

import dev.opsdesk.desktop.export.ExportFixtures.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import static dev.opsdesk.desktop.export.ExportFixtures.BERLIN;
import static org.assertj.core.api.Assertions.assertThat;

/** What the engine writes as CSV is read back by FastCSV's reader and equals the source rows. */
class CsvRoundTripTest {

    @TempDir
    Path dir;

    private final Exporter exporter = new Exporter();

    @Test
    void standardProfileReadsBackExactly() throws Exception {
        List<Sample> rows = ExportFixtures.awkwardRows();
        Path file = dir.resolve("samples.csv");

        ExportResult result = exporter.export(ExportFixtures.request(rows, ExportFormat.CSV, file)
                .csvProfile(CsvProfile.STANDARD).build(), ExportProgress.NONE, () -> false);

        List<List<String>> records = ExportFixtures.readCsv(file, ',');
        assertThat(records.get(0)).containsExactly("Text", "Status", "Count", "Amount", "Amount currency",
                "Seen (Europe/Berlin)");
        assertThat(records).hasSize(rows.size() + 1);
        for (int i = 0; i < rows.size(); i++) {
            Sample s = rows.get(i);
            List<String> r = records.get(i + 1);
            assertThat(r).as("row %d", i).hasSize(6);
            assertThat(r.get(0)).as("text of row %d", i).isEqualTo(s.expectedText());
            assertThat(r.get(1)).isEqualTo(s.status() == null ? "" : ExportFixtures.STATUS_LABELS.get(s.status()));
            assertThat(r.get(2)).isEqualTo(s.count() == null ? "" : s.count().toString());
            assertThat(r.get(3)).isEqualTo(s.amount() == null ? "" : s.amount().toMajor().toPlainString());
            assertThat(r.get(4)).isEqualTo(s.amount() == null ? "" : s.amount().currency());
            if (s.seenAt() == null) {
                assertThat(r.get(5)).isEmpty();
            } else {
                OffsetDateTime read = OffsetDateTime.parse(r.get(5));
                assertThat(read.toInstant()).isEqualTo(s.seenAt());
                assertThat(read.getOffset()).isEqualTo(BERLIN.getRules().getOffset(s.seenAt()));
            }
        }
        assertThat(result.rows()).isEqualTo(rows.size());
        assertThat(result.neutralisedCells()).isEqualTo(9);
        assertThat(result.truncatedCells()).isZero();
        assertThat(result.warnings()).anyMatch(w -> w.contains("9 texts starting with ="));
    }

    @Test
    void excelProfileInGermanyReadsBackWithCommaDecimalsAndLocalTimes() throws Exception {
        List<Sample> rows = ExportFixtures.awkwardRows();
        Path file = dir.resolve("samples.csv");

        exporter.export(ExportFixtures.request(rows, ExportFormat.CSV, file).csvProfile(CsvProfile.EXCEL)
                .locale(Locale.GERMANY).build(), ExportProgress.NONE, () -> false);

        List<List<String>> records = ExportFixtures.readCsv(file, ';');
        assertThat(records).hasSize(rows.size() + 1);
        DateTimeFormatter excelDate = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (int i = 0; i < rows.size(); i++) {
            Sample s = rows.get(i);
            List<String> r = records.get(i + 1);
            assertThat(r.get(0)).as("text of row %d", i).isEqualTo(s.expectedText());
            assertThat(r.get(3)).isEqualTo(s.amount() == null ? "" : s.amount().toMajor().toPlainString().replace('.', ','));
            assertThat(r.get(5)).isEqualTo(s.seenAt() == null ? ""
                    : LocalDateTime.ofInstant(s.seenAt(), BERLIN).truncatedTo(ChronoUnit.SECONDS).format(excelDate));
        }
        // A negative amount stays a number: no quote, no prefix.
        assertThat(records.get(1).get(3)).isEqualTo("-19,99");
    }
}
