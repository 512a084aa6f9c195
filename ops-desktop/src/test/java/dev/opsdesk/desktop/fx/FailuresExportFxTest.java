package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.desktop.export.CsvProfile;
import dev.opsdesk.desktop.export.ExportFormat;
import dev.opsdesk.desktop.export.ui.ExportChoice;
import dev.opsdesk.desktop.failures.FailureFixtures;
import dev.opsdesk.desktop.failures.FailureRow;
import dev.opsdesk.desktop.failures.FailureTexts;
import dev.opsdesk.desktop.failures.FailuresView;
import dev.opsdesk.desktop.failures.SortChoice;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export from the Failures table against the built-in sandbox: a support agent narrows the list to a
 * few orders, sorts it by amount, moves and adds columns, then exports everything matching to XLSX
 * and the selection to CSV. The files hold exactly the rows the table shows, in its order, with the
 * visible columns in theirs.
 */
@ExtendWith(ApplicationExtension.class)
class FailuresExportFxTest extends FxTestSupport {

    @TempDir
    Path dir;

    private final List<Path> answers = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    @SuppressWarnings("unchecked")
    private static TableView<FailureRow> table(FxRobot robot) {
        return onFx(() -> robot.lookup("#failure-table").queryAs(TableView.class));
    }

    private FailuresView failuresView() {
        return onFx(() -> (FailuresView) shell.scene().lookup("#page-failures").getUserData());
    }

    /** Opens the Export menu (with the mouse, or with Alt+E) and chooses an entry. */
    private void export(FxRobot robot, ExportChoice choice, Path file, boolean byKeyboard) {
        answers.add(file);
        onFx(() -> {
            failuresView().viewModel().export().dismissOutcome(); // so the wait below sees this export's outcome
            return null;
        });
        if (byKeyboard) {
            robot.press(KeyCode.ALT).type(KeyCode.E).release(KeyCode.ALT);
        } else {
            click(robot, "#export-failures");
        }
        waitUntil("the Export menu shows", () -> robot.lookup("#export-failures").queryAs(MenuButton.class).isShowing());
        click(robot, choice.label());
        waitUntil("the export is written", () -> !failuresView().viewModel().export().runningProperty().get()
                && textOf(robot, "#export-outcome").startsWith("Exported "));
    }

