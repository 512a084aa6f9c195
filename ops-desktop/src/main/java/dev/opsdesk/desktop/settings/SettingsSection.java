package dev.opsdesk.desktop.settings;

import dev.opsdesk.desktop.shell.SectionContext;
import dev.opsdesk.desktop.shell.SectionInstance;
import dev.opsdesk.desktop.shell.SectionPages;
import javafx.scene.Node;
import javafx.scene.Parent;

/** The Settings section: theme, remembered servers, where settings are kept. */
public final class SettingsSection implements SectionInstance {

    private final Parent root;

    public SettingsSection(SectionContext context) {
        SettingsAccess s = context.settings();
        SettingsViewModel vm = new SettingsViewModel(s.values(), s.theme(), s.save(), s.file());
        root = SectionPages.page(new SettingsView(vm, SectionPages.header(context.section())).content(),
                context.section().pageId());
    }

    @Override
    public Node root() {
        return root;
    }
}
