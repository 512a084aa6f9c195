package dev.opsdesk.desktop.admin;

import dev.opsdesk.client.model.Account;
import dev.opsdesk.desktop.export.Column;
import dev.opsdesk.desktop.export.ExportDataset;
import java.util.List;

/** The columns of the accounts table, declared once (the table shows them by id, with these headers). */
final class AccountExport {

    private static final ExportDataset<Account> DATASET = new ExportDataset<>("accounts", "Accounts", List.of(
            Column.text("username", "Username", Account::username),
            Column.text("displayName", "Name", Account::displayName),
            Column.text("roles", "Role", a -> String.join(", ", a.roles())),
            Column.text("warehouses", "Warehouses", a -> a.warehouses().isEmpty() ? "all" : String.join(", ", a.warehouses())),
            Column.dateTime("lastSignInAt", "Last sign-in", Account::lastSignInAt),
            Column.text("state", "Sign-in", AccountExport::state),
            Column.integer("failedSignIns", "Failed (15 min)", Account::failedSignIns),
            Column.integer("openSessions", "Open sessions", Account::openSessions)),
            List.of("username"));

    private AccountExport() {
    }

    static ExportDataset<Account> dataset() {
        return DATASET;
    }

    /** "Locked" or "Allowed": what the sign-in throttle says of the account now. */
    static String state(Account a) {
        return a.locked() ? "Locked" : "Allowed";
    }
}
