package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.Money;
import dev.opsdesk.client.model.ReplayPreview;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.opsdesk.desktop.failures.BulkReplayViewModel.Stage.CONFIRM;
import static dev.opsdesk.desktop.failures.BulkReplayViewModel.Stage.FINISHED;
import static dev.opsdesk.desktop.failures.BulkReplayViewModel.Stage.NOTHING_TO_DO;
import static dev.opsdesk.desktop.failures.BulkReplayViewModel.Stage.PREVIEWING;
import static dev.opsdesk.desktop.failures.BulkReplayViewModel.Stage.RUNNING;
import static dev.opsdesk.desktop.failures.BulkReplayViewModel.Stage.STARTING;
import static dev.opsdesk.desktop.failures.FailureFixtures.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/** A bulk replay from preview to "retry failed only", against the real sandbox's replay jobs. */
class BulkReplayViewModelTest {

    private final OpsClient support = signIn("support");

    @AfterEach
    void close() {
        support.close();
    }

    private BulkReplayViewModel bulk(List<String> ids) {
        return new BulkReplayViewModel(support, BackgroundTasks.inline(), ErrorMessages.systemDefault(),
                FailureFixtures.server(), ids, null, "the selected failures");
    }

    @Test
    void previewConfirmProgressResultAndRetryOfOnlyTheFailedItems() {
        Failure capture = FailureFixtures.openWithEffect(support, "PAYMENT_CALLBACK", "CAPTURE_PAYMENT");
        Failure missingOrder = FailureFixtures.failsAgainForSure(support, null, Set.of(capture.id()));
        Failure quarantined = FailureFixtures.withStatus(support, "PAYMENT_CALLBACK", "DEAD");
        BulkReplayViewModel vm = bulk(List.of(capture.id(), missingOrder.id(), quarantined.id()));

        vm.preview();

        assertThat(vm.stageProperty().get()).isEqualTo(CONFIRM);
        assertThat(vm.effectLines()).containsExactly(
                "1 will capture a payment — " + Formats.money(capture.amount()),
                "1 will most likely fail again (nothing changed since the last attempt)",
                "1 cannot be replayed (quarantined, already closed or being replayed) — skipped");
        assertThat(vm.previewItems()).hasSize(3);
        assertThat(vm.runnable()).isEqualTo(2);
        assertThat(vm.jobProperty().get()).as("nothing runs before the confirmation").isNull();

        vm.confirm();

        assertThat(vm.history()).containsExactly(PREVIEWING, CONFIRM, STARTING, RUNNING, FINISHED);
        assertThat(vm.resultTextProperty().get()).isEqualTo("Done: 1 succeeded, 1 failed, 1 skipped.");
        assertThat(vm.failedItems()).singleElement().satisfies(item -> {
            assertThat(item.failureId()).isEqualTo(missingOrder.id());
            assertThat(item.outcome()).isEqualTo("FAILED");
            assertThat(item.error()).isNotBlank();
        });
        assertThat(vm.skippedItems()).extracting(i -> i.failureId()).containsExactly(quarantined.id());
        assertThat(vm.canRetryFailedProperty().get()).isTrue();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(support.failures().get(capture.id()).failure().status()).isEqualTo("RESOLVED");
        String firstJob = vm.jobProperty().get().id();

        vm.retryFailed();

        assertThat(vm.stageProperty().get()).isEqualTo(FINISHED);
        assertThat(vm.jobProperty().get().retryOf()).isEqualTo(firstJob);
        assertThat(vm.jobProperty().get().total()).as("only the failed item").isEqualTo(1);
        assertThat(vm.failedItems()).extracting(i -> i.failureId()).containsExactly(missingOrder.id());
        assertThat(vm.canRetryFailedProperty().get()).isTrue();
    }

