package dev.opsdesk.desktop.inventory.count;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.TransportException;
import dev.opsdesk.client.ValidationException;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Problem;
import dev.opsdesk.client.model.Reconciliation;
import dev.opsdesk.client.model.Scope;
import dev.opsdesk.client.model.StockCount;
import dev.opsdesk.client.model.User;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Permits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A counter at work without a server of their own: entries go out one by one with their keys; when the
 * connection drops they wait on this computer and go out in order, with the same keys, when it is back (also after
 * the app was closed); and nothing shown ever carries an expected quantity.
 */
class CountViewModelTest {

    private static final URI SERVER = URI.create("http://sandbox.test:8080");
    private static final StockCount.Count COUNT = new StockCount.Count("C-000007", "WH-1", StockCount.Scope.LIST,
            null, StockCount.State.OPEN, "warehouse", Instant.parse("2025-03-01T08:00:00Z"), null, 3, 0, 0, null, 1);
    private static final StockCount.Line PEN = new StockCount.Line("SKU-100001", "4006381333931", "Ballpoint pen",
            "pcs", "A", null, 0, false);
    private static final StockCount.Line CUP = new StockCount.Line("SKU-100002", "4006381333948", "Coffee cup",
            "pcs", "A", null, 0, false);

    @TempDir
    Path outboxes;

    private final FakeServer server = new FakeServer();
    private final List<Runnable> retries = new ArrayList<>();
    private CountViewModel vm;

    @BeforeEach
    void openTheCount() {
        vm = newViewModel();
        vm.open(COUNT);
    }

    private CountViewModel newViewModel() {
        Me me = new Me(new User("u-1", "warehouse", "Warehouse", List.of("warehouse"), List.of("WH-1", "WH-2")),
                List.of("warehouse"), List.of(Permissions.INVENTORY_READ, Permissions.STOCKCOUNT_SUBMIT,
                Permissions.RECON_PREPARE),
                Map.of(Permissions.STOCKCOUNT_SUBMIT, new Scope(null, List.of("WH-1", "WH-2"), null, null, null)),
                List.of("WH-1", "WH-2"));
        return new CountViewModel(server, Permits.of(me), BackgroundTasks.inline(), ErrorMessages.systemDefault(),
                SERVER, outboxes, (delay, action) -> {
            retries.add(action);
            return () -> retries.remove(action);
        });
    }

    private void count(String code, String quantity) {
        vm.codeProperty().set(code);
        vm.enterCode(false);
        assertThat(vm.codeMessageProperty().get()).isEmpty();
        assertThat(vm.stepProperty().get()).isEqualTo(CountViewModel.Step.QUANTITY);
        vm.quantityProperty().set(quantity);
        vm.enterQuantity();
    }

    @Test
    void aCodeThenAQuantityRecordsAnEntryAndGoesBackToTheCode() {
        count("4006381333931", "12");

        assertThat(server.sent).hasSize(1);
        assertThat(server.sent.get(0).entries()).containsExactly(new StockCount.EntryInput("4006381333931", 12,
                StockCount.Source.KEYED, null));
        assertThat(vm.stepProperty().get()).isEqualTo(CountViewModel.Step.CODE);
        assertThat(vm.codeProperty().get()).isEmpty();
        assertThat(vm.waitingProperty().get()).isZero();
        assertThat(vm.countProperty().get().countedLines()).isEqualTo(1);
        assertThat(vm.lastEntryProperty().get()).isEqualTo("Recorded 12 × SKU-100001 Ballpoint pen");
    }

    @Test
    void aWrongCodeSaysSoAndKeepsWhatWasTyped() {
        vm.codeProperty().set("4006381339999");
        vm.enterCode(false);

        assertThat(vm.codeMessageProperty().get()).isEqualTo("4006381339999 is not in the catalogue. Check the code,"
                + " or scan it again.");
        assertThat(vm.codeProperty().get()).isEqualTo("4006381339999");
        assertThat(vm.stepProperty().get()).isEqualTo(CountViewModel.Step.CODE);
        assertThat(server.sent).isEmpty();
    }

