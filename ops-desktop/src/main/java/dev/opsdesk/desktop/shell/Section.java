package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Permissions;

import java.util.List;
import java.util.Locale;

/**
 * The sections of the main window, in navigation order (which is also the order of the Ctrl+1..6
 * shortcuts). A section shows when the user holds any of its {@link #requiredAnyOf()} permissions;
 * an empty list means everyone sees it. Gating is by permission name, never by role.
 */
public enum Section {
    OVERVIEW("Overview",
            "What needs attention right now: open failures, stock drift and approvals waiting for you, at a glance.",
            "Live counts of open failures per queue, stock drift per warehouse and reconciliations waiting for "
                    + "approval, each one click away from the list behind it.",
            List.of(Permissions.FAILURES_READ, Permissions.INVENTORY_READ),
            List.of()),
    FAILURES("Failures",
            "Find failed payment callbacks, inventory syncs and fulfillment exports, see why each one failed, and replay it safely — exactly once.",
            "A live list by queue, status and reason; the stored payload and every attempt; replay one or a whole "
                    + "batch, resolve with a note, and see who did what.",
            List.of(Permissions.FAILURES_READ),
            List.of(Permissions.FAILURES_READ, Permissions.FAILURES_REPLAY, Permissions.FAILURES_RESOLVE)),
    INVENTORY("Inventory",
            "Stock per SKU and warehouse as the platform, the ERP and the warehouse system each see it, where they drift apart, and stock counts and adjustments.",
            "Drift per SKU and warehouse, sync runs and their errors, resync, adjustments with a reason, and stock "
                    + "counts typed in or imported from the scanner's CSV or XLSX.",
            List.of(Permissions.INVENTORY_READ),
            List.of(Permissions.INVENTORY_READ, Permissions.INVENTORY_RESYNC, Permissions.INVENTORY_ADJUST,
                    Permissions.STOCKCOUNT_SUBMIT)),
    AUDIT("Audit",
            "Every change — who, what, when — in a tamper-evident trail you can filter, verify and export.",
            "Search by person, action, record and time; check that the hash chain is unbroken; export exactly "
                    + "what you see.",
            List.of(Permissions.AUDIT_READ),
            List.of(Permissions.AUDIT_READ, Permissions.AUDIT_EXPORT)),
    RECONCILIATION("Reconciliation",
            "Match settlement reports and stock counts against the platform, resolve the exceptions, and approve with four eyes.",
            "Import Stripe, Adyen or PayPal settlement reports, match them against payments, resolve each "
                    + "exception with a code and note, submit, and approve runs prepared by someone else.",
            List.of(Permissions.RECON_READ),
            List.of(Permissions.RECON_READ, Permissions.RECON_PREPARE, Permissions.RECON_APPROVE)),
    SETTINGS("Settings",
            "Theme, remembered servers and where Ops Desk keeps its settings.",
            "",
            List.of(),
            List.of());

    private final String title;
    private final String description;
    private final String comingSoon;
    private final List<String> requiredAnyOf;
    private final List<String> relatedPermissions;

    Section(String title, String description, String comingSoon, List<String> requiredAnyOf,
            List<String> relatedPermissions) {
        this.title = title;
        this.description = description;
        this.comingSoon = comingSoon;
        this.requiredAnyOf = requiredAnyOf;
        this.relatedPermissions = relatedPermissions;
    }

    public String title() {
        return title;
    }

    /** One line on what the section is for. */
    public String description() {
        return description;
    }

    /** What the section will offer once it is built (shown on its placeholder page). */
    public String comingSoon() {
        return comingSoon;
    }

    public List<String> requiredAnyOf() {
        return requiredAnyOf;
    }

    /** The permissions that decide what a user can do in this section. */
    public List<String> relatedPermissions() {
        return relatedPermissions;
    }

    public boolean isVisibleTo(Me me) {
        return requiredAnyOf.isEmpty() || me.hasAny(requiredAnyOf.toArray(String[]::new));
    }

    /** 1-based position, the digit of its keyboard shortcut. */
    public int shortcutDigit() {
        return ordinal() + 1;
    }

    /** The id of its navigation button, e.g. {@code nav-failures}. */
    public String navId() {
        return "nav-" + name().toLowerCase(Locale.ROOT);
    }

    public static List<Section> visibleTo(Me me) {
        return java.util.Arrays.stream(values()).filter(s -> s.isVisibleTo(me)).toList();
    }
}
