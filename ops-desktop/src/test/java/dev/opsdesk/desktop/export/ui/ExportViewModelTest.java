package dev.opsdesk.desktop.export.ui;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.RowSource;
import dev.opsdesk.desktop.ui.BackgroundTask;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Export action's logic, without a JavaFX toolkit: tasks run inline. */
class ExportViewModelTest {

    @TempDir
    Path dir;

    record Item(String id, String status, Money amount) {
    }

    private static final ExportDataset<Item> DATASET = new ExportDataset<>("items", "Items", List.of(
            Column.text("id", "ID", Item::id),
            Column.enumerated("status", "Status", Item::status),
            Column.money("amount", "Amount", Item::amount)));

    private static final List<Item> ITEMS = List.of(
            new Item("A-1", "OPEN", new Money(1999, "EUR")),
            new Item("A-2", "RESOLVED", new Money(-500, "EUR")),
            new Item("A-3", "OPEN", null));

    private final FolderMemory folders = FolderMemory.inMemory();
    private final ZoneId zone = ZoneId.of("Europe/Berlin");
    private final ExportViewModel<Item> viewModel = new ExportViewModel<>(DATASET, BackgroundTasks.inline(),
            new ErrorMessages(Clock.systemUTC(), zone), folders, zone, Locale.US,
            Clock.fixed(Instant.parse("2026-11-20T23:30:00Z"), ZoneId.of("UTC")));

    private static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            reader.forEach(r -> records.add(r.getFields()));
        }
        return records;
    }

    @Test
    void exportsTheVisibleColumnsInTheTablesOrderAndOffersTheFolder() throws Exception {
        Path chosen = dir.resolve("report"); // a chooser that did not add the extension

        BackgroundTask<?> task = viewModel.export(new ExportChoice(ExportChoice.Scope.ALL_MATCHING, ExportFormat.CSV,
                CsvProfile.STANDARD), chosen, List.of("amount", "select-box", "id"), () -> RowSource.of(ITEMS));

        assertThat(task.getState()).isEqualTo(BackgroundTask.State.SUCCEEDED);
        Path written = dir.resolve("report.csv");
        assertThat(csv(written)).containsExactly(
                List.of("Amount", "Amount currency", "ID"),
                List.of("19.99", "EUR", "A-1"),
                List.of("-5.00", "EUR", "A-2"),
                List.of("", "", "A-3"));
        assertThat(viewModel.lastResultProperty().get().rows()).isEqualTo(3);
        assertThat(viewModel.outcomeProperty().get()).startsWith("Exported 3 rows to " + written);
        assertThat(viewModel.folderToOpenProperty().get()).isEqualTo(dir.toAbsolutePath());
        assertThat(viewModel.runningProperty().get()).isFalse();
    }

    @Test
    void remembersTheFolderForTheNextChooser() {
        Path home = Path.of(System.getProperty("user.home"));
        assertThat(viewModel.initialFolder()).isEqualTo(home);

        viewModel.export(new ExportChoice(ExportChoice.Scope.SELECTION, ExportFormat.XLSX, CsvProfile.EXCEL),
                dir.resolve("sel.xlsx"), DATASET.columnIds(), () -> RowSource.of(ITEMS.subList(0, 1)));

        assertThat(viewModel.initialFolder()).isEqualTo(dir.toAbsolutePath());
        assertThat(FolderMemory.inMemory().lastFolder()).isEmpty();
    }

    @Test
    void suggestsTheDatasetWhatTheListShowsAndTheLocalTimeAsFileName() {
        // 23:30 UTC on the 20th is already 00:30 on the 21st in Berlin.
        assertThat(viewModel.suggestedFileName(ExportFormat.XLSX)).isEqualTo("items-2026-11-21-0030.xlsx");
        assertThat(viewModel.suggestedFileName(ExportFormat.CSV, "Payment callbacks · open · “ORD-10”"))
                .as("a second export of another filter the same day gets another name")
                .isEqualTo("items-payment-callbacks-open-ord-10-2026-11-21-0030.csv");
        assertThat(viewModel.suggestedFileName(ExportFormat.CSV, "Événements de l’entrepôt / WH-1"))
                .isEqualTo("items-evenements-de-l-entrepot-wh-1-2026-11-21-0030.csv");
        assertThat(ExportViewModel.withExtension(Path.of("x.data"), ExportFormat.CSV)).isEqualTo(Path.of("x.data"));
    }

    @Test
    void aSelectionNeedsSelectedRowsAndOnlyOneExportRunsAtATime() {
        ExportChoice selection = new ExportChoice(ExportChoice.Scope.SELECTION, ExportFormat.CSV, CsvProfile.EXCEL);
        ExportChoice all = new ExportChoice(ExportChoice.Scope.ALL_MATCHING, ExportFormat.CSV, CsvProfile.EXCEL);

        assertThat(viewModel.canExport(selection, 0)).isFalse();
        assertThat(viewModel.canExport(selection, 2)).isTrue();
        assertThat(viewModel.canExport(all, 0)).isTrue();
    }

    @Test
    void cancellingLeavesNoFileAndSaysSo() throws Exception {
        List<BackgroundTask<?>> task = new ArrayList<>();
        RowSource<Item> endless = RowSource.of(() -> new Iterator<>() {
            long n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Item next() {
                if (++n == 500) {
                    viewModel.cancel();
                }
                return new Item("B-" + n, "OPEN", null);
            }
        }, OptionalLong.empty());

        BackgroundTask<?> t = viewModel.export(new ExportChoice(ExportChoice.Scope.ALL_MATCHING, ExportFormat.XLSX,
                CsvProfile.EXCEL), dir.resolve("endless.xlsx"), DATASET.columnIds(), () -> endless);
        task.add(t);

        assertThat(t.getState()).isEqualTo(BackgroundTask.State.CANCELLED);
        assertThat(viewModel.outcomeProperty().get()).isEqualTo("Export cancelled; no file was written.");
        assertThat(viewModel.folderToOpenProperty().get()).isNull();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        Thread.interrupted(); // the inline task interrupted this (the test) thread
    }

    @Test
    void aFailureIsExplainedAndLeavesNoFile() throws Exception {
        RowSource<Item> broken = RowSource.of(() -> {
            throw new UncheckedIOException(new IOException("connection reset"));
        }, OptionalLong.empty());

        BackgroundTask<?> t = viewModel.export(new ExportChoice(ExportChoice.Scope.ALL_MATCHING, ExportFormat.CSV,
                CsvProfile.EXCEL), dir.resolve("broken.csv"), DATASET.columnIds(), () -> broken);

        assertThat(t.getState()).isEqualTo(BackgroundTask.State.FAILED);
        assertThat(viewModel.lastErrorProperty().get()).isNotNull();
        assertThat(viewModel.outcomeProperty().get()).contains("The export to broken.csv failed");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
