package dev.opsdesk.desktop.export;

import dev.opsdesk.client.model.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The two CSV profiles: byte order mark, separator, decimal mark, line ends. */
class CsvProfileTest {

    @TempDir
    Path dir;

    record Line(String name, Money amount, Instant at) {
    }

    private static final List<Column<Line>> COLUMNS = List.of(
            Column.text("name", "Name", Line::name),
            Column.money("amount", "Amount", Line::amount),
            Column.dateTime("at", "At", Line::at));

    private static final List<Line> ROWS = List.of(
            new Line("Müller", new Money(123456, "EUR"), Instant.parse("2026-03-01T12:00:00Z")),
            new Line("two\nlines", new Money(-50, "EUR"), Instant.parse("2026-03-01T12:00:00Z")));

    private byte[] export(CsvProfile profile, Locale locale) throws Exception {
        Path file = dir.resolve(profile + "-" + locale + ".csv");
        new Exporter().export(ExportRequest.builder(COLUMNS, RowSource.of(ROWS), ExportFormat.CSV, file)
                .csvProfile(profile).locale(locale).zone(ExportFixtures.BERLIN).build(), ExportProgress.NONE, () -> false);
        return Files.readAllBytes(file);
    }

    private static String text(byte[] bytes) {
        int skip = ExportFixtures.startsWithBom(bytes) ? 3 : 0;
        return new String(bytes, skip, bytes.length - skip, StandardCharsets.UTF_8);
    }

    @Test
    void excelProfileInGermanyHasBomSemicolonsAndDecimalCommas() throws Exception {
        byte[] bytes = export(CsvProfile.EXCEL, Locale.GERMANY);

        assertThat(ExportFixtures.startsWithBom(bytes)).isTrue();
        assertThat(text(bytes)).isEqualTo(
                "Name;Amount;Amount currency;At (Europe/Berlin)\r\n"
                        + "Müller;1234,56;EUR;2026-03-01 13:00:00\r\n"
                        + "\"two\nlines\";-0,50;EUR;2026-03-01 13:00:00\r\n");
    }

    @Test
    void excelProfileInTheUsHasBomCommasAndDecimalPoints() throws Exception {
        byte[] bytes = export(CsvProfile.EXCEL, Locale.US);

        assertThat(ExportFixtures.startsWithBom(bytes)).isTrue();
        assertThat(text(bytes)).startsWith("Name,Amount,Amount currency,At (Europe/Berlin)\r\n"
                + "Müller,1234.56,EUR,2026-03-01 13:00:00\r\n");
    }

    @Test
    void excelProfileFollowsTheLocalesDecimalMark() {
        assertThat(CsvProfile.EXCEL.dialect(Locale.FRANCE)).isEqualTo(new CsvProfile.Dialect(';', ',', true));
        assertThat(CsvProfile.EXCEL.dialect(Locale.forLanguageTag("de-CH"))).isEqualTo(new CsvProfile.Dialect(',', '.', true));
        assertThat(CsvProfile.EXCEL.dialect(Locale.UK)).isEqualTo(new CsvProfile.Dialect(',', '.', true));
    }

    @Test
    void standardProfileIsCommaDotWithoutBomWhateverTheLocale() throws Exception {
        byte[] bytes = export(CsvProfile.STANDARD, Locale.GERMANY);

        assertThat(ExportFixtures.startsWithBom(bytes)).isFalse();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
                "Name,Amount,Amount currency,At (Europe/Berlin)\r\n"
                        + "Müller,1234.56,EUR,2026-03-01T13:00:00+01:00\r\n"
                        + "\"two\nlines\",-0.50,EUR,2026-03-01T13:00:00+01:00\r\n");
    }
}
