package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.desktop.ui.Icons;
import org.kordamp.ikonli.Ikon;

import java.util.List;
import java.util.Objects;

/**
 * What the main window knows about a section before it is built: its name, what it is for, its
 * icon, and who sees it. A section shows when the user holds any of its {@link #requiredAnyOf()}
 * permissions; an empty list means everyone sees it. Gating is by permission name, never by role.
 *
 * <p>The order of the sections, and so their Ctrl+digit shortcuts, is the order of the
 * {@link SectionRegistry}, not of the constants below.
 *
 * @param id                 a stable lower-case name: the navigation button is {@code nav-<id>}
 * @param comingSoon         what the section will offer, shown on its placeholder while it has no factory
 * @param relatedPermissions the permissions that decide what a user can do in the section
 */
public record Section(String id, String title, String description, String comingSoon, Ikon icon,
                      List<String> requiredAnyOf, List<String> relatedPermissions) {

    public static final Section OVERVIEW = new Section("overview", "Overview",
            "What needs attention right now: open failures, stock drift and approvals waiting for you, at a glance.",
            "Live counts of open failures per queue, stock drift per warehouse and reconciliations waiting for "
                    + "approval, each one click away from the list behind it.",
            Icons.OVERVIEW,
            List.of(Permissions.FAILURES_READ, Permissions.INVENTORY_READ),
            List.of());
    public static final Section FAILURES = new Section("failures", "Failures",
            "Find failed payment callbacks, inventory syncs and fulfillment exports, see why each one failed, and replay it safely — exactly once.",
            "A live list by queue, status and reason; the stored payload and every attempt; replay one or a whole "
                    + "batch, resolve with a note, and see who did what.",
            Icons.FAILURES,
            List.of(Permissions.FAILURES_READ),
            List.of(Permissions.FAILURES_READ, Permissions.FAILURES_REPLAY, Permissions.FAILURES_RESOLVE));
    public static final Section INVENTORY = new Section("inventory", "Inventory",
            "Stock per SKU and warehouse as the platform, the ERP and the warehouse system each see it, where they drift apart, and stock counts and adjustments.",
            "Drift per SKU and warehouse, sync runs and their errors, resync, adjustments with a reason, and stock "
                    + "counts typed in or imported from the scanner's CSV or XLSX.",
            Icons.INVENTORY,
            List.of(Permissions.INVENTORY_READ),
            List.of(Permissions.INVENTORY_READ, Permissions.INVENTORY_RESYNC, Permissions.INVENTORY_ADJUST,
                    Permissions.STOCKCOUNT_SUBMIT));
    public static final Section AUDIT = new Section("audit", "Audit",
            "Every change — who, what, when — in a tamper-evident trail you can filter, verify and export.",
            "Search by person, action, record and time; check that the hash chain is unbroken; export exactly "
                    + "what you see.",
            Icons.AUDIT,
            List.of(Permissions.AUDIT_READ),
            List.of(Permissions.AUDIT_READ, Permissions.AUDIT_EXPORT));
    public static final Section RECONCILIATION = new Section("reconciliation", "Reconciliation",
            "Match settlement reports and stock counts against the platform, resolve the exceptions, and approve with four eyes.",
            "Import Stripe, Adyen or PayPal settlement reports, match them against payments, resolve each "
                    + "exception with a code and note, submit, and approve runs prepared by someone else.",
            Icons.RECONCILIATION,
            List.of(Permissions.RECON_READ),
            List.of(Permissions.RECON_READ, Permissions.RECON_PREPARE, Permissions.RECON_APPROVE));
    public static final Section ADMIN = new Section("admin", "Administration",
            "Who may sign in: every user with their role, warehouses, last sign-in, lock state and open sessions.",
            "Unlock an account locked after failed sign-ins, and sign a user out everywhere.",
            Icons.ADMIN,
            List.of(Permissions.USERS_READ),
            List.of(Permissions.USERS_READ, Permissions.USERS_MANAGE));
    public static final Section SETTINGS = new Section("settings", "Settings",
            "Theme, remembered servers and where Ops Desk keeps its settings.",
            "",
            Icons.SETTINGS,
            List.of(),
            List.of());

    public Section {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        comingSoon = comingSoon == null ? "" : comingSoon;
        Objects.requireNonNull(icon, "icon");
        requiredAnyOf = List.copyOf(requiredAnyOf);
        relatedPermissions = List.copyOf(relatedPermissions);
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A section id is lower-case letters, digits and dashes: " + id);
        }
    }

    public boolean isVisibleTo(Me me) {
        return requiredAnyOf.isEmpty() || me.hasAny(requiredAnyOf.toArray(String[]::new));
    }

    /** The id of its navigation button, e.g. {@code nav-failures}. */
    public String navId() {
        return "nav-" + id;
    }

    /** The id of its page, e.g. {@code page-inventory} (a built section may set its own). */
    public String pageId() {
        return "page-" + id;
    }

    @Override
    public String toString() {
        return title;
    }
}
