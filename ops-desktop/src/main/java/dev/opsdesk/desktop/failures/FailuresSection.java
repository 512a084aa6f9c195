package dev.opsdesk.desktop.failures;

import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.desktop.shell.ListSection;
import dev.opsdesk.desktop.shell.Section;
import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionInstance;

/**
 * The Failures section in the main window. A link to it names a queue ({@code PAYMENT_CALLBACK}):
 * the Overview's tiles open that queue's open failures; or a queue and an hour
 * ({@code PAYMENT_CALLBACK@2026-11-21T14:00:00Z}): the chart's bars open that hour's failures.
 */
public final class FailuresSection {

    private FailuresSection() {
    }

    /** The section's factory. */
    public static SectionInstance create(SectionContext context) {
        FailuresViewModel vm = new FailuresViewModel(context.client(), new Permits(context.me()), context.tasks(),
                context.errors(), context.server(), context.clock());
        FailuresView view = new FailuresView(vm, context.formats(), context.host().isAvailable(Section.AUDIT)
                ? entity -> context.host().open(Section.AUDIT, entity) : null);
        vm.activate(context.live());
        return new ListSection(view.root(), view::focusSearch, view::refresh, vm::open, view::dispose);
    }
}
