package dev.opsdesk.desktop.overview;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.FailureFilter;
import dev.opsdesk.client.model.FailureSummary;
import dev.opsdesk.client.model.LiveEvent;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.desktop.shell.ClientFactory;
import dev.opsdesk.desktop.testing.TestSandbox;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.LiveUpdates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Overview's queue tiles and chart data against the real sandbox, and the refresh throttle. */
class OverviewViewModelTest {

    private final List<OpsClient> clients = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(OpsClient::close);
    }

    private OpsClient signIn(String username) {
        OpsClient client = ClientFactory.standard().create(TestSandbox.shared().baseUri());
        client.sessions().signIn(username, TestSandbox.user(username).password().toCharArray());
        clients.add(client);
        return client;
    }

    private OverviewViewModel overview(OpsClient client, Clock clock) {
        return new OverviewViewModel(client, client.me(), BackgroundTasks.inline(), ErrorMessages.systemDefault(),
                TestSandbox.shared().baseUri(), clock, opened::add);
    }

    @Test
    void tilesAreTheQueuesTheUserMayReadWithOpenAndNewCounts() {
        OpsClient ops = signIn("ops");
        OverviewViewModel vm = overview(ops, Clock.systemUTC());
        vm.activate(null);

        assertThat(vm.tiles()).extracting(OverviewViewModel.QueueTile::queue)
                .containsExactly("PAYMENT_CALLBACK", "INVENTORY_SYNC", "FULFILLMENT_EXPORT");
        for (OverviewViewModel.QueueTile tile : vm.tiles()) {
            long open = ops.failures().count(FailureFilter.queue(tile.queue()).withStatus("OPEN,REPLAYING"));
            assertThat(tile.openProperty().get()).as(tile.label()).isEqualTo(open);
            assertThat(tile.newLastHourProperty().get()).isNotNegative();
        }
        FailureSummary summary = vm.summaryProperty().get();
        assertThat(summary.hourly()).hasSize(24);
        assertThat(vm.updatedAtProperty().get()).isNotNull();

        vm.open(vm.tiles().get(1));
        assertThat(opened).containsExactly("INVENTORY_SYNC");
        // A bar of the chart opens that queue's failures of that hour.
        vm.openHour("PAYMENT_CALLBACK", summary.hourly().get(3).hour());
        assertThat(opened).last().isEqualTo("PAYMENT_CALLBACK@" + summary.hourly().get(3).hour());
        for (OverviewViewModel.QueueTile tile : vm.tiles()) {
            long past = ops.failures().count(FailureFilter.queue(tile.queue()).withPastSla(true));
            assertThat(tile.pastSlaProperty().get()).as("%s past SLA", tile.label()).isEqualTo(past);
        }
        assertThat(vm.tiles().get(0).slaTargetMinutesProperty().get()).isEqualTo(30);

        assertThat(overview(signIn("support"), Clock.systemUTC()).tiles()).extracting(OverviewViewModel.QueueTile::queue)
                .containsExactly("PAYMENT_CALLBACK");
        OverviewViewModel warehouse = overview(signIn("warehouse"), Clock.systemUTC());
        assertThat(warehouse.hasQueues()).isFalse();
        warehouse.activate(null);
        assertThat(warehouse.refreshCount()).as("no failure calls for someone who may not read them").isZero();
    }

    @Test
    void liveEventsRefreshTheCountsAtMostEveryFiveSeconds() {
        OpsClient support = signIn("support");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        LiveUpdates live = new LiveUpdates(Runnable::run);
        OverviewViewModel vm = overview(support, clock);
        vm.activate(live);
        assertThat(vm.refreshCount()).isEqualTo(1);
        var failure = support.failures().list(FailureFilter.queue("PAYMENT_CALLBACK"), PageRequest.first(1)).items().get(0);
        LiveEvent changed = new LiveEvent("1", "failure.updated", Instant.now(), failure, null);

        live.accept(changed);
        clock.advance(Duration.ofSeconds(2));
        live.accept(changed);
        vm.heartbeat();
        assertThat(vm.refreshCount()).as("within 5 s of the last refresh").isEqualTo(1);

        clock.advance(Duration.ofSeconds(3));
        vm.heartbeat();
        assertThat(vm.refreshCount()).isEqualTo(2);
        vm.heartbeat();
        clock.advance(Duration.ofSeconds(10));
        vm.heartbeat();
        assertThat(vm.refreshCount()).as("nothing changed since").isEqualTo(2);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
