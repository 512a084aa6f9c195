package dev.opsdesk.desktop;

import dev.opsdesk.desktop.admin.AdminSection;
import dev.opsdesk.desktop.audit.AuditSection;
import dev.opsdesk.desktop.failures.FailuresSection;
import dev.opsdesk.desktop.inventory.InventorySection;
import dev.opsdesk.desktop.overview.OverviewSection;
import dev.opsdesk.desktop.reconciliation.ReconciliationSection;
import dev.opsdesk.desktop.shell.SettingsSection;
import dev.opsdesk.desktop.shell.Section;
import dev.opsdesk.desktop.shell.SectionRegistry;

/**
 * The sections of Ops Desk, in navigation order: the n-th is Ctrl+n. A section is added with one
 * line here and its {@link SectionFactory}; one without a factory yet shows its "coming soon" page.
 */
public final class StandardSections {

    private StandardSections() {
    }

    public static SectionRegistry registry() {
        return SectionRegistry.builder()
                .add(Section.OVERVIEW, OverviewSection::new)
                .add(Section.FAILURES, FailuresSection::create)
                .add(Section.INVENTORY, InventorySection::create)
                .add(Section.AUDIT, AuditSection::create)
                .add(Section.RECONCILIATION, ReconciliationSection::create)
                .add(Section.SETTINGS, SettingsSection::new)
                // Last, so that Settings keeps Ctrl+6 for everyone; administrators get Ctrl+7.
                .add(Section.ADMIN, AdminSection::create)
                .build();
    }
}
