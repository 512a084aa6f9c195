package dev.opsdesk.desktop.inventory;

import dev.opsdesk.client.InventoryService;
import dev.opsdesk.client.RequestOptions;
import dev.opsdesk.client.StockChangedException;
import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.desktop.ui.BackgroundTasks;
import dev.opsdesk.desktop.ui.ErrorMessages;
import dev.opsdesk.desktop.ui.UserMessage;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One adjustment being decided: reason, signed quantity and note for the pair as the person saw it
 * (quantity and version). The server applies it only if the number is still what they saw; when
 * someone else changed it meanwhile, the form says so — "now 12, you saw 15" — takes the current
 * number as the one seen, and keeps everything typed, so the person re-decides and nothing is lost.
 */
public final class AdjustmentForm {

    private final InventoryService inventory;
    private final BackgroundTasks tasks;
    private final ErrorMessages errors;
    private final URI server;
    private final Inventory.StockPair pair;
    private final Consumer<Inventory.AdjustmentResult> onDone;

    private final ObjectProperty<Inventory.AdjustmentReason> reason = new SimpleObjectProperty<>(this, "reason");
    private final StringProperty quantity = new SimpleStringProperty(this, "quantity", "");
    private final StringProperty note = new SimpleStringProperty(this, "note", "");
    private final ReadOnlyIntegerWrapper seenQuantity = new ReadOnlyIntegerWrapper(this, "seenQuantity");
    private final ReadOnlyLongWrapper seenVersion = new ReadOnlyLongWrapper(this, "seenVersion");
    private final ReadOnlyStringWrapper conflict = new ReadOnlyStringWrapper(this, "conflict");
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyObjectWrapper<Inventory.AdjustmentResult> done = new ReadOnlyObjectWrapper<>(this, "done");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final BooleanBinding valid;

    AdjustmentForm(InventoryService inventory, BackgroundTasks tasks, ErrorMessages errors, URI server,
                   Inventory.StockPair pair, Consumer<Inventory.AdjustmentResult> onDone) {
        this.inventory = Objects.requireNonNull(inventory);
        this.tasks = Objects.requireNonNull(tasks);
        this.errors = Objects.requireNonNull(errors);
        this.server = server;
        this.pair = Objects.requireNonNull(pair);
        this.onDone = Objects.requireNonNull(onDone);
        seenQuantity.set(pair.platform().quantity());
        seenVersion.set(pair.platform().version());
        valid = Bindings.createBooleanBinding(() -> reason.get() != null && delta() != null, reason, quantity);
        preview.bind(Bindings.createStringBinding(() -> {
            Integer d = delta();
            return d == null ? "Platform now " + seenQuantity.get()
                    : "Platform " + seenQuantity.get() + " → " + (seenQuantity.get() + d) + " (" + (d > 0 ? "+" : "")
                    + d + ")";
        }, quantity, seenQuantity));
    }

    /** The signed change typed, or null when it is not a whole number other than 0. */
    Integer delta() {
        String t = quantity.get() == null ? "" : quantity.get().trim().replace("−", "-");
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            int d = Integer.parseInt(t);
            return d == 0 || Math.abs(d) > 1_000_000 ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Sends it, naming the version last seen; a conflict keeps the form open with the current number. */
    public void submit() {
        Integer d = delta();
        if (!valid.get() || busy.get()) {
            return;
        }
        busy.set(true);
        error.set(null);
        int sawQuantity = seenQuantity.get();
        long sawVersion = seenVersion.get();
        Inventory.AdjustmentReason why = reason.get();
        String text = note.get();
        // A re-decision is a new request: a fresh idempotency key each time.
        tasks.task("Adjusting " + pair.sku() + " at " + pair.warehouse(), p -> inventory.adjust(pair.warehouse(),
                        pair.sku(), why, d, text, sawVersion, RequestOptions.newAction()))
                .onSuccess(result -> {
                    conflict.set(null);
                    done.set(result);
                    onDone.accept(result);
                })
                .onFailure(e -> {
                    if (e instanceof StockChangedException changed) {
                        conflict.set("Changed by someone else: now " + changed.currentQuantity() + ", you saw "
                                + sawQuantity + ". Check your change against the new number and adjust again, or"
                                + " cancel.");
                        seenQuantity.set(changed.currentQuantity());
                        seenVersion.set(changed.currentVersion());
                    } else {
                        error.set(errors.describe("Could not adjust " + pair.sku() + " at " + pair.warehouse(), e,
                                server));
                    }
                })
                .onFinally(() -> busy.set(false))
                .start();
    }

    public Inventory.StockPair pair() {
        return pair;
    }

    public ObjectProperty<Inventory.AdjustmentReason> reasonProperty() {
        return reason;
    }

    public StringProperty quantityProperty() {
        return quantity;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public ObservableValue<Boolean> validProperty() {
        return valid;
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty conflictProperty() {
        return conflict.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Inventory.AdjustmentResult> doneProperty() {
        return done.getReadOnlyProperty();
    }

    public long seenVersion() {
        return seenVersion.get();
    }
}