    @Test
    void aScannedEanAndANegativeCorrectionCarryTheirSource() {
        vm.codeProperty().set("4006381333931");
        vm.enterCode(true);
        vm.quantityProperty().set("5");
        vm.enterQuantity();
        vm.correct(PEN);
        assertThat(vm.quantityProperty().get()).isEqualTo("-");
        vm.quantityProperty().set("-2");
        vm.enterQuantity();

        assertThat(server.sent).extracting(b -> b.entries().get(0).source())
                .containsExactly(StockCount.Source.SCANNED, StockCount.Source.CORRECTION);
        assertThat(server.sent.get(1).entries().get(0)).isEqualTo(new StockCount.EntryInput("SKU-100001", -2,
                StockCount.Source.CORRECTION, null));
    }

    @Test
    void whenTheServerCannotBeReachedEntriesWaitAndGoOutInOrderWithTheirKeysOnceItIsBack() throws Exception {
        count("SKU-100001", "3");
        server.down = true;
        count("SKU-100002", "4");
        count("SKU-100001", "1");
        count("4006381333948", "2");

        assertThat(vm.waitingProperty().get()).isEqualTo(3);
        assertThat(vm.offlineProperty().get()).isTrue();
        assertThat(vm.outboxTextProperty().get()).startsWith("3 entries waiting to be sent");
        assertThat(retries).as("an automatic retry is planned").hasSize(1);
        assertThat(vm.submitPermit().getValue().allowed()).isFalse();
        List<String> keysTried = server.attempts.stream().skip(1).map(Sent::key).distinct().toList();

        server.down = false;
        retries.get(0).run();

        List<Sent> delivered = server.sent.subList(1, server.sent.size());
        assertThat(delivered).extracting(s -> s.entries().get(0).code() + "×" + s.entries().get(0).quantity())
                .containsExactly("SKU-100002×4", "SKU-100001×1", "4006381333948×2");
        assertThat(delivered.get(0).key()).as("the first waiting entry keeps the key it was first sent with")
                .isEqualTo(keysTried.get(0));
        assertThat(delivered).extracting(Sent::key).doesNotHaveDuplicates();
        assertThat(vm.waitingProperty().get()).isZero();
        assertThat(vm.outboxTextProperty().get()).isEmpty();
        assertThat(vm.offlineProperty().get()).isFalse();
        assertThat(Files.exists(CountOutbox.of(outboxes, COUNT.id()).file())).as("an empty outbox leaves no file")
                .isFalse();
    }

    @Test
    void whatWaitsSurvivesClosingTheAppAndIsSentWhenTheCountIsOpenedAgain() throws Exception {
        server.down = true;
        count("SKU-100002", "4");
        count("SKU-100001", "6");
        CountOutbox kept = CountOutbox.of(outboxes, COUNT.id());
        kept.load();
        List<String> keys = kept.batches().stream().map(CountOutbox.Batch::key).toList();
        assertThat(keys).hasSize(2);
        assertThat(server.attempts.get(0).key()).isEqualTo(keys.get(0));
        vm.dispose(); // the app closes

        server.down = false;
        CountViewModel again = newViewModel();
        again.open(COUNT);

        assertThat(server.sent).extracting(Sent::key).containsExactlyElementsOf(keys);
        assertThat(server.sent).extracting(s -> s.entries().get(0).quantity()).containsExactly(4, 6);
        assertThat(again.waitingProperty().get()).isZero();
    }

    @Test
    void anEntryTheServerAlreadyHasIsNotCountedTwice() {
        server.loseAnswers = 1; // recorded, but the answer never arrives
        count("SKU-100001", "3");
        assertThat(vm.waitingProperty().get()).isEqualTo(1);

        retries.get(0).run();

        assertThat(server.totals.get("SKU-100001")).isEqualTo(3);
        assertThat(vm.waitingProperty().get()).isZero();
    }

    @Test
    void aScannerFileRowTheCatalogueDoesNotKnowIsNamedByItsLineAndColumnAndNothingIsImported() throws Exception {
        Path file = outboxes.resolve("scan.csv");
        Files.writeString(file, "ean;qty\n4006381333931;2\n4006381339999;1\n");
        vm.importFile(file);

        assertThat(vm.importProblemProperty().get()).isEqualTo("scan.csv: line 3, column \"ean\": 4006381339999 is"
                + " not in the catalogue. Nothing of the file was imported.");
        assertThat(server.totals).isEmpty();
        assertThat(vm.waitingProperty().get()).isZero();
    }

