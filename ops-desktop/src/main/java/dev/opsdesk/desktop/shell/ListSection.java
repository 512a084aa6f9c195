package dev.opsdesk.desktop.shell;

import javafx.scene.Node;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A section whose page is a searchable list (Failures, Audit): its first useful control is the
 * search field, F5 loads the list again, and a link names what to list.
 */
public class ListSection implements SectionInstance {

    private final Node root;
    private final Runnable focusSearch;
    private final Runnable refresh;
    private final Consumer<String> open;
    private final Runnable dispose;

    /**
     * @param open shows what a link names (a queue, an entity's timeline)
     */
    public ListSection(Node root, Runnable focusSearch, Runnable refresh, Consumer<String> open, Runnable dispose) {
        this.root = Objects.requireNonNull(root, "root");
        this.focusSearch = Objects.requireNonNull(focusSearch, "focusSearch");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.open = Objects.requireNonNull(open, "open");
        this.dispose = Objects.requireNonNull(dispose, "dispose");
    }

    @Override
    public Node root() {
        return root;
    }

    /** The search field: finding a record is what people come to a list for. */
    @Override
    public boolean focusFirstControl() {
        focusSearch.run();
        return true;
    }

    @Override
    public void refresh() {
        refresh.run();
    }

    @Override
    public void focusSearch() {
        focusSearch.run();
    }

    @Override
    public boolean open(String target) {
        open.accept(target);
        return true;
    }

    @Override
    public void dispose() {
        dispose.run();
    }
}
