package dev.opsdesk.desktop.fx;

import static dev.opsdesk.desktop.testing.FxPointer.click;
import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.OpsClientConfig;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Reconciliation.Category;
import dev.opsdesk.client.model.Reconciliation.ExceptionItem;
import dev.opsdesk.client.model.Reconciliation.ResolutionCode;
import dev.opsdesk.client.model.Settlement;
import dev.opsdesk.desktop.reconciliation.ReconciliationView;
import dev.opsdesk.desktop.testing.TestSandbox;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
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

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settlement reconciliation through the real views against the shared sandbox: finance imports the sandbox's own
 * Adyen report, resolves an amount mismatch and the rest, submits; the preparer cannot approve; the approver
 * approves, the run locks, and the report is exported and read back with POI.
 */
@ExtendWith(ApplicationExtension.class)
class ReconciliationFxTest extends FxTestSupport {

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        startApp(stage);
    }

    @Stop
    void stop() {
        stopApp();
    }

    private ReconciliationView view(FxRobot robot) {
        return onFx(() -> (ReconciliationView) shell.scene().lookup("#page-reconciliation").getUserData());
    }

    @SuppressWarnings("unchecked")
    private static TableView<ExceptionItem> exceptions(FxRobot robot) {
        return onFx(() -> robot.lookup("#recon-exceptions").queryAs(TableView.class));
    }

    private static void openReconciliation(FxRobot robot) {
        click(robot, "#nav-reconciliation");
        waitUntil("the section shows", () -> isShowing(robot, "#page-reconciliation"));
    }

    /** The sandbox's own Adyen report of a day, as a trainee downloads it. */
    private Path sandboxAdyenFile(LocalDate day) throws Exception {
        Path file = dir.resolve("adyen-settlement-" + day + ".csv");
        try (OpsClient client = OpsClient.create(OpsClientConfig.builder(TestSandbox.shared().baseUri()).build());
             OutputStream out = Files.newOutputStream(file)) {
            client.sessions().signIn("finance", "sandbox".toCharArray());
            client.reconciliation().sandboxSettlementFile(Settlement.Provider.ADYEN, day, "csv", out);
        }
        return file;
    }

    /**
     * The payout date whose report settles the most Adyen captures of the seed: a day with enough captures for the
     * sandbox to plant its faults (it needs 8), whatever the time of day the test runs.
     */
    private static LocalDate busiestAdyenPayoutDay() throws Exception {
        Reconciliation.FeeSchedule adyen;
        List<Reconciliation.Run> adyenRuns;
        try (OpsClient client = OpsClient.create(OpsClientConfig.builder(TestSandbox.shared().baseUri()).build())) {
            client.sessions().signIn("finance", "sandbox".toCharArray());
            adyen = client.reconciliation().feeSchedules().stream().filter(f -> f.provider().equals("ADYEN"))
                    .findFirst().orElseThrow();
            adyenRuns = client.reconciliation().runs(new Reconciliation.RunFilter(null, List.of(),
                    Settlement.Provider.ADYEN, null), dev.opsdesk.client.model.PageRequest.first(100)).items();
        }
        java.time.ZoneId zone = java.time.ZoneId.of(adyen.timeZone());
        var captured = TestSandbox.shared().dsl().select(dev.opsdesk.sandbox.db.Tables.PAYMENT.CAPTURED_AT)
                .from(dev.opsdesk.sandbox.db.Tables.PAYMENT)
                .where(dev.opsdesk.sandbox.db.Tables.PAYMENT.PROVIDER.equalIgnoreCase("adyen"))
                .and(dev.opsdesk.sandbox.db.Tables.PAYMENT.CAPTURED_AT.isNotNull())
                .fetch(dev.opsdesk.sandbox.db.Tables.PAYMENT.CAPTURED_AT);
        // Days another run already reconciled (the seed has one) would be refused as the same file.
        LocalDate busiest = captured.stream().map(t -> t.atZoneSameInstant(zone).toLocalDate())
                .filter(d -> adyenRuns.stream().noneMatch(r -> r.periodFrom() != null && !d.isBefore(r.periodFrom())
                        && !d.isAfter(r.periodTo())))
                .collect(java.util.stream.Collectors.groupingBy(d -> d, java.util.stream.Collectors.counting()))
                .entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        return busiest.plusDays(adyen.settlementDelayDays());
    }

    private void fire(FxRobot robot, String id) {
        waitUntil(id + " is enabled", () -> !robot.lookup(id).queryAs(Button.class).isDisabled());
        click(robot, id);
    }

    @Test
    void financeImportsResolvesAndSubmitsTheApproverApprovesAndTheReportReadsBack(FxRobot robot) throws Exception {
        Path file = sandboxAdyenFile(busiestAdyenPayoutDay());
        signInWith(robot, "finance", "sandbox");
        waitForMainView(robot);
        openReconciliation(robot);
        ReconciliationView view = view(robot);
        onFx(() -> {
            view.importAction().filePicker(owner -> file);
            return null;
        });

        click(robot, "#recon-new-run");
        waitUntil("the preview shows", () -> exists(robot, "#recon-preview"));
        assertThat(textOf(robot, "#recon-preview-lines")).contains("capture");
        assertThat(onFx(() -> robot.lookup("#recon-preview-layout").queryAs(ComboBox.class).getValue()))
                .as("detected from the header").isEqualTo("adyen");
        robot.type(KeyCode.ENTER); // Import and match

        waitUntil("the run opens", () -> isShowing(robot, "#recon-run-title")
                && textOf(robot, "#recon-run-title").contains("Adyen"));
        String runId = onFx(() -> view.viewModel().runProperty().get().id());
        assertThat(textOf(robot, "#recon-run-state")).isEqualTo("In review");
        waitUntil("its exceptions are listed", () -> onFx(() -> !exceptions(robot).getItems().isEmpty()));

        // The amount off by a cent: resolved by hand with a note.
        onFx(() -> {
            view.viewModel().categoryFilterProperty().set(Category.AMOUNT_MISMATCH);
            return null;
        });
        waitUntil("the amount mismatch is listed", () -> onFx(() -> !exceptions(robot).getItems().isEmpty()
                && exceptions(robot).getItems().stream().allMatch(x -> x.category() == Category.AMOUNT_MISMATCH)));
        onFx(() -> {
            exceptions(robot).getSelectionModel().clearAndSelect(0);
            exceptions(robot).requestFocus();
            return null;
        });
        waitUntil("its detail shows the line as in the file", () -> isShowing(robot, "#recon-detail-lines"));
        robot.type(KeyCode.ENTER);
        waitUntil("the resolve dialog shows", () -> exists(robot, "#recon-resolve-dialog"));
        onFx(() -> {
            robot.lookup("#recon-resolve-code").<ComboBox<ResolutionCode>>query().setValue(ResolutionCode.WRITE_OFF);
            robot.lookup("#recon-resolve-note").queryAs(TextArea.class).setText("One cent, rounding at Adyen");
            return null;
        });
        click(robot, "Resolve");
        waitUntil("it is resolved", () -> textOf(robot, "#recon-result").contains("as Write-off"));

        // Submit is refused while exceptions are open, with the server's reason.
        waitUntil("Submit is greyed out with why", () -> robot.lookup("#recon-submit").queryAs(Button.class)
                .isDisabled() && robot.lookup("#recon-submit").queryAs(Button.class).getTooltip().getText()
                .contains("open"));

        // The rest at once: every open exception, timing difference.
        onFx(() -> {
            view.viewModel().categoryFilterProperty().set(null);
            return null;
        });
        waitUntil("the other open exceptions are listed", () -> onFx(() -> !exceptions(robot).getItems().isEmpty()
                && exceptions(robot).getItems().stream().noneMatch(x -> x.category() == Category.AMOUNT_MISMATCH
                && x.status() == Reconciliation.ExceptionStatus.OPEN)));
        onFx(() -> {
            int n = exceptions(robot).getItems().size();
            exceptions(robot).getSelectionModel().selectIndices(0, IntStream.range(1, n).toArray());
            exceptions(robot).requestFocus();
            return null;
        });
        robot.type(KeyCode.ENTER);
        waitUntil("the bulk dialog shows", () -> exists(robot, "#recon-resolve-dialog"));
        onFx(() -> {
            robot.lookup("#recon-resolve-code").<ComboBox<ResolutionCode>>query()
                    .setValue(ResolutionCode.TIMING_DIFFERENCE);
            robot.lookup("#recon-resolve-note").queryAs(TextArea.class).setText("Settles in the next batch");
            return null;
        });
        click(robot, "Resolve");
        waitUntil("none is open", () -> onFx(() -> view.viewModel().runProperty().get().summary()
                .openExceptions() == 0));

        fire(robot, "#recon-submit");
        waitUntil("it is submitted", () -> textOf(robot, "#recon-run-state").equals("Submitted"));
        assertThat(onFx(() -> robot.lookup("#recon-approve").queryAs(Button.class).isDisabled()))
                .as("finance may not approve").isTrue();

        click(robot, "#sign-out");
        waitForSignInView(robot);
        signInWith(robot, "approver", "sandbox");
        waitForMainView(robot);
        openReconciliation(robot);
        ReconciliationView approverView = view(robot);
        onFx(() -> {
            approverView.open(runId);
            return null;
        });
        waitUntil("the run opens for the approver", () -> isShowing(robot, "#recon-run-title")
                && textOf(robot, "#recon-run-title").startsWith(runId));
        assertThat(textOf(robot, "#recon-banner")).contains("waiting for an approver");
        fire(robot, "#recon-approve");
        waitUntil("it is approved", () -> textOf(robot, "#recon-run-state").equals("Approved"));
        assertThat(textOf(robot, "#recon-banner")).contains("locked");
        waitUntil("the preparer's buttons are off", () -> robot.lookup("#recon-rematch").queryAs(Button.class)
                .isDisabled());

        Path report = dir.resolve("report.xlsx");
        onFx(() -> {
            approverView.fileAsker((title, name, owner) -> report);
            return null;
        });
        click(robot, "#recon-report");
        click(robot, "#recon-report-xlsx");
        waitUntil("the report is written", () -> textOf(robot, "#recon-result").contains("report.xlsx"));
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(report))) {
            assertThat(wb.getSheetName(0)).isEqualTo("Summary");
            assertThat(Optional.ofNullable(wb.getSheet("Exceptions"))).isPresent();
            XSSFSheet summary = wb.getSheet("Summary");
            String approvedBy = IntStream.rangeClosed(1, summary.getLastRowNum())
                    .mapToObj(summary::getRow)
                    .filter(r -> r.getCell(0).getStringCellValue().equals("Approver"))
                    .map(r -> r.getCell(1).getStringCellValue()).findFirst().orElseThrow();
            assertThat(approvedBy).isEqualTo("approver");
            XSSFSheet exceptions = wb.getSheet("Exceptions");
            boolean writeOff = IntStream.rangeClosed(1, exceptions.getLastRowNum()).mapToObj(exceptions::getRow)
                    .anyMatch(r -> IntStream.range(0, r.getLastCellNum()).mapToObj(r::getCell)
                            .anyMatch(c -> c != null && c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                                    && c.getStringCellValue().equals("One cent, rounding at Adyen")));
            assertThat(writeOff).as("the resolution note is in the report").isTrue();
            assertThat(wb.getSheet("Matched").getLastRowNum()).isPositive();
            assertThat(wb.getSheet("Matched").getRow(1).getCell(5).getCellType())
                    .as("amounts are numbers").isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
        }
    }
}