    @Test
    void exportsTheRowsTheTableShowsToXlsxAndTheSelectionToCsv(FxRobot robot) throws Exception {
        String prefix;
        try (OpsClient api = FailureFixtures.signIn("support")) {
            Failure some = FailureFixtures.openWithEffect(api, "PAYMENT_CALLBACK", "FAIL_AGAIN");
            prefix = some.orderNumber().substring(0, some.orderNumber().length() - 1);
        }
        signInWith(robot, "support", "sandbox");
        waitForMainView(robot);
        click(robot, "#nav-failures");
        waitUntil("the failures list shows", () -> isShowing(robot, "#page-failures") && !table(robot).getItems().isEmpty());
        FailuresView view = failuresView();
        assertThat(onFx(() -> robot.lookup("#export-failures").queryAs(MenuButton.class).isDisabled())).isFalse();
        onFx(() -> {
            view.exportAction().fileAsker((owner, choice, folder, name) -> answers.remove(0));
            return null;
        });

        // A few orders, largest amount first; Amount moved to the front, the ID column shown.
        typeInto(robot, "#failure-search", prefix);
        waitUntil("only those orders are listed", () -> !view.viewModel().list().loadingProperty().get()
                && view.viewModel().list().endReachedProperty().get() && !table(robot).getItems().isEmpty()
                && table(robot).getItems().stream().allMatch(r -> r.failure().orderNumber().startsWith(prefix)));
        onFx(() -> {
            view.viewModel().sortProperty().set(SortChoice.LARGEST_AMOUNT);
            TableView<FailureRow> t = table(robot);
            TableColumn<FailureRow, ?> amount = column(t, "amount");
            t.getColumns().remove(amount);
            t.getColumns().add(0, amount);
            column(t, "id").setVisible(true);
            return null;
        });
        waitUntil("the list is sorted by amount", () -> !view.viewModel().list().loadingProperty().get()
                && view.viewModel().list().endReachedProperty().get() && !table(robot).getItems().isEmpty());
        List<Failure> shown = onFx(() -> table(robot).getItems().stream().map(FailureRow::failure).toList());
        assertThat(shown).allSatisfy(f -> assertThat(f.orderNumber()).startsWith(prefix));

        // Everything matching, as an Excel workbook.
        Path xlsx = dir.resolve("failures.xlsx");
        export(robot, new ExportChoice(ExportChoice.Scope.ALL_MATCHING, ExportFormat.XLSX, CsvProfile.EXCEL), xlsx, true);

        assertThat(textOf(robot, "#export-outcome")).startsWith("Exported " + shown.size() + (shown.size() == 1 ? " row" : " rows")
                + " to " + xlsx);
        assertThat(isShowing(robot, "#export-open-folder")).isTrue();
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            XSSFSheet sheet = wb.getSheet("Failures");
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            // The row's identity the table does not show comes first, then the visible columns in their order.
            // Provider and Attempts start hidden since the table fits 1280×800 (#10); SLA due is shown.
            assertThat(header).hasSize(12);
            assertThat(header.subList(0, 4)).containsExactly("Order number", "Payment reference", "SKU", "Warehouse");
            assertThat(header.subList(4, 9)).containsExactly("Amount", "ID", "Status", "Reason", "Order / item");
            assertThat(header.get(9)).startsWith("First seen (");
            assertThat(header.get(10)).isEqualTo("Assignee");
            assertThat(header.get(11)).startsWith("SLA due (");
            assertThat(sheet.getLastRowNum()).as("one row per failure the table shows").isEqualTo(shown.size());
            for (int i = 0; i < shown.size(); i++) {
                Failure f = shown.get(i);
                XSSFRow row = sheet.getRow(i + 1);
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo(f.orderNumber());
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(f.paymentReference());
                assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(f.amount().toMajor().doubleValue());
                assertThat(row.getCell(5).getStringCellValue()).isEqualTo(f.id());
                assertThat(row.getCell(6).getStringCellValue()).isEqualTo(FailureTexts.status(f.status()));
                assertThat(row.getCell(7).getStringCellValue()).isEqualTo(FailureTexts.reason(f.reason()));
                assertThat(row.getCell(8).getStringCellValue()).isEqualTo(f.orderNumber());
                Cell assignee = row.getCell(10);
                assertThat(assignee == null ? "" : assignee.getStringCellValue()).isEqualTo(f.assignee() == null ? "" : f.assignee());
            }
        }

        // The selected rows, as a standard CSV.
        int selected = Math.min(2, shown.size());
        onFx(() -> {
            table(robot).getSelectionModel().selectRange(0, selected);
            return null;
        });
        waitUntil("the selection settles in the detail", () -> view.viewModel().selection().size() == selected
                && view.viewModel().detail().detailProperty().get() != null && !view.viewModel().detail().loadingProperty().get());
        Path csv = dir.resolve("selection.csv");
        export(robot, new ExportChoice(ExportChoice.Scope.SELECTION, ExportFormat.CSV, CsvProfile.STANDARD), csv, false);

        List<List<String>> records = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            reader.forEach(r -> records.add(r.getFields()));
        }
        assertThat(records.get(0).subList(0, 9)).containsExactly("Order number", "Payment reference", "SKU", "Warehouse",
                "Amount", "Amount currency", "ID", "Status", "Reason");
        assertThat(records).hasSize(selected + 1);
        for (int i = 0; i < selected; i++) {
            Failure f = shown.get(i);
            assertThat(records.get(i + 1).subList(4, 8)).containsExactly(f.amount().toMajor().toPlainString(),
                    f.amount().currency(), f.id(), FailureTexts.status(f.status()));
            assertThat(records.get(i + 1).get(0)).isEqualTo(f.orderNumber());
            assertThat(records.get(i + 1).get(9)).as("Order / item").isEqualTo(f.orderNumber());
        }
    }

    private static TableColumn<FailureRow, ?> column(TableView<FailureRow> table, String id) {
        return table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
    }
}