    @Test
    void aScannerFileGoesOutAsOneBatchOfSeparateEntriesWithTheirLines() throws Exception {
        Path file = outboxes.resolve("scan.csv");
        Files.writeString(file, "ean,qty\n4006381333931,2\n4006381333948,1\n4006381333931,3\n");
        vm.importFile(file);

        assertThat(server.sent).hasSize(1);
        assertThat(server.sent.get(0).fileName()).isEqualTo("scan.csv");
        assertThat(server.sent.get(0).entries()).extracting(StockCount.EntryInput::fileLine).containsExactly(2, 3, 4);
        assertThat(server.sent.get(0).entries()).extracting(StockCount.EntryInput::source)
                .containsOnly(StockCount.Source.SCANNER_FILE);
        assertThat(server.totals).containsEntry("SKU-100001", 5).containsEntry("SKU-100002", 1);
        assertThat(vm.importResultProperty().get()).isEqualTo("Imported 3 rows of scan.csv (2 codes).");
    }

    @Test
    void nothingShownCarriesAnExpectedQuantity() {
        for (Class<?> shown : List.of(StockCount.Count.class, StockCount.Line.class, StockCount.EntriesResult.class,
                StockCount.Entry.class)) {
            assertThat(Arrays.stream(shown.getRecordComponents()).map(RecordComponent::getName)
                    .map(n -> n.toLowerCase(Locale.ROOT)))
                    .as(shown.getSimpleName()).noneMatch(n -> n.contains("expected") || n.contains("onhand")
                            || n.contains("system") || n.contains("platform"));
        }
        assertThat(CountExport.dataset().columnIds()).containsExactly("sku", "name", "zone", "counted", "entries",
                "ean", "unit", "added");
        vm.codeProperty().set("SKU-100002");
        vm.enterCode(false);
        assertThat(vm.targetTextProperty().get()).isEqualTo("SKU-100002 · Coffee cup (pcs)").doesNotContainPattern(
                "\\d{2,}$");
    }

    @Test
    void submittingAnIncompleteCountAsksAboutTheUncountedLines() {
        count("SKU-100001", "3");
        List<Integer> asked = new ArrayList<>();
        vm.submit(false, RequestOptions.newAction(), asked::add);
        assertThat(asked).containsExactly(2);
        assertThat(vm.resultProperty().get()).isEmpty();

        vm.submit(true, RequestOptions.newAction(), asked::add);
        assertThat(vm.resultProperty().get()).isEqualTo("Submitted as run R-000012 — a second person reviews and"
                + " approves it in Reconciliation.");
        assertThat(vm.runIdProperty().get()).isEqualTo("R-000012");
        assertThat(vm.entryPermit().getValue().allowed()).isFalse();
    }

    @Test
    void retriesWaitLongerEachTimeUpToAMinute() {
        server.down = true;
        count("SKU-100001", "3");
        for (int i = 0; i < 6; i++) {
            retries.get(0).run();
        }
        assertThat(server.attempts).hasSize(7);
        assertThat(vm.waitingProperty().get()).isEqualTo(1);
        assertThat(CountViewModel.FIRST_RETRY).isEqualTo(Duration.ofSeconds(5));
    }

    // --- a server in memory: the contract's behaviour for entries, idempotency and submit ---

    record Sent(String key, String fileName, List<StockCount.EntryInput> entries) {
    }

    private static final class FakeServer implements CountCalls {
        final List<Sent> attempts = new ArrayList<>();
        final List<Sent> sent = new ArrayList<>();
        final Map<String, Integer> totals = new java.util.LinkedHashMap<>();
        final Map<String, StockCount.EntriesResult> byKey = new java.util.HashMap<>();
        boolean down;
        int loseAnswers;

        private static StockCount.Line line(String code) {
            return List.of(PEN, CUP).stream().filter(l -> l.sku().equalsIgnoreCase(code) || l.ean().equals(code))
                    .findFirst().orElse(null);
        }

