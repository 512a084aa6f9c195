package dev.opsdesk.desktop.list;

import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paged list every section uses, driven step by step: the worker runs a queued page only when
 * the test says so, so that answers can arrive late, out of order, or not at all — as they do on a
 * slow network. (The sections' own tests run the same list against the real sandbox.)
 */
class PagedListTest {

    private static final URI SERVER = URI.create("http://127.0.0.1:1");

    /** Work handed to the worker, run when the test says; callbacks run at once (the "UI thread"). */
    private final Deque<Runnable> worker = new ArrayDeque<>();
    private final BackgroundTasks tasks = new BackgroundTasks(worker::add, Runnable::run);
    private final List<String> asked = new ArrayList<>();
    /** When set, the next page asked for fails like a dropped connection. */
    private boolean failNext;

    /** A server with {@code size} rows per query, named "query-n", pages of 10, counted. */
    private PagedList<String, String> list(int size) {
        return new PagedList<String, String>(tasks, ErrorMessages.systemDefault(), SERVER,
                new PagedList.Nouns("row", "rows"), 10, (query, request) -> page(query, request, size), r -> r)
                .countedBy(query -> size);
    }

    private Page<String> page(String query, PageRequest request, int size) throws java.net.SocketException {
        asked.add(query + "@" + (request.cursor() == null ? 0 : request.cursor()));
        if (failNext) {
            failNext = false;
            throw new java.net.SocketException("Connection reset");
        }
        int from = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
        int to = Math.min(size, from + request.limit());
        List<String> rows = IntStream.range(from, to).mapToObj(i -> query + "-" + i).toList();
        return new Page<>(rows, to < size ? Integer.toString(to) : null);
    }

    /** Lets the worker answer everything queued so far (and what those answers queue). */
    private void answerAll() {
        while (!worker.isEmpty()) {
            worker.poll().run();
        }
    }

    @Test
    void aSlowAnswerToAnEarlierFilterNeverLandsInTheNewList() {
        PagedList<String, String> list = list(25);
        list.load("old");
        Runnable oldPage = worker.poll();
        Runnable oldCount = worker.poll();
        list.load("new");

        answerAll();
        oldPage.run(); // the old answer arrives last
        oldCount.run();

        assertThat(list.rows()).hasSize(10).allSatisfy(r -> assertThat(r).startsWith("new-"));
        assertThat(list.query()).isEqualTo("new");
        assertThat(list.countTextProperty().get()).isEqualTo("25 rows match · 10 loaded");
        assertThat(list.loadingProperty().get()).isFalse();
    }

    @Test
    void askedForMoreWhileAPageIsOnItsWayTheNextFollowsWithoutAskingAgain() {
        PagedList<String, String> list = list(25);
        list.load("q");
        list.loadMore(); // the user is already at the end while the first page loads
        answerAll();

        assertThat(list.rows()).hasSize(20).doesNotHaveDuplicates();
        assertThat(asked).containsExactly("q@0", "q@10");
        assertThat(list.countTextProperty().get()).isEqualTo("25 rows match · 20 loaded");

        list.loadMore();
        answerAll();
        assertThat(list.rows()).hasSize(25);
        assertThat(list.endReachedProperty().get()).isTrue();
        assertThat(list.countTextProperty().get()).isEqualTo("25 rows match");
        list.loadMore();
        assertThat(worker).as("nothing more to ask at the end").isEmpty();
    }

    @Test
    void aFailedPageSaysSoAndTheSamePageIsAskedAgainOnRetry() {
        PagedList<String, String> list = list(25);
        list.load("q");
        answerAll();

        failNext = true;
        list.loadMore();
        answerAll();
        assertThat(list.errorProperty().get().headline()).isEqualTo("Could not load more rows");
        assertThat(list.rows()).hasSize(10);
        assertThat(list.endReachedProperty().get()).as("the rest can still be loaded").isFalse();

        list.retry();
        answerAll();
        assertThat(asked).containsExactly("q@0", "q@10", "q@10");
        assertThat(list.rows()).hasSize(20).doesNotHaveDuplicates();
        assertThat(list.errorProperty().get()).as("the failure is over once the page came in").isNull();
    }

    @Test
    void aFailedFirstPageEndsTheListUntilItIsLoadedAgain() {
        PagedList<String, String> list = new PagedList<String, String>(tasks, ErrorMessages.systemDefault(), SERVER,
                new PagedList.Nouns("event", "events", "audit events"), 10, (q, r) -> page(q, r, 5), null);
        failNext = true;
        list.load("q");
        answerAll();

        assertThat(list.errorProperty().get().headline()).isEqualTo("Could not load the audit events");
        assertThat(list.countTextProperty().get()).isEqualTo("Nothing loaded");
        list.loadMore();
        assertThat(worker).as("scrolling an empty, failed list asks nothing").isEmpty();

        list.retry();
        answerAll();
        assertThat(list.rows()).hasSize(5);
        assertThat(list.errorProperty().get()).isNull();
        assertThat(list.countTextProperty().get()).as("uncounted, all loaded").isEqualTo("5 events");
    }

    @Test
    void cancelledLoadingSaysSoAndStopsPagingUntilTheNextLoad() {
        PagedList<String, String> list = list(25);
        list.load("q");
        answerAll();
        list.loadMore();
        tasks.running().get(0).cancel(); // Cancel in the status bar
        answerAll();

        assertThat(list.stoppedProperty().get()).isTrue();
        assertThat(list.countTextProperty().get()).isEqualTo("10 loaded · loading stopped (F5 loads again)");
        list.loadMore();
        assertThat(worker).as("nothing loads by itself once stopped").isEmpty();

        list.reload();
        answerAll();
        assertThat(list.stoppedProperty().get()).isFalse();
        assertThat(list.rows()).hasSize(10);
    }

    @Test
    void aRowThatLeavesTheQueryLeavesTheListAndTheCount() {
        PagedList<String, String> list = list(25);
        list.load("q");
        answerAll();

        assertThat(list.remove("q-3")).isTrue();
        assertThat(list.rows()).hasSize(9).doesNotContain("q-3");
        assertThat(list.row("q-3")).isNull();
        assertThat(list.totalProperty().get()).isEqualTo(24);
        assertThat(list.countTextProperty().get()).isEqualTo("24 rows match · 9 loaded");
        assertThat(list.remove("q-3")).as("gone already").isFalse();
    }

    @Test
    void aCountFromElsewhereCountsOnlyForTheQueryShown() {
        PagedList<String, String> list = list(25);
        list.load("q");
        answerAll();

        list.setTotal("other", 99);
        assertThat(list.totalProperty().get()).isEqualTo(25);
        list.setTotal("q", 26);
        assertThat(list.countTextProperty().get()).startsWith("26 rows match");
    }

    @Test
    void theFirstPageIsHandedOverOnceItIsInTheList() {
        AtomicInteger seen = new AtomicInteger(-1);
        PagedList<String, String> list = list(25);
        list.onFirstPage(rows -> seen.set(list.rows().size()));
        list.load("q");
        assertThat(list.countTextProperty().get()).isEqualTo("Loading…");
        answerAll();
        assertThat(seen.get()).isEqualTo(10);
    }
}
