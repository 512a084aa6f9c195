package dev.opsdesk.desktop.reconciliation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsdesk.desktop.export.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code reconcile preview} as a script or a person at a terminal uses it, without any server. */
class ReconcileCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReconcileCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ReconcileCommandTest.class.getResource("/settlement/" + name).toURI());
    }

    @Test
    void previewAsJsonHasExactlyTheDocumentedShape() throws Exception {
        int code = run("preview", fixture("adyen-settlement-details.csv").toString(), "--json");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("layout", "lines", "byKind", "totals", "payouts", "warnings");
        assertThat(json.get("layout").asText()).isEqualTo("adyen");
        assertThat(json.get("lines").asLong()).isEqualTo(6);
        assertThat(json.get("byKind").get("CAPTURE").asLong()).isEqualTo(1);
        assertThat(json.get("byKind").get("PAYOUT").asLong()).isEqualTo(1);
        JsonNode totals = json.get("totals").get(0);
        assertThat(totals.get("currency").asText()).isEqualTo("EUR");
        assertThat(totals.get("gross").asLong()).isEqualTo(6900);
        assertThat(totals.get("fees").asLong()).isEqualTo(1050);
        assertThat(totals.get("net").asLong()).isEqualTo(5850);
        assertThat(json.get("payouts").get(0).get("amount").asLong()).isEqualTo(5850);
        assertThat(json.get("warnings").isArray()).isTrue();
    }

    @Test
    void aBrokenFileExitsWithDataErrorNamingLineAndColumn() throws Exception {
        String text = Files.readString(fixture("paypal-settlement.STL-20261205.01.009.csv"))
                .replace("\"DR\",4000", "\"DR\",40x0");
        Path file = Files.writeString(dir.resolve("STL-broken.csv"), text);

        int code = run("preview", file.toString(), "--json");

        assertThat(code).isEqualTo(ReconcileCommand.DATA_ERROR).isEqualTo(65);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("line 7, column \"Gross Transaction Amount\"")
                .contains("found \"40x0\"");
    }

    @Test
    void aGenericFileIsReadThroughAMappingSavedAsJson() throws Exception {
        Path mapping = Files.writeString(dir.resolve("hausbank.json"), """
                {"name": "Hausbank",
                 "columns": {"bookedAt": "Buchungstag", "currency": "Waehrung", "gross": "Betrag", "fee": "Gebuehr",
                             "kind": "Art", "merchantReference": "Bestellnummer"},
                 "kinds": {"Zahlung": "CAPTURE", "Erstattung": "REFUND"},
                 "dateFormat": "dd.MM.yyyy HH:mm", "timeZone": "Europe/Berlin", "decimalComma": true,
                 "minorUnits": false, "updatedBy": "finance", "updatedAt": "2026-12-01T00:00:00Z"}
                """);

        int code = run("preview", fixture("generic-bank-export.csv").toString(), "--mapping", mapping.toString(), "--json");

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("layout").asText()).isEqualTo("Hausbank");
        assertThat(json.get("totals").get(0).get("net").asLong()).isEqualTo(120221);
    }

    @Test
    void aMappingNameWithoutAServerAsksForTheMappingFile() throws Exception {
        int code = run("preview", fixture("generic-bank-export.csv").toString(), "--layout", "Hausbank");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--mapping");
    }

    @Test
    void theTextPreviewNamesLayoutTotalsAndPayouts() throws Exception {
        int code = run("preview", fixture("stripe-balance-change.itemized.csv").toString(), "--layout", "stripe");

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("stripe (STRIPE), 3 lines").contains("EUR  gross 80.00  fees 3.20  net 76.80")
                .contains("EUR  paid out 76.80");
    }

    @Test
    void importWithoutAServerIsAUsageErrorAndAMissingFileIsNoInput() {
        assertThat(run("import", "x.csv")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("import needs --server URL");
        assertThat(run("preview", dir.resolve("missing.csv").toString())).isEqualTo(ReconcileCommand.NO_INPUT);
    }
}
