package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.ColumnType;
import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.ExportProgress;
import dev.opsdesk.desktop.export.ExportRequest;
import dev.opsdesk.desktop.export.Exporter;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The failures table's columns: ids, order, types and the words a person reads. */
class FailureExportTest {

    @TempDir
    Path dir;

    private static final Failure FAILURE = new Failure("f-1", Failure.PAYMENT_CALLBACK, "DEAD", "SIGNATURE_INVALID",
            "-signature mismatch", false, "paypal", "evt_1", "payment.captured", "ORD-1", "PAY-9", null, null,
            new Money(-4250, "EUR"), Instant.parse("2026-11-20T10:00:00Z"), null, null, 3, null, null);

    @Test
    void hasTheTablesColumnsInOrderWithTheirTypes() {
        ExportDataset<Failure> dataset = FailureExport.dataset();

        assertThat(dataset.columnIds()).containsExactly("id", "queue", "status", "reason", "provider", "subject",
                "orderNumber", "paymentReference", "sku", "warehouse", "amount", "firstSeenAt", "lastAttemptAt",
                "attempts", "assignee", "message", "slaDueAt");
        assertThat(dataset.columns()).extracting(Column::type).containsExactly(ColumnType.TEXT, ColumnType.ENUM,
                ColumnType.ENUM, ColumnType.ENUM, ColumnType.ENUM, ColumnType.TEXT, ColumnType.TEXT, ColumnType.TEXT,
                ColumnType.TEXT, ColumnType.TEXT, ColumnType.MONEY,
                ColumnType.DATE_TIME, ColumnType.DATE_TIME, ColumnType.INTEGER, ColumnType.TEXT, ColumnType.TEXT,
                ColumnType.DATE_TIME);
        assertThat(dataset.select(List.of("message", "actions", "id"))).extracting(Column::id).containsExactly("message", "id");
    }

    @Test
    void everyExportCarriesTheRowsIdentityWhateverTheTableShows() {
        ExportDataset<Failure> dataset = FailureExport.dataset();

        assertThat(dataset.selectWithIdentity(List.of("status", "orderNumber", "amount"))).extracting(Column::id)
                .containsExactly("id", "paymentReference", "sku", "warehouse", "status", "orderNumber", "amount");
        assertThat(dataset.selectWithIdentity(dataset.identity())).extracting(Column::id)
                .as("nothing twice").containsExactlyElementsOf(dataset.identity());
    }

    @Test
    void timeHeadersNameTheZoneAsPeopleDo() {
        Column<Failure> firstSeen = FailureExport.dataset().select(List.of("firstSeenAt")).get(0);

        assertThat(firstSeen.headerIn(ZoneId.of("Etc/UTC"))).isEqualTo("First seen (UTC)");
        assertThat(firstSeen.headerIn(ZoneId.of("Z"))).isEqualTo("First seen (UTC)");
        assertThat(firstSeen.headerIn(ZoneId.of("Europe/Berlin"))).isEqualTo("First seen (Europe/Berlin)");
    }

    @Test
    void anInventoryFailureIsTraceableToItsSkuAndWarehouse() {
        Failure sync = new Failure("f-2", Failure.INVENTORY_SYNC, "OPEN", "DOWNSTREAM_TIMEOUT", "WMS timed out", true,
                null, null, null, null, null, "SKU-61664", "WH-2", null, Instant.parse("2026-11-20T10:00:00Z"), null,
                null, 1, null, null);
        ExportDataset<Failure> dataset = FailureExport.dataset();

        assertThat(dataset.select(List.of("id", "subject", "sku", "warehouse")))
                .extracting(c -> c.valueOf(sync)).containsExactly("f-2", "SKU-61664 @ WH-2", "SKU-61664", "WH-2");
    }

    @Test
    void writesLabelsNumbersAndNeutralisedText() throws Exception {
        Path file = dir.resolve("f.csv");

        new Exporter().export(ExportRequest.builder(FailureExport.dataset().columns(),
                        FailureExport.selection(List.of(FAILURE)), ExportFormat.CSV, file)
                .csvProfile(CsvProfile.STANDARD).zone(ZoneId.of("UTC")).build(), ExportProgress.NONE, () -> false);

        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            reader.forEach(r -> records.add(r.getFields()));
        }
        assertThat(records.get(1)).containsExactly("f-1", "Payment callbacks", "Quarantined", "Signature invalid",
                "PayPal", "ORD-1", "ORD-1", "PAY-9", "", "", "-42.50", "EUR", "2026-11-20T10:00:00Z", "", "3", "", "'-signature mismatch", "");
    }
}
