package dev.opsdesk.desktop.failures;

import dev.opsdesk.desktop.shell.Section;
import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionInstance;
import javafx.scene.Node;

/**
 * The Failures section in the main window. A link to it names a queue ({@code PAYMENT_CALLBACK}):
 * the Overview's tiles open that queue's open failures.
 */
public final class FailuresSection implements SectionInstance {

    private final FailuresView view;

    public FailuresSection(SectionContext context) {
        // The view model takes the permissions as they are now (it does not follow context.me() yet).
        FailuresViewModel vm = new FailuresViewModel(context.client(), context.currentMe(), context.tasks(),
                context.errors(), context.server(), context.clock());
        view = new FailuresView(vm, context.formats(), context.host().isAvailable(Section.AUDIT)
                ? entity -> context.host().open(Section.AUDIT, entity) : null);
        vm.activate(context.live());
    }

    @Override
    public Node root() {
        return view.root();
    }

    /** The search field: finding a failure by order number is what people come here for. */
    @Override
    public boolean focusFirstControl() {
        view.focusSearch();
        return true;
    }

    @Override
    public void refresh() {
        view.refresh();
    }

    @Override
    public void focusSearch() {
        view.focusSearch();
    }

    /** @param target a queue, e.g. {@code INVENTORY_SYNC}: its open failures */
    @Override
    public boolean open(String target) {
        view.viewModel().showQueue(target);
        return true;
    }

    @Override
    public void dispose() {
        view.dispose();
    }

    public FailuresView view() {
        return view;
    }
}
