package dev.opsdesk.desktop.inventory.count;

import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.PageRequest;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.StockCount;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The "Count…" dialog's state: a warehouse of the user's, the scope (everything, a zone, or a list of SKUs or EANs
 * one per line), or one of the user's open counts to resume (with how many entries this computer still holds for
 * it). Starting asks the server; a code it does not know keeps the dialog open with the code named.
 */
public final class StartCountForm {

    /** An open count to resume, and the entries this computer still has to send for it. */
    public record Resumable(StockCount.Count count, int waiting) {
    }

    private final CountCalls calls;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Path outboxFolder;
    private final String username;

    private final ObservableList<String> warehouses = FXCollections.observableArrayList();
    private final ObjectProperty<String> warehouse = new SimpleObjectProperty<>(this, "warehouse");
    private final ObjectProperty<StockCount.Scope> scope = new SimpleObjectProperty<>(this, "scope",
            StockCount.Scope.LIST);
    private final StringProperty zone = new SimpleStringProperty(this, "zone", "");
    private final StringProperty codes = new SimpleStringProperty(this, "codes", "");
    private final ObservableList<Resumable> open = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<StockCount.Count> done = new ReadOnlyObjectWrapper<>(this, "done");
    private final BooleanBinding valid;
    private RequestOptions action = RequestOptions.newAction();

    /**
     * @param known every warehouse the app knows of; the form offers those {@code stockcount.submit} covers
     */
    public StartCountForm(CountCalls calls, Permits permits, BackgroundTasks tasks, ErrorMessages errors, URI server,
                          Path outboxFolder, List<String> known) {
        this.calls = Objects.requireNonNull(calls);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.outboxFolder = Objects.requireNonNull(outboxFolder);
        this.username = permits.username();
        Me me = permits.me();
        List<String> scoped = me.scopeOf(Permissions.STOCKCOUNT_SUBMIT).map(dev.opsdesk.client.model.Scope::warehouses).orElse(null);
        warehouses.setAll(scoped != null ? scoped
                : permits.allowed(Permissions.STOCKCOUNT_SUBMIT, Permits.Dimension.WAREHOUSE, known));
        valid = Bindings.createBooleanBinding(() -> warehouse.get() != null && switch (scope.get()) {
            case ALL -> true;
            case ZONE -> zone.get() != null && !zone.get().isBlank();
            case LIST -> !codeList().isEmpty();
        }, warehouse, scope, zone, codes);
        warehouse.addListener((obs, old, now) -> loadOpen());
        // Whatever changes what would be started is another request: a new key.
        warehouse.addListener((obs, old, now) -> action = RequestOptions.newAction());
        scope.addListener((obs, old, now) -> action = RequestOptions.newAction());
        zone.addListener((obs, old, now) -> action = RequestOptions.newAction());
        codes.addListener((obs, old, now) -> action = RequestOptions.newAction());
        if (!warehouses.isEmpty()) {
            warehouse.set(warehouses.get(0));
        }
    }

    /** The codes typed or pasted, one per line (blank lines and repeats left out). */
    public List<String> codeList() {
        String text = codes.get() == null ? "" : codes.get();
        return Arrays.stream(text.split("[\\r\\n,;\\t]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .toList();
    }

    /** The user's open counts in the chosen warehouse, newest first. */
    public void loadOpen() {
        String w = warehouse.get();
        open.clear();
        if (w == null) {
            return;
        }
        tasks.task("Loading open counts of " + w, p -> {
                    List<Resumable> found = new java.util.ArrayList<>();
                    for (StockCount.Count c : calls.counts(w, StockCount.State.OPEN, PageRequest.first(50)).items()) {
                        if (c.startedBy() == null || c.startedBy().equals(username)) {
                            CountOutbox box = CountOutbox.of(outboxFolder, c.id());
                            box.load();
                            found.add(new Resumable(c, box.entries()));
                        }
                    }
                    return found;
                })
                .quiet()
                .onSuccess(found -> {
                    if (Objects.equals(w, warehouse.get())) {
                        open.setAll(found);
                    }
                })
                .onFailure(e -> error.set(errors.describe("Could not load the open counts of " + w, e, server)))
                .start();
    }

    /** Starts the count; {@link #doneProperty()} then holds it. */
    public void start() {
        if (!valid.get() || busy.get()) {
            return;
        }
        busy.set(true);
        error.set(null);
        String w = warehouse.get();
        StockCount.Scope s = scope.get();
        String z = zone.get() == null ? null : zone.get().strip();
        List<String> list = codeList();
        RequestOptions key = action;
        tasks.task("Starting a count of " + w, p -> calls.start(w, s, z, list, key))
                .onSuccess(done::set)
                .onFailure(e -> error.set(errors.describe("Could not start the count", e, server)))
                .onFinally(() -> busy.set(false))
                .start();
    }

    /** Resumes an open count. */
    public void resume(StockCount.Count c) {
        done.set(Objects.requireNonNull(c));
    }

    public ObservableList<String> warehouses() {
        return warehouses;
    }

    public ObjectProperty<String> warehouseProperty() {
        return warehouse;
    }

    public ObjectProperty<StockCount.Scope> scopeProperty() {
        return scope;
    }

    public StringProperty zoneProperty() {
        return zone;
    }

    public StringProperty codesProperty() {
        return codes;
    }

    public ObservableList<Resumable> openCounts() {
        return open;
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** The count started or chosen: the dialog closes and the count page opens. */
    public ReadOnlyObjectProperty<StockCount.Count> doneProperty() {
        return done.getReadOnlyProperty();
    }
}
