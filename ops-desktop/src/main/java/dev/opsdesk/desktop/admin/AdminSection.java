package dev.opsdesk.desktop.admin;

import dev.opsdesk.desktop.shell.ListSection;
import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionInstance;
import dev.opsdesk.desktop.ui.Permits;

/** The Administration section (administrators: {@code users.read}; its actions need {@code users.manage}). */
public final class AdminSection {

    private AdminSection() {
    }

    /** The section's factory. */
    public static SectionInstance create(SectionContext context) {
        AdminViewModel vm = new AdminViewModel(context.client(), new Permits(context.me()), context.tasks(),
                context.errors(), context.server());
        AdminView view = new AdminView(vm, context.formats(), context.clock());
        vm.reload();
        return new ListSection(view.root(), view::focusTable, view::refresh, target -> { }, vm::dispose);
    }
}
