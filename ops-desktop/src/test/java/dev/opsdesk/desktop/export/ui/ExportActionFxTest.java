package dev.opsdesk.desktop.export.ui;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.RowSource;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Export button on a real table: visible columns in their order, selection or all rows, Open folder. */
@ExtendWith(ApplicationExtension.class)
class ExportActionFxTest {

    record Item(String id, String status, Money amount) {
    }

    private static final ExportDataset<Item> DATASET = new ExportDataset<>("items", "Items", List.of(
            Column.text("id", "ID", Item::id),
            Column.enumerated("status", "Status", Item::status),
            Column.money("amount", "Amount", Item::amount)));

    private static final List<Item> ITEMS = List.of(
            new Item("A-1", "OPEN", new Money(1999, "EUR")),
            new Item("A-2", "RESOLVED", new Money(-500, "EUR")),
            new Item("=A-3", "OPEN", new Money(100, "USD")));

    @TempDir
    Path dir;

    private final List<Path> openedFolders = new CopyOnWriteArrayList<>();
    private final List<Path> answers = new CopyOnWriteArrayList<>();
    private BackgroundTasks tasks;
    private TableView<Item> table;

    @Start
    void start(Stage stage) {
        tasks = BackgroundTasks.forJavaFx();
        table = new TableView<>(FXCollections.observableArrayList(ITEMS));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        TableColumn<Item, String> id = column("id", "ID", Item::id);
        TableColumn<Item, String> status = column("status", "Status", Item::status);
        TableColumn<Item, String> amount = column("amount", "Amount", i -> i.amount().toString());
        table.getColumns().setAll(List.of(id, status, amount));
        // The user hid Status and dragged Amount to the front.
        status.setVisible(false);
        table.getColumns().setAll(List.of(amount, id, status));

        ExportViewModel<Item> viewModel = new ExportViewModel<>(DATASET, tasks, ErrorMessages.systemDefault(),
                FolderMemory.inMemory());
        ExportAction<Item, Item> action = new ExportAction<>(viewModel, table, item -> item, () -> RowSource.of(ITEMS),
                openedFolders::add).fileAsker((owner, choice, folder, name) -> answers.remove(0));
        VBox root = new VBox(action.button(), table, action.outcomeBar());
        stage.setScene(new Scene(root, 900, 500));
        stage.show();
    }

    @Stop
    void stop() {
        tasks.close();
    }

    private static <T> TableColumn<Item, T> column(String id, String title, java.util.function.Function<Item, T> value) {
        TableColumn<Item, T> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private void chooseFromExportMenu(FxRobot robot, ExportChoice choice) {
        click(robot, "#export-items");
        click(robot, choice.label());
    }

    private static void waitForOutcome(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> !robot.lookup("#export-outcome").queryAs(Labeled.class).getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void exportsTheSelectedRowsToCsvWithTheVisibleColumnsInTheirOrder(FxRobot robot) throws Exception {
        Path file = dir.resolve("selection.csv");
        answers.add(file);
        robot.interact(() -> {
            table.getSelectionModel().select(0);
            table.getSelectionModel().select(2);
        });

        chooseFromExportMenu(robot, new ExportChoice(ExportChoice.Scope.SELECTION, ExportFormat.CSV, CsvProfile.STANDARD));
        waitForOutcome(robot);

        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            reader.forEach(r -> records.add(r.getFields()));
        }
        assertThat(records).containsExactly(
                List.of("Amount", "Amount currency", "ID"),
                List.of("19.99", "EUR", "A-1"),
                List.of("1.00", "USD", "'=A-3"));
        assertThat(robot.lookup("#export-outcome").queryAs(Labeled.class).getText()).startsWith("Exported 2 rows to " + file);

        click(robot, "#export-open-folder");
        assertThat(openedFolders).containsExactly(dir.toAbsolutePath());
    }

    @Test
    void exportsAllMatchingRowsToXlsx(FxRobot robot) throws Exception {
        Path file = dir.resolve("all.xlsx");
        answers.add(file);

        chooseFromExportMenu(robot, new ExportChoice(ExportChoice.Scope.ALL_MATCHING, ExportFormat.XLSX, CsvProfile.EXCEL));
        waitForOutcome(robot);

        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            XSSFSheet sheet = wb.getSheet("Items");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Amount");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("ID");
            assertThat(sheet.getRow(0).getCell(2)).isNull();
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            assertThat(sheet.getRow(2).getCell(0).getNumericCellValue()).isEqualTo(-5.0);
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("'=A-3");
        }
    }
}
