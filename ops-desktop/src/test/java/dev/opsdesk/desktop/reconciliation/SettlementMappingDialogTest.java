package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.reconciliation.files.SettlementReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the mapping dialog lets through (OK enabled) and what it returns, without a toolkit. */
class SettlementMappingDialogTest {

    @TempDir
    Path dir;

    private static Map<String, String> columns(String... fieldAndColumn) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < fieldAndColumn.length; i += 2) {
            m.put(fieldAndColumn[i], fieldAndColumn[i + 1]);
        }
        return m;
    }

    @Test
    void okNeedsANameTheDateTheCurrencyAndAnAmount() {
        assertThat(MappingDialog.problem("", columns("bookedAt", "Date", "currency", "Ccy", "net", "Amount"),
                "dd.MM.yyyy", "Europe/Berlin")).contains("name");
        assertThat(MappingDialog.problem("Bank", columns("currency", "Ccy", "net", "Amount"),
                "dd.MM.yyyy", "Europe/Berlin")).contains("booking date");
        assertThat(MappingDialog.problem("Bank", columns("bookedAt", "Date", "net", "Amount"),
                "dd.MM.yyyy", "Europe/Berlin")).contains("currency");
        assertThat(MappingDialog.problem("Bank", columns("bookedAt", "Date", "currency", "Ccy", "credit", "In"),
                "dd.MM.yyyy", "Europe/Berlin")).contains("credit and debit");
        assertThat(MappingDialog.problem("Bank", columns("bookedAt", "Date", "currency", "Ccy", "credit", "In",
                "debit", "Out"), "dd.MM.yyyy", "Europe/Berlin")).isNull();
        assertThat(MappingDialog.problem("Bank", columns("bookedAt", "Date", "currency", "Ccy", "gross", ""),
                "dd.MM.yyyy", "Europe/Berlin")).contains("amount"); // the empty choice is "none"
    }

    @Test
    void okNeedsAValidDatePatternAndTimeZone() {
        Map<String, String> ok = columns("bookedAt", "Date", "currency", "Ccy", "net", "Amount");
        assertThat(MappingDialog.problem("Bank", ok, "dd.MM.yyyy HH:mm", "Europe/Berlin")).isNull();
        assertThat(MappingDialog.problem("Bank", ok, "dd.MM.yyyy {", "Europe/Berlin")).contains("date format");
        assertThat(MappingDialog.problem("Bank", ok, "", "Europe/Berlin")).contains("date format");
        assertThat(MappingDialog.problem("Bank", ok, "dd.MM.yyyy", "Mars/Olympus")).contains("time zone");
    }

    @Test
    void theMappingHasTheChosenColumnsOnlyAndIsNotYetSaved() {
        Settlement.Mapping m = MappingDialog.mapping(" Bank ", columns("bookedAt", "Date", "currency", "Ccy", "net",
                "Amount", "fee", ""), "dd.MM.yyyy", "Europe/Berlin", true, false);

        assertThat(m.name()).isEqualTo("Bank");
        assertThat(m.columns()).containsOnlyKeys("bookedAt", "currency", "net");
        assertThat(m.decimalComma()).isTrue();
        assertThat(m.updatedBy()).isNull();
        assertThat(m.updatedAt()).isNull();
    }

    @Test
    void theHeaderIsTheFirstNonBlankRowWithItsSeparatorAndBomHandled() throws Exception {
        Path file = Files.writeString(dir.resolve("bank.csv"), "\uFEFF\n;;\nBuchungstag; Betrag ;Währung\n01.12.2026;1,00;EUR\n");

        assertThat(SettlementReader.header(file)).containsExactly("Buchungstag", "Betrag", "Währung");
    }
}
