package dev.opsdesk.desktop.ui;

import java.util.function.Function;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.util.StringConverter;

/** Drop-down lists whose items are values shown in words ("All warehouses" for none, a state's label). */
public final class Choices {

    private Choices() {
    }

    /**
     * Shows each item of {@code box} as {@code text} says, in the list and on the button (a null item too: "Any
     * state"). The box is not editable, so nothing is parsed back.
     */
    public static <T> ComboBox<T> labelled(ComboBox<T> box, Function<T, String> text) {
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T value) {
                return text.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : text.apply(item));
            }
        });
        return box;
    }
}