    @Test
    void theResultNamesTheMoneyMovedAndTheJobAndExportsEveryFailedItem(@org.junit.jupiter.api.io.TempDir
                                                                              java.nio.file.Path dir) throws Exception {
        Failure capture = FailureFixtures.openWithEffect(support, "PAYMENT_CALLBACK", "CAPTURE_PAYMENT");
        Failure missingOrder = FailureFixtures.failsAgainForSure(support, null, Set.of(capture.id()));
        BulkReplayViewModel vm = bulk(List.of(capture.id(), missingOrder.id()));
        vm.preview();
        vm.confirm();

        assertThat(vm.stageProperty().get()).isEqualTo(FINISHED);
        assertThat(vm.moneyTextProperty().get()).isEqualTo("Captured " + Formats.money(capture.amount()) + ".");
        assertThat(vm.auditEntity()).isEqualTo("replay_job:" + vm.jobProperty().get().id());

        java.nio.file.Path file = dir.resolve("failed.csv");
        vm.exportFailed(file, dev.opsdesk.desktop.export.ExportFormat.CSV);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> !vm.failedExport().runningProperty().get());
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("Failure ID,Order number");
        assertThat(lines.get(1)).startsWith(missingOrder.id() + "," + missingOrder.orderNumber()).contains("Failed");
        vm.close();
    }

    @Test
    void thePreviewSaysHowMuchMoneyTheCapturesAddUpToPerCurrency() {
        List<Failure> captures = FailureFixtures.openWithEffect(support, "PAYMENT_CALLBACK", "CAPTURE_PAYMENT", 3, Set.of());
        assertThat(captures).hasSize(3);
        Map<String, Long> sums = new TreeMap<>();
        captures.forEach(f -> sums.merge(f.amount().currency(), f.amount().amountMinor(), Long::sum));
        BulkReplayViewModel vm = bulk(captures.stream().map(Failure::id).toList());

        vm.preview();

        assertThat(vm.previewProperty().get().captureTotals())
                .containsExactlyInAnyOrderElementsOf(sums.entrySet().stream().map(e -> new Money(e.getValue(), e.getKey())).toList());
        String line = vm.effectLines().get(0);
        assertThat(line).startsWith("3 will capture a payment — ").endsWith(" in total");
        sums.forEach((currency, minor) -> assertThat(line).contains(Formats.money(new Money(minor, currency))));
        if (sums.size() == 1) {
            assertThat(line).isEqualTo("3 will capture a payment — "
                    + Formats.money(new Money(sums.values().iterator().next(), sums.keySet().iterator().next())) + " in total");
        }
        Failure first = captures.get(0);
        ReplayPreview.Item item = vm.previewItems().stream().filter(i -> i.failureId().equals(first.id())).findFirst().orElseThrow();
        assertThat(vm.describe(item)).as("named by the order, with its amount, when the list has not loaded it")
                .startsWith(first.orderNumber() + " · " + Formats.money(first.amount()) + "  —  ");
        vm.close();
    }

    @Test
    void aRetryOfTheFailedItemsSucceedsOnceTheirCauseIsFixed() {
        Failure missingOrder = FailureFixtures.failsAgainForSure(support, "ORDER_NOT_FOUND", Set.of());
        BulkReplayViewModel vm = bulk(List.of(missingOrder.id()));
        vm.preview();
        vm.confirm();
        assertThat(vm.failedItems()).hasSize(1);

        // The checkout catches up: the order now exists.
        TestSandbox.shared().placeOrder(missingOrder.orderNumber(), missingOrder.amount().amountMinor(),
                missingOrder.amount().currency(), missingOrder.provider(), missingOrder.paymentReference());
        vm.retryFailed();

        assertThat(vm.resultTextProperty().get()).isEqualTo("Done: 1 succeeded, 0 failed, 0 skipped.");
        assertThat(vm.failedItems()).isEmpty();
        assertThat(vm.canRetryFailedProperty().get()).isFalse();
    }

    @Test
    void aSelectionWithNothingReplayableSaysSoAndStartsNothing() {
        Failure quarantined = FailureFixtures.withStatus(support, "PAYMENT_CALLBACK", "DEAD");
        Failure resolved = FailureFixtures.withStatus(support, "PAYMENT_CALLBACK", "RESOLVED");
        BulkReplayViewModel vm = bulk(List.of(quarantined.id(), resolved.id()));

        vm.preview();
        assertThat(vm.stageProperty().get()).isEqualTo(NOTHING_TO_DO);
        assertThat(vm.effectLines()).containsExactly(
                "2 cannot be replayed (quarantined, already closed or being replayed) — skipped");
        vm.confirm();
        assertThat(vm.jobProperty().get()).isNull();
    }

    @Test
    void aFilterSelectionIsPreviewedWithCountsByEffect() {
        try (OpsClient ops = signIn("ops")) {
            BulkReplayViewModel vm = new BulkReplayViewModel(ops, BackgroundTasks.inline(), ErrorMessages.systemDefault(),
                    FailureFixtures.server(), null, FailureFilter.none().withStatus("OPEN"), "all open failures");
            vm.preview();
            assertThat(vm.isByFilter()).isTrue();
            assertThat(vm.stageProperty().get()).isEqualTo(CONFIRM);
            assertThat(vm.effectLines()).anySatisfy(line -> assertThat(line).endsWith("will sync stock between platform, ERP and warehouse"));
            assertThat(vm.effectLines()).anySatisfy(line -> assertThat(line).endsWith("outside what you may replay — skipped"));
            long sum = vm.previewProperty().get().byEffect().values().stream().mapToLong(Long::longValue).sum();
            assertThat(sum).isEqualTo(vm.previewProperty().get().total());
            vm.close();
        }
    }
}
