package dev.opsdesk.desktop.failures;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.FailureSort;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.desktop.export.RowSource;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.LiveUpdates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.opsdesk.desktop.failures.FailureFixtures.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Failures list against the real in-process sandbox, with inline background tasks: how filters
 * become the server's query, lazy paging, and live updates.
 */
class FailuresViewModelTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private FailuresViewModel viewModel(OpsClient client) {
        toClose.add(client);
        return new FailuresViewModel(client, client.me(), BackgroundTasks.inline(), ErrorMessages.systemDefault(),
                FailureFixtures.server(), Clock.systemUTC());
    }

    private static QueueTab tab(FailuresViewModel vm, String queue) {
        return vm.queues().stream().filter(t -> java.util.Objects.equals(t.queue(), queue)).findFirst().orElseThrow();
    }

    @Test
    void anHourOfTheOverviewsChartListsTheFailuresFirstSeenInItWhateverTheirStatus() {
        OpsClient ops = signIn("ops");
        var summary = ops.failures().summary();
        // A past hour (the current one still grows) with payment callbacks in it.
        var bucket = summary.hourly().subList(0, summary.hourly().size() - 1).stream()
                .filter(b -> b.counts().getOrDefault("PAYMENT_CALLBACK", 0L) > 0).reduce((a, b) -> b).orElseThrow();
        FailuresViewModel vm = viewModel(ops);
        vm.activate(null);

        vm.open("PAYMENT_CALLBACK@" + bucket.hour());

        assertThat(vm.currentFilter().queue()).isEqualTo("PAYMENT_CALLBACK");
        assertThat(vm.currentFilter().status()).as("every status").isNull();
        assertThat(vm.currentFilter().since()).isEqualTo(bucket.hour());
        assertThat(vm.currentFilter().until()).isEqualTo(bucket.hour().plusSeconds(3600));
        assertThat(vm.list().totalProperty().get()).isEqualTo(bucket.counts().get("PAYMENT_CALLBACK"));
        assertThat(vm.rows()).hasSize(bucket.counts().get("PAYMENT_CALLBACK").intValue()).allSatisfy(row -> {
            assertThat(row.failure().firstSeenAt()).isAfterOrEqualTo(bucket.hour()).isBefore(bucket.hour().plusSeconds(3600));
            assertThat(row.failure().queue()).isEqualTo("PAYMENT_CALLBACK");
        });
        assertThat(vm.describe(vm.currentFilter())).contains("first seen ");

        vm.clearFilters();
        assertThat(vm.currentFilter().until()).isNull();
        assertThat(vm.hourProperty().get()).isNull();
    }

    @Test
    void filtersBecomeTheServersQueryAndTheListFollowsThem() {
        FailuresViewModel vm = viewModel(signIn("ops"));
        vm.activate(null);

        assertThat(vm.currentFilter()).isEqualTo(new FailureFilter(null, "OPEN,REPLAYING", null, null, null, null, null, null));

        vm.selectedQueueProperty().set(tab(vm, Failure.PAYMENT_CALLBACK));
        vm.statusProperty().set(StatusChoice.RESOLVED);
        vm.providerProperty().set("stripe");
        vm.ageProperty().set(AgeChoice.LAST_DAY);
        vm.searchTextProperty().set("  ");

        FailureFilter filter = vm.currentFilter();
        assertThat(filter.queue()).isEqualTo("PAYMENT_CALLBACK");
        assertThat(filter.status()).isEqualTo("RESOLVED");
        assertThat(filter.provider()).isEqualTo("stripe");
        assertThat(filter.q()).as("a blank search does not filter").isNull();
        assertThat(filter.since()).isCloseTo(Instant.now().minus(Duration.ofHours(24)), within(Duration.ofSeconds(10)));
        assertThat(vm.rows()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.failure().queue()).isEqualTo("PAYMENT_CALLBACK");
            assertThat(row.failure().status()).isEqualTo("RESOLVED");
            assertThat(row.failure().provider()).isEqualTo("stripe");
        });
        assertThat(vm.list().totalProperty().get()).isEqualTo((long) vm.rows().size());

        vm.statusProperty().set(StatusChoice.QUARANTINED);
        vm.reasonProperty().set("SIGNATURE_INVALID");
        vm.assigneeProperty().set(AssigneeChoice.ME);
        assertThat(vm.currentFilter().status()).isEqualTo("DEAD");
        assertThat(vm.currentFilter().reason()).isEqualTo("SIGNATURE_INVALID");
        assertThat(vm.currentFilter().assignee()).isEqualTo("me");

        vm.clearFilters();
        Failure some = vm.rows().get(3).failure();
        String orderPrefix = some.orderNumber().substring(0, some.orderNumber().length() - 1);
        vm.searchTextProperty().set(" " + orderPrefix.toLowerCase(java.util.Locale.ROOT) + " ");
        assertThat(vm.currentFilter().q()).isEqualTo(orderPrefix.toLowerCase(java.util.Locale.ROOT));
        assertThat(vm.rows()).isNotEmpty()
                .allSatisfy(row -> assertThat(row.failure().orderNumber()).startsWith(orderPrefix))
                .extracting(FailureRow::id).contains(some.id());
    }

    @Test
    void pagesAreAppendedAsTheUserScrollsAndLoadingStopsAtTheEnd() {
        FailuresViewModel vm = viewModel(signIn("ops"));
        vm.statusProperty().set(StatusChoice.ALL);
        vm.activate(null);
        long total = vm.list().totalProperty().get();
        assertThat(total).as("the small seed has a few hundred failures").isGreaterThan(FailuresViewModel.PAGE_SIZE);

        assertThat(vm.rows()).hasSize(FailuresViewModel.PAGE_SIZE);
        assertThat(vm.list().endReachedProperty().get()).isFalse();
        assertThat(vm.list().countTextProperty().get()).contains("failures match").contains("200 loaded");

        int pages = 1;
        while (!vm.list().endReachedProperty().get()) {
            int before = vm.rows().size();
            vm.loadMore();
            pages++;
            assertThat(vm.rows().size()).isGreaterThan(before);
            assertThat(pages).isLessThan(50);
        }
        assertThat(vm.rows()).hasSize((int) total);
        assertThat(vm.rows()).extracting(FailureRow::id).doesNotHaveDuplicates();
        for (int i = 1; i < vm.rows().size(); i++) {
            assertThat(vm.rows().get(i).failure().firstSeenAt()).as("newest first")
                    .isBeforeOrEqualTo(vm.rows().get(i - 1).failure().firstSeenAt());
        }
        vm.loadMore();
        assertThat(vm.rows()).hasSize((int) total);
        assertThat(vm.list().countTextProperty().get()).doesNotContain("loaded").doesNotContain("loading");
    }

    private static long amountOrNone(FailureRow row) {
        return row.failure().amount() == null ? -1 : row.failure().amount().amountMinor();
    }

    @Test
    void sortingByAmountLoadsFromTheFirstPageAndPagingContinuesInThatOrder() {
        OpsClient client = signIn("ops");
        FailuresViewModel vm = viewModel(client);
        vm.statusProperty().set(StatusChoice.ALL);
        vm.activate(null);
        vm.loadMore();
        long total = vm.list().totalProperty().get();
        assertThat(total).isGreaterThan(FailuresViewModel.PAGE_SIZE);
        assertThat(vm.rows()).hasSize((int) Math.min(total, 2 * FailuresViewModel.PAGE_SIZE));

        vm.sortProperty().set(SortChoice.LARGEST_AMOUNT);

        assertThat(vm.currentSort()).isEqualTo(new FailureSort("amount", true));
        assertThat(vm.currentFilter().status()).as("the filters stay").isNull();
        assertThat(vm.rows()).as("from the first page again").hasSize(FailuresViewModel.PAGE_SIZE);
        // Amounts compare within a currency (#15): the first currency A to Z, its largest amount first.
        String firstCurrency = null;
        long largest = 0;
        for (Failure f : client.failures().all(FailureFilter.none())) {
            if (f.amount() == null) {
                continue;
            }
            if (firstCurrency == null || f.amount().currency().compareTo(firstCurrency) < 0) {
                firstCurrency = f.amount().currency();
                largest = f.amount().amountMinor();
            } else if (f.amount().currency().equals(firstCurrency)) {
                largest = Math.max(largest, f.amount().amountMinor());
            }
        }
        assertThat(vm.rows().get(0).failure().amount().currency()).isEqualTo(firstCurrency);
        assertThat(amountOrNone(vm.rows().get(0))).as("the largest amount of that currency first").isEqualTo(largest);
        while (!vm.list().endReachedProperty().get()) {
            vm.loadMore();
        }
        assertThat(vm.rows()).hasSize((int) total);
        assertThat(vm.rows()).extracting(FailureRow::id).doesNotHaveDuplicates();
        for (int i = 1; i < vm.rows().size(); i++) {
            var before = vm.rows().get(i - 1).failure().amount();
            var now = vm.rows().get(i).failure().amount();
            if (before != null && now != null && before.currency().equals(now.currency())) {
                assertThat(now.amountMinor()).as("row %d is not larger than the one before", i)
                        .isLessThanOrEqualTo(before.amountMinor());
            } else if (before != null && now != null) {
                assertThat(now.currency()).as("currencies A to Z").isGreaterThan(before.currency());
            } else if (before == null) {
                assertThat(now).as("nothing with an amount after those without").isNull();
            }
        }
        assertThat(vm.rows().get(vm.rows().size() - 1).failure().amount())
                .as("failures without an amount come last").isNull();

        vm.sortProperty().set(SortChoice.FEWEST_ATTEMPTS);
        assertThat(vm.rows()).hasSize(FailuresViewModel.PAGE_SIZE);
        vm.loadMore();
        assertThat(vm.rows()).hasSize((int) Math.min(total, 2 * FailuresViewModel.PAGE_SIZE));
        for (int i = 1; i < vm.rows().size(); i++) {
            assertThat(vm.rows().get(i).failure().attemptCount())
                    .isGreaterThanOrEqualTo(vm.rows().get(i - 1).failure().attemptCount());
        }
    }

    @Test
    void aChangeOfSortKeepsTheSelectedFailureSelectedAndInTheDetail() {
        FailuresViewModel vm = viewModel(signIn("support"));
        vm.activate(null);
        assertThat(vm.list().endReachedProperty().get()).as("the open payment callbacks fit on one page").isTrue();
        FailureRow picked = vm.rows().get(5);
        vm.selection().setAll(List.of(picked));
        vm.select(picked);
        assertThat(vm.detail().failureProperty().get().id()).isEqualTo(picked.id());

        vm.sortProperty().set(SortChoice.OLDEST);

        assertThat(vm.rows().get(0).failure().firstSeenAt()).isBeforeOrEqualTo(vm.rows().get(1).failure().firstSeenAt());
        assertThat(vm.reselectProperty().get()).extracting(FailureRow::id).containsExactly(picked.id());
        assertThat(vm.reselectProperty().get().get(0)).isSameAs(vm.row(picked.id()));
        assertThat(vm.selection()).extracting(FailureRow::id).containsExactly(picked.id());
        assertThat(vm.detail().failureProperty().get().id()).as("the detail keeps its failure").isEqualTo(picked.id());

        vm.statusProperty().set(StatusChoice.RESOLVED);
        vm.select(null); // the table's selection emptied with the list
        assertThat(vm.currentSort()).as("a change of filter keeps the order").isEqualTo(SortChoice.OLDEST.sort());
        assertThat(vm.selection()).isEmpty();
        assertThat(vm.detail().failureProperty().get()).as("a change of filter clears the detail").isNull();
    }

    @Test
    void unassignedShowsOnlyFailuresNobodyHasTaken() {
        OpsClient client = signIn("ops");
        FailuresViewModel vm = viewModel(client);
        vm.statusProperty().set(StatusChoice.ALL);
        vm.assigneeProperty().set(AssigneeChoice.UNASSIGNED);
        vm.activate(null);

        assertThat(vm.currentFilter().assignee()).isEqualTo("none");
        assertThat(vm.rows()).isNotEmpty().allSatisfy(row -> assertThat(row.failure().assignee()).isNull());
        long all = client.failures().count(FailureFilter.none());
        long assigned = client.failures().count(FailureFilter.none().withAssignee("none"));
        assertThat(vm.list().totalProperty().get()).isEqualTo(assigned).isLessThan(all);
        assertThat(vm.describe(vm.currentFilter())).isEqualTo("all your queues · unassigned");

        Failure someone = java.util.stream.StreamSupport.stream(client.failures().all(FailureFilter.none()).spliterator(), false)
                .filter(f -> f.assignee() != null).findFirst().orElseThrow();
        assertThat(vm.matches(FailureFilter.none().withAssignee("none"), someone)).isFalse();
        assertThat(vm.matches(FailureFilter.none().withAssignee("none"), vm.rows().get(0).failure())).isTrue();
    }

    @Test
    void anExportOfAllMatchingRowsFetchesEveryPageInTheListsOrder() {
        FailuresViewModel vm = viewModel(signIn("ops"));
        vm.statusProperty().set(StatusChoice.ALL);
        vm.sortProperty().set(SortChoice.MOST_ATTEMPTS);
        vm.activate(null);
        assertThat(vm.exportPermit().allowed()).isTrue();
        assertThat(vm.export().dataset().name()).isEqualTo("failures");
        long total = vm.list().totalProperty().get();
        assertThat(vm.rows()).as("only the first page is loaded").hasSizeLessThan((int) total);

        RowSource<Failure> rows = vm.exportRows();
        List<String> exported = new ArrayList<>();
        rows.forEach(f -> exported.add(f.id()));

        assertThat(rows.knownSize()).hasValue(total);
        while (!vm.list().endReachedProperty().get()) {
            vm.loadMore();
        }
        assertThat(exported).as("every matching failure, in the list's order")
                .containsExactlyElementsOf(vm.rows().stream().map(FailureRow::id).toList());
    }

    @Test
    void queuesAreThoseTheUserMayReadWithTheirOpenCounts() {
        FailuresViewModel support = viewModel(signIn("support"));
        FailuresViewModel ops = viewModel(signIn("ops"));
        support.activate(null);
        ops.activate(null);

        assertThat(support.queues()).extracting(QueueTab::queue).containsExactly("PAYMENT_CALLBACK");
        assertThat(ops.queues()).extracting(QueueTab::queue)
                .containsExactly(null, "PAYMENT_CALLBACK", "INVENTORY_SYNC", "FULFILLMENT_EXPORT");
        long payment = tab(ops, "PAYMENT_CALLBACK").openProperty().get();
        long all = tab(ops, null).openProperty().get();
        assertThat(payment).isPositive().isEqualTo(tab(support, "PAYMENT_CALLBACK").openProperty().get());
        assertThat(all).isEqualTo(payment + tab(ops, "INVENTORY_SYNC").openProperty().get()
                + tab(ops, "FULFILLMENT_EXPORT").openProperty().get());
        assertThat(support.rows()).allSatisfy(row -> assertThat(row.failure().queue()).isEqualTo("PAYMENT_CALLBACK"));
    }

    @Test
    void aLiveEventUpdatesItsRowInPlaceAndNewFailuresAreCountedNotInserted() {
        OpsClient client = signIn("support");
        toClose.add(client);
        FailureFixtures.TestUiThread ui = new FailureFixtures.TestUiThread();
        LiveUpdates live = new LiveUpdates(ui);
        toClose.add(live);
        FailuresViewModel vm = new FailuresViewModel(client, client.me(), BackgroundTasks.inline(),
                ErrorMessages.systemDefault(), FailureFixtures.server(), Clock.systemUTC());
        vm.activate(live);
        live.start(client.events());
        ui.runUntil("live updates are on", () -> live.statusProperty().get() == LiveUpdates.Status.LIVE, 20);
        assertThat(vm.rows().size()).isGreaterThan(10);
        List<String> before = vm.rows().stream().map(FailureRow::id).toList();
        long totalBefore = vm.list().totalProperty().get();
        int index = 7;
        while ("support".equals(vm.rows().get(index).failure().assignee())) {
            index++;
        }
        FailureRow row = vm.rows().get(index);
        int at = index;

        // A colleague's session assigns it; the change arrives as a live event.
        try (OpsClient colleague = signIn("support")) {
            colleague.failures().assign(row.id(), "support", RequestOptions.newAction());
        }
        ui.runUntil("the row shows the new assignee", () -> "support".equals(row.failure().assignee()), 20);
        assertThat(vm.rows().get(at)).isSameAs(row);
        assertThat(vm.rows()).extracting(FailureRow::id).containsExactlyElementsOf(before);

        // A new failure arrives: counted in the notice, the rows stay where they are.
        String order = FailureFixtures.callbackForMissingOrder(1999);
        ui.runUntil("the new failure is counted", () -> vm.newCountProperty().get() == 1, 20);
        assertThat(vm.rows()).extracting(FailureRow::id).containsExactlyElementsOf(before);
        assertThat(vm.list().totalProperty().get()).isEqualTo(totalBefore + 1);

        vm.showNew();
        assertThat(vm.newCountProperty().get()).isZero();
        assertThat(vm.rows().get(0).failure().orderNumber()).isEqualTo(order);
        assertThat(vm.rows().get(0).failure().reason()).isEqualTo("ORDER_NOT_FOUND");
    }

    @Test
    void aNewFailureOutsideTheFiltersIsNotCounted() {
        OpsClient client = signIn("support");
        toClose.add(client);
        FailureFixtures.TestUiThread ui = new FailureFixtures.TestUiThread();
        LiveUpdates live = new LiveUpdates(ui);
        toClose.add(live);
        FailuresViewModel vm = new FailuresViewModel(client, client.me(), BackgroundTasks.inline(),
                ErrorMessages.systemDefault(), FailureFixtures.server(), Clock.systemUTC());
        vm.reasonProperty().set("AMOUNT_MISMATCH");
        vm.activate(live);
        live.start(client.events());
        ui.runUntil("live updates are on", () -> live.statusProperty().get() == LiveUpdates.Status.LIVE, 20);

        String order = FailureFixtures.callbackForMissingOrder(2500);
        Set<String> seen = new HashSet<>();
        live.addListener(events -> events.forEach(e -> {
            if (e.failure() != null && order.equals(e.failure().orderNumber())) {
                seen.add(e.failure().id());
            }
        }));
        ui.runUntil("the event arrived", () -> !seen.isEmpty(), 20);
        assertThat(vm.newCountProperty().get()).as("an ORDER_NOT_FOUND failure is not an amount mismatch").isZero();
    }

    /**
     * Live events are counted as "new" by the client's reading of the filter; that reading must give
     * the server's answer. For every kind of filter, a sample of failures in every state is checked
     * against what the server lists for it — not against a rule written again here.
     */
    @Test
    void clientSideMatchingGivesTheServersAnswer() {
        OpsClient client = signIn("ops");
        FailuresViewModel vm = viewModel(client);
        List<Failure> all = java.util.stream.StreamSupport.stream(
                client.failures().all(FailureFilter.none()).spliterator(), false).toList();
        Failure payment = all.stream().filter(f -> f.paymentReference() != null && f.orderNumber() != null)
                .findFirst().orElseThrow();
        List<Failure> sample = new ArrayList<>();
        for (String status : List.of("OPEN", "REPLAYING", "RESOLVED", "DISMISSED", "DEAD")) {
            all.stream().filter(f -> f.status().equals(status)).limit(4).forEach(sample::add);
        }
        all.stream().filter(f -> f.assignee() != null).limit(4).forEach(sample::add);
        sample.add(payment);

        List<FailureFilter> filters = List.of(
                FailureFilter.none(),
                FailureFilter.queue("INVENTORY_SYNC"),
                FailureFilter.queue("PAYMENT_CALLBACK").withStatus("OPEN,REPLAYING"),
                FailureFilter.none().withStatus("RESOLVED"),
                FailureFilter.none().withStatus("DEAD"),
                FailureFilter.none().withText(payment.orderNumber().toLowerCase(java.util.Locale.ROOT)),
                FailureFilter.none().withText(payment.paymentReference()),
                FailureFilter.none().withText("nothing-like-it"),
                FailureFilter.none().withSince(payment.firstSeenAt()),
                FailureFilter.none().withAssignee("me"),
                FailureFilter.none().withAssignee("none"),
                FailureFilter.none().withAssignee(sample.get(sample.size() - 2).assignee()),
                new FailureFilter(null, null, payment.reason(), null, null, null, null, null),
                new FailureFilter(null, null, null, payment.provider(), null, null, null, null));
        for (FailureFilter filter : filters) {
            Set<String> listed = new HashSet<>();
            client.failures().all(filter).forEach(f -> listed.add(f.id()));
            for (Failure f : sample) {
                assertThat(vm.matches(filter, f)).as("%s for %s (%s, assigned to %s)", filter, f.id(), f.status(),
                        f.assignee()).isEqualTo(listed.contains(f.id()));
            }
        }
    }

    @Test
    void theFiltersAreDescribedInWords() {
        FailuresViewModel vm = viewModel(signIn("support"));
        vm.providerProperty().set("paypal");
        vm.ageProperty().set(AgeChoice.LAST_HOUR);
        vm.searchTextProperty().set("ORD-1");

        assertThat(vm.describe(vm.currentFilter())).isEqualTo("payment callbacks · open · PayPal · last hour · “ORD-1”");
        Me me = vm.me();
        assertThat(me.user().username()).isEqualTo("support");
        assertThat(TestSandbox.shared()).isNotNull();
    }

    /**
     * Each queue speaks its own language: the Reason filter of a queue offers the reasons its failures
     * have (checked against every failure the server holds), a reason of another queue goes when the
     * queue changes, and the replay and retry texts speak of that queue's business.
     */
    @Test
    void eachQueueOffersItsOwnReasonsAndWords() {
        OpsClient client = signIn("ops");
        FailuresViewModel vm = viewModel(client);
        vm.activate(null);
        for (String queue : FailureTexts.QUEUES) {
            Set<String> seen = new HashSet<>();
            client.failures().all(FailureFilter.queue(queue)).forEach(f -> seen.add(f.reason()));
            assertThat(FailureTexts.reasonsOf(queue)).as("the reasons of %s", queue).containsAll(seen);
        }

        vm.selectedQueueProperty().set(tab(vm, Failure.PAYMENT_CALLBACK));
        vm.reasonProperty().set("ORDER_NOT_FOUND");
        assertThat(vm.reasonChoices()).contains("ORDER_NOT_FOUND", "SIGNATURE_INVALID").doesNotContain("WMS_UNAVAILABLE");

        vm.selectedQueueProperty().set(tab(vm, Failure.INVENTORY_SYNC));
        assertThat(vm.reasonChoices()).contains("WMS_UNAVAILABLE", "UNKNOWN_SKU")
                .doesNotContain("ORDER_NOT_FOUND", "SIGNATURE_INVALID", "AMOUNT_MISMATCH");
        assertThat(vm.reasonProperty().get()).as("a payment reason cannot match an inventory sync").isNull();
        assertThat(vm.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.failure().queue()).isEqualTo("INVENTORY_SYNC"));

        assertThat(FailureTexts.replaySafety(Failure.INVENTORY_SYNC)).doesNotContain("payment");
        assertThat(FailureTexts.replaySafety(Failure.PAYMENT_CALLBACK)).contains("captured at most once");
        assertThat(FailureTexts.fixFirst(Set.of(Failure.INVENTORY_SYNC))).doesNotContain("order")
                .contains("warehouse system");
        assertThat(FailureTexts.fixFirst(Set.of(Failure.PAYMENT_CALLBACK))).isEqualTo("wait until the order exists");
    }

    /**
     * Resolving a failure while the list shows open ones: its row is marked as having left (not
     * jumping away under the reader), it is no longer counted, the count is the server's, an export of
     * all matching leaves it out — and the next load drops it.
     */
    @Test
    void aRowThatNoLongerMatchesLeavesTheCountAndTheNextLoad() {
        OpsClient client = signIn("ops");
        FailuresViewModel vm = viewModel(client);
        vm.activate(null);
        vm.selectedQueueProperty().set(tab(vm, Failure.INVENTORY_SYNC));
        long before = vm.list().totalProperty().get();
        FailureRow row = vm.rows().stream().filter(r -> "OPEN".equals(r.failure().status())).findFirst().orElseThrow();

        vm.select(row);
        vm.detail().resolve("RESOLVED", "FIXED_MANUALLY", "Stock corrected in the WMS by hand");

        assertThat(row.failure().status()).isEqualTo("RESOLVED");
        assertThat(row.hasLeft()).isTrue();
        assertThat(vm.rows()).as("still there to read").contains(row);
        assertThat(vm.list().totalProperty().get()).isEqualTo(before - 1)
                .isEqualTo(client.failures().count(vm.list().query().filter()));
        List<String> exported = new ArrayList<>();
        vm.exportRows().forEach(f -> exported.add(f.id()));
        assertThat(exported).hasSize((int) (before - 1)).doesNotContain(row.id());

        vm.reload();
        assertThat(vm.rows()).extracting(FailureRow::id).doesNotContain(row.id());
    }

    /** The shell re-reads the user's permissions (F5, a 403): an open Failures section follows them. */
    @Test
    void theQueuesFollowAChangeOfPermissions() {
        OpsClient client = signIn("support");
        toClose.add(client);
        Me support = client.me();
        Me ops;
        try (OpsClient other = signIn("ops")) {
            ops = other.me();
        }
        javafx.beans.property.SimpleObjectProperty<Me> me = new javafx.beans.property.SimpleObjectProperty<>(support);
        FailuresViewModel vm = new FailuresViewModel(client, new dev.opsdesk.desktop.ui.Permits(me),
                BackgroundTasks.inline(), ErrorMessages.systemDefault(), FailureFixtures.server(), Clock.systemUTC());
        vm.activate(null);
        assertThat(vm.queues()).extracting(QueueTab::queue).containsExactly(Failure.PAYMENT_CALLBACK);

        me.set(ops);

        assertThat(vm.queues()).extracting(QueueTab::queue)
                .containsExactly(null, Failure.PAYMENT_CALLBACK, Failure.INVENTORY_SYNC, Failure.FULFILLMENT_EXPORT);
        assertThat(vm.selectedQueueProperty().get().queue()).as("the queue shown is kept where it still may be read")
                .isEqualTo(Failure.PAYMENT_CALLBACK);
        assertThat(vm.permissions().mayReplayAnything()).isTrue();
    }
}