        @Override
        public Page<StockCount.Count> counts(String warehouse, StockCount.State state, PageRequest page) {
            return new Page<>(List.of(COUNT), null);
        }

        @Override
        public StockCount.Count start(String warehouse, StockCount.Scope scope, String zone, List<String> codes,
                                      RequestOptions action) {
            return COUNT;
        }

        @Override
        public StockCount.Count count(String countId) {
            return COUNT;
        }

        @Override
        public Page<StockCount.Line> lines(String countId, String q, Boolean uncounted, PageRequest page) {
            if (down) {
                throw new TransportException("refused", TransportException.Kind.CONNECT_FAILED, "GET", "x", null);
            }
            return new Page<>(List.of(PEN, CUP).stream().filter(l -> q == null || l.sku().equalsIgnoreCase(q)
                    || l.ean().equals(q)).map(this::withTotal).toList(), null);
        }

        private StockCount.Line withTotal(StockCount.Line l) {
            return new StockCount.Line(l.sku(), l.ean(), l.name(), l.unit(), l.zone(), totals.get(l.sku()),
                    totals.containsKey(l.sku()) ? 1 : 0, false);
        }

        @Override
        public StockCount.EntriesResult addEntries(String countId, List<StockCount.EntryInput> entries,
                                                   String fileName, RequestOptions action) {
            Sent s = new Sent(action.idempotencyKey(), fileName, entries);
            attempts.add(s);
            if (down) {
                throw new TransportException("refused", TransportException.Kind.CONNECT_FAILED, "POST", "x", null);
            }
            StockCount.EntriesResult seen = byKey.get(action.idempotencyKey());
            if (seen == null) {
                for (int i = 0; i < entries.size(); i++) {
                    if (line(entries.get(i).code()) == null) {
                        throw new ValidationException("unknown code", 422, new Problem("about:validation",
                                "Validation failed", 422, null, null, "req-1", List.of(new Problem.FieldError(
                                "entries[" + i + "].code", "not in the catalogue"))), "req-1", "POST", "x");
                    }
                }
                sent.add(s);
                for (StockCount.EntryInput e : entries) {
                    totals.merge(line(e.code()).sku(), e.quantity(), Integer::sum);
                }
                List<StockCount.Line> touched = entries.stream().map(e -> withTotal(line(e.code()))).distinct()
                        .toList();
                seen = new StockCount.EntriesResult(entries.size(), touched, new StockCount.Count(COUNT.id(),
                        COUNT.warehouse(), COUNT.scope(), null, StockCount.State.OPEN, COUNT.startedBy(),
                        COUNT.startedAt(), null, 3, totals.size(), sent.size(), null, 2));
                byKey.put(action.idempotencyKey(), seen);
            }
            if (loseAnswers > 0) {
                loseAnswers--;
                throw new TransportException("reset", TransportException.Kind.CONNECTION_RESET, "POST", "x", null);
            }
            return seen;
        }

        @Override
        public Reconciliation.Run submit(String countId, boolean uncountedAsZero, RequestOptions action) {
            int uncounted = 3 - totals.size();
            if (uncounted > 0 && !uncountedAsZero) {
                throw new dev.opsdesk.client.ConflictException("incomplete", 409, new Problem(
                        "https://opsdesk.dev/problems/count-incomplete", "Count incomplete", 409, null, null, "r",
                        List.of(), null, null, null, null, null, null, uncounted), "r", "POST", "x");
            }
            Instant now = Instant.now();
            return new Reconciliation.Run("R-000012", Reconciliation.Kind.STOCK_COUNT, null, "WH-1", countId, null,
                    null, Reconciliation.State.IN_REVIEW, "warehouse", null, now, now, now, null, null, null, 0, 0,
                    null, null, null, false, null, null, List.of(), List.of(), 1);
        }

        @Override
        public StockCount.Count cancel(String countId, String reason, RequestOptions action) {
            return COUNT;
        }

        @Override
        public Optional<StockCount.Line> catalogue(String warehouse, String code) {
            return Optional.empty();
        }
    }
}
