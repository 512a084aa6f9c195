package dev.opsdesk.desktop.list;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.List;

/** Which of a cell's texts are drawn shortened, for a tooltip that has them whole. */
final class CutText {

    private CutText() {
    }

    /** The whole texts of {@code cell} and the labels of its graphic that are drawn cut, a line each; null when none. */
    static String whole(Labeled cell) {
        List<String> cut = new ArrayList<>();
        collect(cell, cut);
        return cut.isEmpty() ? null : String.join("\n", cut);
    }

    private static void collect(Node node, List<String> into) {
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String drawn = drawn(l);
            if (drawn != null && !drawn.equals(l.getText())) {
                into.add(l.getText());
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                if (!(child instanceof Text)) {
                    collect(child, into);
                }
            }
        }
    }

    /** What the skin draws of a label: its text node's text (shortened when cut). */
    private static String drawn(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t && t.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }
}
