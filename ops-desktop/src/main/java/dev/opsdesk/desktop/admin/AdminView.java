package dev.opsdesk.desktop.admin;

import dev.opsdesk.client.model.Account;
import dev.opsdesk.desktop.export.ExportDataset;
import dev.opsdesk.desktop.list.ColumnSpec;
import dev.opsdesk.desktop.list.PagedTable;
import dev.opsdesk.desktop.ui.Formats;
import dev.opsdesk.desktop.ui.Gate;
import dev.opsdesk.desktop.ui.Icons;
import dev.opsdesk.desktop.ui.MessagePane;
import dev.opsdesk.desktop.ui.PageTitle;
import dev.opsdesk.desktop.ui.Styles;
import java.time.Clock;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Administration page: the accounts table, and Unlock and Revoke sessions for the selected account. */
final class AdminView {

    private final AdminViewModel vm;
    private final BorderPane root = new BorderPane();
    private final PagedTable<Account> paged;

    AdminView(AdminViewModel vm, Formats formats, Clock clock) {
        this.vm = vm;
        root.setId("page-admin");
        root.setUserData(this);
        paged = new PagedTable<>(vm.list(), "account-table", "No accounts.");
        ExportDataset<Account> data = AccountExport.dataset();
        paged.columns(List.of(
                ColumnSpec.of(data, "username").width(110),
                ColumnSpec.of(data, "displayName").width(160),
                ColumnSpec.of(data, "roles").width(90),
                ColumnSpec.of(data, "warehouses").width(110),
                ColumnSpec.of(data, "lastSignInAt").width(130)
                        .text(a -> a.lastSignInAt() == null ? "never" : Formats.ago(a.lastSignInAt(), clock.instant()))
                        .tooltip(a -> a.lastSignInAt() == null ? null : formats.absolute(a.lastSignInAt())),
                ColumnSpec.of(data, "state").width(120)
                        .text(a -> a.locked() ? "Locked until " + formats.clock(a.lockedUntil()) : "Allowed")
                        .tooltip(a -> a.locked() ? "Locked after " + a.failedSignIns()
                                + " failed sign-ins; Unlock lets them sign in now" : null),
                ColumnSpec.of(data, "failedSignIns").width(110),
                ColumnSpec.of(data, "openSessions").width(110)),
                ReadOnlyObjectWrapper::new, formats);
        paged.table().getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });

        Button unlock = new Button("_Unlock", Icons.icon(Icons.UNLOCK, 16));
        unlock.setId("unlock-account");
        unlock.setOnAction(e -> vm.unlock());
        Button revoke = new Button("_Revoke sessions", Icons.icon(Icons.SIGN_OUT, 16));
        revoke.setId("revoke-sessions");
        revoke.setOnAction(e -> vm.revokeSessions());
        FlowPane actions = new FlowPane(8, 6,
                Gate.gate(unlock, vm.unlockPermit(), vm.busyProperty(), "Let them sign in again now, without waiting"),
                Gate.gate(revoke, vm.revokePermit(), vm.busyProperty(), "Sign them out on every workstation"));
        actions.getStyleClass().add(Styles.ACTION_BAR);

        MessagePane outcome = new MessagePane(MessagePane.Kind.INFO, vm.outcomeProperty(), vm::dismissOutcome);
        outcome.setId("admin-outcome");
        MessagePane error = new MessagePane(MessagePane.Kind.ERROR, vm.errorProperty(), vm::dismissError);
        error.setId("admin-error");
        MessagePane listError = new MessagePane(MessagePane.Kind.ERROR, vm.list().errorProperty(), vm.list()::retry);

        Node title = PageTitle.row(Icons.ADMIN, "Administration", "Who may sign in, and how it went",
                PageTitle.refreshButton("admin-refresh", "Load the accounts again", this::refresh));
        VBox top = new VBox(8, title, actions, outcome, error, listError);
        VBox center = new VBox(6, paged.table(), paged.countLine());
        VBox.setVgrow(paged.table(), Priority.ALWAYS);
        root.setTop(top);
        root.setCenter(center);
        BorderPane.setMargin(center, new Insets(8, 0, 0, 0));
        root.setPadding(new Insets(16));
    }

    Node root() {
        return root;
    }

    void focusTable() {
        paged.focus();
    }

    void refresh() {
        vm.reload();
    }
}
