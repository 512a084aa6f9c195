package dev.opsdesk.desktop.shell;

import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.client.model.Scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One permission a user holds, in words: "Replay failures — only queues: payment callbacks".
 *
 * @param permission the permission name, e.g. {@code failures.replay}
 * @param label      what it lets the user do
 * @param scope      where it applies ("everywhere", "only warehouses WH-1, WH-2")
 */
public record PermissionLine(String permission, String label, String scope) {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(Permissions.FAILURES_READ, "See failures"),
            Map.entry(Permissions.FAILURES_REPLAY, "Replay failures"),
            Map.entry(Permissions.FAILURES_RESOLVE, "Resolve or dismiss failures"),
            Map.entry(Permissions.INVENTORY_READ, "See stock and drift"),
            Map.entry(Permissions.INVENTORY_RESYNC, "Start an inventory resync"),
            Map.entry(Permissions.INVENTORY_ADJUST, "Adjust stock"),
            Map.entry(Permissions.STOCKCOUNT_SUBMIT, "Submit stock counts"),
            Map.entry(Permissions.AUDIT_READ, "Read the audit trail"),
            Map.entry(Permissions.AUDIT_EXPORT, "Export the audit trail"),
            Map.entry(Permissions.RECON_READ, "See reconciliations"),
            Map.entry(Permissions.RECON_PREPARE, "Prepare reconciliations"),
            Map.entry(Permissions.RECON_APPROVE, "Approve reconciliations"),
            Map.entry(Permissions.EXPORT, "Export tables (CSV, XLSX)"),
            Map.entry(Permissions.USERS_READ, "See users and roles"),
            Map.entry(Permissions.USERS_MANAGE, "Unlock accounts and revoke sessions"));

    private static final Map<String, String> QUEUES = Map.of(
            "PAYMENT_CALLBACK", "payment callbacks",
            "INVENTORY_SYNC", "inventory sync",
            "FULFILLMENT_EXPORT", "fulfillment export");

    private static final Map<String, String> RECON_KINDS = Map.of(
            "PAYMENT_SETTLEMENT", "payment settlements",
            "STOCK_COUNT", "stock counts");

    /** Every permission the user holds, in the server's order. */
    public static List<PermissionLine> allOf(Me me) {
        return me.permissions().stream().map(p -> of(me, p)).toList();
    }

    /** The given permissions that the user holds. */
    public static List<PermissionLine> of(Me me, List<String> permissions) {
        return permissions.stream().filter(me::has).map(p -> of(me, p)).toList();
    }

    public static PermissionLine of(Me me, String permission) {
        return new PermissionLine(permission, LABELS.getOrDefault(permission, permission),
                me.scopeOf(permission).map(PermissionLine::describe).orElse("everywhere"));
    }

    static String describe(Scope scope) {
        List<String> parts = new ArrayList<>();
        if (scope.queues() != null) {
            parts.add("queues: " + String.join(", ", scope.queues().stream()
                    .map(q -> QUEUES.getOrDefault(q, q.toLowerCase(Locale.ROOT))).toList()));
        }
        if (scope.warehouses() != null) {
            parts.add("warehouses " + String.join(", ", scope.warehouses()));
        }
        if (scope.audit() != null) {
            parts.add(switch (scope.audit()) {
                case "ORDERS" -> "events about orders and payments";
                case "OWN" -> "your own actions and your warehouses";
                default -> scope.audit().toLowerCase(Locale.ROOT);
            });
        }
        if (scope.reconKinds() != null) {
            parts.add(String.join(", ", scope.reconKinds().stream()
                    .map(k -> RECON_KINDS.getOrDefault(k, k.toLowerCase(Locale.ROOT))).toList()));
        }
        String text = parts.isEmpty() ? "everywhere" : "only " + String.join("; ", parts);
        if (Boolean.TRUE.equals(scope.notOwn())) {
            text = (parts.isEmpty() ? "" : text + "; ") + "never your own";
        }
        return text;
    }
}
