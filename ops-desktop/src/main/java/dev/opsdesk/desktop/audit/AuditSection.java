package dev.opsdesk.desktop.audit;

import dev.opsdesk.desktop.export.ui.FolderMemory;
import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionInstance;
import javafx.scene.Node;

/**
 * The Audit section in the main window. A link to it names an entity ({@code order:ORD-100123},
 * {@code failure:F-0000042}): its timeline.
 */
public final class AuditSection implements SectionInstance {

    private final AuditView view;
    private boolean shownBefore;

    public AuditSection(SectionContext context) {
        // The view model takes the permissions as they are now (it does not follow context.me() yet).
        AuditViewModel vm = new AuditViewModel(context.client(), context.currentMe(), context.tasks(), context.errors(),
                context.server(), context.clock(), context.formats().zone(),
                AuditCheckpoints.standard(context.session().server().builtInSandbox()), FolderMemory.preferences());
        view = new AuditView(vm, context.formats());
        vm.activate();
    }

    @Override
    public Node root() {
        return view.root();
    }

    /** Shown again: compare with the kept checkpoint (the first showing does so as it loads). */
    @Override
    public void shown() {
        if (shownBefore) {
            view.shown();
        }
        shownBefore = true;
    }

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

    /** @param target an entity, {@code type:id}: its timeline */
    @Override
    public boolean open(String target) {
        view.showTimeline(target);
        return true;
    }

    @Override
    public void dispose() {
        view.dispose();
    }

    public AuditView view() {
        return view;
    }
}
