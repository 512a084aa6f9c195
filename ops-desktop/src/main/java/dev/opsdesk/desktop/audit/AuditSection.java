package dev.opsdesk.desktop.audit;

import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.export.ui.FolderMemory;
import dev.opsdesk.desktop.shell.ListSection;
import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionInstance;

/**
 * The Audit section in the main window. A link to it names an entity ({@code order:ORD-100123},
 * {@code failure:F-0000042}): its timeline.
 */
public final class AuditSection {

    private AuditSection() {
    }

    /** The section's factory. */
    public static SectionInstance create(SectionContext context) {
        AuditViewModel vm = new AuditViewModel(context.client(), new Permits(context.me()), context.tasks(), context.errors(),
                context.server(), context.clock(), context.formats().zone(),
                AuditCheckpoints.standard(context.session().server().builtInSandbox()), FolderMemory.preferences());
        AuditView view = new AuditView(vm, context.formats());
        vm.activate(context.live());
        return new ListSection(view.root(), view::focusSearch, view::refresh, view::showTimeline, view::dispose) {
            private boolean shownBefore;

            /** Shown again: compare with the kept checkpoint (the first showing does so as it loads). */
            @Override
            public void shown() {
                if (shownBefore) {
                    view.shown();
                }
                shownBefore = true;
            }
        };
    }
}
