package dev.opsdesk.desktop.shell;

import dev.opsdesk.desktop.settings.SettingsAccess;
import dev.opsdesk.desktop.settings.SettingsView;
import dev.opsdesk.desktop.settings.SettingsViewModel;
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
