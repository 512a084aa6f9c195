package dev.opsdesk.desktop.inventory;

import dev.opsdesk.desktop.export.ui.FolderMemory;
import dev.opsdesk.desktop.inventory.count.CountCalls;
import dev.opsdesk.desktop.inventory.count.CountOutbox;
import dev.opsdesk.desktop.inventory.count.CountPage;
import dev.opsdesk.desktop.inventory.count.CountViewModel;
import dev.opsdesk.desktop.settings.SettingsLocation;
import dev.opsdesk.desktop.shell.ListSection;
import dev.opsdesk.desktop.shell.Section;
import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionInstance;
import dev.opsdesk.desktop.ui.Permits;
import dev.opsdesk.client.model.Failure;

import java.util.List;
import java.util.function.Consumer;

/**
 * The Inventory section in the main window. A link to it names a SKU or EAN to find, or a pair
 * ({@code WH-1/SKU-100042}). Counting stock (package {@code count}) opens its page in place of the matrix; a
 * submitted count links to its run in Reconciliation.
 */
public final class InventorySection {

    private InventorySection() {
    }

    /** The section's factory. */
    public static SectionInstance create(SectionContext context) {
        Permits permits = new Permits(context.me());
        InventoryViewModel vm = new InventoryViewModel(context.client(), permits, context.tasks(),
                context.errors(), context.server(), context.clock(), context.formats().zone(),
                FolderMemory.preferences());
        Runnable openFailures = context.host().isAvailable(Section.FAILURES)
                ? () -> context.host().open(Section.FAILURES, Failure.INVENTORY_SYNC) : null;
        Consumer<String> openRun = context.host().isAvailable(Section.RECONCILIATION)
                ? runId -> context.host().open(Section.RECONCILIATION, runId) : null;
        CountPage count = new CountPage(CountCalls.of(context.client()), permits, context.tasks(), context.errors(),
                context.server(), context.formats(), CountOutbox.folder(SettingsLocation.directory(), context.server()),
                CountViewModel.Retry.standard(context.tasks().ui()), openRun, () -> List.copyOf(vm.warehouses()));
        InventoryView view = new InventoryView(vm, context.formats(), openFailures,
                context.host().isAvailable(Section.AUDIT) ? entity -> context.host().open(Section.AUDIT, entity) : null,
                count);
        vm.activate(context.live());
        return new ListSection(view.root(), view::focusSearch, view::refresh, view::open, view::dispose);
    }
}
