package dev.opsdesk.desktop.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * An action control that is greyed out, with the reason, while it is not permitted: "Your role may
 * not export tables." A disabled control shows no tooltip, so the reason goes on a wrapper around
 * it (id: the control's id + {@code -box}).
 */
public final class Gate {

    private Gate() {
    }

    /**
     * @param permit whether the action is available now, and why not
     * @param busy   true while something else runs that the action must wait for
     * @param tip    what the action does, shown while it is available
     */
    public static Node gate(Control control, ObservableValue<Permit> permit, ObservableBooleanValue busy, String tip) {
        control.disableProperty().bind(Bindings.createBooleanBinding(
                () -> permit.getValue() == null || !permit.getValue().allowed() || busy.get(), permit, busy));
        Tooltip tooltip = new Tooltip();
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
        tooltip.textProperty().bind(Bindings.createStringBinding(
                () -> permit.getValue() == null || permit.getValue().allowed() ? tip : permit.getValue().whyNot(),
                permit));
        StackPane wrapper = new StackPane(control);
        if (control.getId() != null) {
            wrapper.setId(control.getId() + "-box");
        }
        Tooltip.install(wrapper, tooltip);
        control.setTooltip(tooltip);
        return wrapper;
    }

    /** A control whose permit does not change while it is shown. */
    public static Node gate(Control control, Permit permit, String tip) {
        return gate(control, new ReadOnlyObjectWrapper<>(permit), new ReadOnlyBooleanWrapper(false), tip);
    }
}
