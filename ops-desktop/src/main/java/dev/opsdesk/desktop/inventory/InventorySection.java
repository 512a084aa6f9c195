package dev.opsdesk.desktop.inventory;

import dev.opsdesk.desktop.export.ui.FolderMemory;
import dev.opsdesk.desktop.shell.ListSection;
import dev.opsdesk.desktop.shell.Section;
import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionInstance;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.client.model.Failure;

/**
 * The Inventory section in the main window. A link to it names a SKU or EAN to find, or a pair
 * ({@code WH-1/SKU-100042}).
 */
public final class InventorySection {

    private InventorySection() {
    }

    /** The section's factory. */
    public static SectionInstance create(SectionContext context) {
        InventoryViewModel vm = new InventoryViewModel(context.client(), new Permits(context.me()), context.tasks(),
                context.errors(), context.server(), context.clock(), context.formats().zone(),
                FolderMemory.preferences());
        Runnable openFailures = context.host().isAvailable(Section.FAILURES)
                ? () -> context.host().open(Section.FAILURES, Failure.INVENTORY_SYNC) : null;
        InventoryView view = new InventoryView(vm, context.formats(), openFailures,
                context.host().isAvailable(Section.AUDIT) ? entity -> context.host().open(Section.AUDIT, entity) : null);
        vm.activate(context.live());
        return new ListSection(view.root(), view::focusSearch, view::refresh, view::open, view::dispose);
    }
}
