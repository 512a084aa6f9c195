package dev.opsdesk.desktop.inventory.count;

import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Gate;
import dev.opsdesk.desktop.ui.Permits;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Counting as the Inventory page uses it: the "Count…" button (gated by {@code stockcount.submit}) that starts or
 * resumes a count, and the count page the Inventory page shows in place of the matrix while a count is open.
 */
public final class CountPage {

    private final CountCalls calls;
    private final Permits permits;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Formats formats;
    private final Path outboxFolder;
    private final Supplier<List<String>> warehouses;
    private final CountViewModel vm;
    private final CountView view;
    private final BooleanBinding showing;

    /**
     * @param outboxFolder where the outboxes of this server's counts live ({@link CountOutbox#folder})
     * @param openRun      opens a run in the Reconciliation section; null when the user cannot see it
     * @param warehouses   the warehouses the Inventory page knows of, for the start dialog
     */
    public CountPage(CountCalls calls, Permits permits, BackgroundTasks tasks, ErrorMessages errors, URI server,
                     Formats formats, Path outboxFolder, CountViewModel.Retry retry, Consumer<String> openRun,
                     Supplier<List<String>> warehouses) {
        this.calls = Objects.requireNonNull(calls);
        this.permits = Objects.requireNonNull(permits);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.formats = Objects.requireNonNull(formats);
        this.outboxFolder = Objects.requireNonNull(outboxFolder);
        this.warehouses = Objects.requireNonNull(warehouses);
        this.vm = new CountViewModel(calls, permits, tasks, errors, server, outboxFolder, retry);
        this.view = new CountView(vm, formats, openRun, vm::close);
        this.showing = vm.countProperty().isNotNull();
    }

    /** "Count…", greyed out with the reason when the user may not count. */
    public Node startButton(Node owner) {
        Button count = new Button("C_ount…");
        count.setId("inventory-count");
        count.setMnemonicParsing(true);
        count.setOnAction(e -> start(owner));
        return Gate.gate(count, permits.permitOf(Permissions.STOCKCOUNT_SUBMIT), new ReadOnlyBooleanWrapper(false),
                "Count stock in one of your warehouses — everything, a zone or a list of SKUs — or resume an open"
                        + " count. The count is blind.");
    }

    /** Asks what to count (or which count to resume) and opens it. */
    public void start(Node owner) {
        StartCountForm form = new StartCountForm(calls, permits, tasks, errors, server, outboxFolder,
                warehouses.get());
        StartCountDialog.ask(form, formats, owner).ifPresent(c -> {
            vm.open(c);
            view.focusCode();
        });
    }

    /** True while a count is open (the page shows it instead of the matrix). */
    public BooleanBinding showing() {
        return showing;
    }

    public Node page() {
        return view.root();
    }

    public CountView view() {
        return view;
    }

    public CountViewModel viewModel() {
        return vm;
    }

    public void dispose() {
        view.dispose();
    }
}
