package dev.opsdesk.desktop.reconciliation;

import dev.opsdesk.desktop.shell.ListSection;
import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionInstance;
import dev.opsdesk.desktop.ui.Permits;

/** The Reconciliation section in the main window. A link to it names a run ({@code R-000042}). */
public final class ReconciliationSection {

    private ReconciliationSection() {
    }

    /** The section's factory. */
    public static SectionInstance create(SectionContext context) {
        ReconciliationViewModel vm = new ReconciliationViewModel(context.client(), new Permits(context.me()),
                context.tasks(), context.errors(), context.server(), context.clock(), context.formats().zone());
        ImportAction importAction = new ImportAction(vm, run -> vm.open(run.id()));
        ReconciliationView view = new ReconciliationView(vm, importAction, context.formats());
        vm.activate(context.live());
        return new ListSection(view.root(), view::focusSearch, view::refresh, view::open, view::dispose);
    }
}
