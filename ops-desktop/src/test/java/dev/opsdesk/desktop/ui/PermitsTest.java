package dev.opsdesk.desktop.ui;

import dev.opsdesk.client.OpsClient;
import dev.opsdesk.client.model.Me;
import dev.opsdesk.client.model.Permissions;
import dev.opsdesk.desktop.failures.FailureFixtures;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "May I, and if not, why?" for the demo users as the real sandbox describes them (their
 * permissions and scopes from /v1/me): the answers the sections grey their actions out with.
 */
class PermitsTest {

    private static Me me(String username) {
        try (OpsClient client = FailureFixtures.signIn(username)) {
            return client.me();
        }
    }

    private static final List<String> WAREHOUSES = List.of("WH-1", "WH-2", "WH-3", "WH-4");

    @Test
    void aPermissionTheRoleLacksIsRefusedInWords() {
        Permits support = Permits.of(me("support"));

        assertThat(support.may(Permissions.FAILURES_READ)).isEqualTo(Permit.ALLOWED);
        assertThat(support.may(Permissions.AUDIT_EXPORT).whyNot())
                .isEqualTo("Your role may not export the audit trail (it needs audit.export).");
        assertThat(support.may(Permissions.INVENTORY_ADJUST).whyNot()).isEqualTo("Your role may not adjust stock.");
    }

    @Test
    void aWarehouseUserMayAdjustOnlyTheirOwnWarehouses() {
        Me warehouse = me("warehouse");
        Permits permits = Permits.of(warehouse);
        List<String> own = permits.allowed(Permissions.INVENTORY_ADJUST, Permits.Dimension.WAREHOUSE, WAREHOUSES);
        String other = WAREHOUSES.stream().filter(w -> !own.contains(w)).findFirst().orElseThrow();

        assertThat(own).isNotEmpty().isSubsetOf(WAREHOUSES).hasSizeLessThan(WAREHOUSES.size());
        assertThat(permits.mayOn(Permissions.INVENTORY_ADJUST, "adjust stock in", Permits.Dimension.WAREHOUSE,
                own.get(0), WAREHOUSES, w -> w)).isEqualTo(Permit.ALLOWED);
        assertThat(permits.mayOn(Permissions.INVENTORY_ADJUST, "adjust stock in", Permits.Dimension.WAREHOUSE, other,
                WAREHOUSES, w -> w).whyNot())
                .isEqualTo("You may adjust stock in " + Formats.joinWords(own) + " only — not " + other
                        + ". Ask a colleague who handles " + other + ".");
        assertThat(Permits.of(me("ops")).allowed(Permissions.INVENTORY_READ, Permits.Dimension.WAREHOUSE, WAREHOUSES))
                .as("ops read every warehouse").isEqualTo(WAREHOUSES);
    }

    @Test
    void reconKindsNarrowWhatAWarehouseUserMayPrepare() {
        Permits warehouse = Permits.of(me("warehouse"));
        List<String> kinds = List.of("PAYMENT_SETTLEMENT", "STOCK_COUNT");

        assertThat(warehouse.allowed(Permissions.RECON_PREPARE, Permits.Dimension.RECON_KIND, kinds))
                .containsExactly("STOCK_COUNT");
        assertThat(Permits.of(me("finance")).allowed(Permissions.RECON_PREPARE, Permits.Dimension.RECON_KIND, kinds))
                .isEqualTo(kinds);
    }

    @Test
    void anApproverNeverApprovesTheirOwnRunAdminIncluded() {
        String why = "You prepared this run — someone else must approve it.";
        for (String approver : List.of("approver", "admin")) {
            Permits permits = Permits.of(me(approver));
            assertThat(permits.mayOnOthers(Permissions.RECON_APPROVE, approver, why).whyNot()).as(approver)
                    .isEqualTo(why);
            assertThat(permits.mayOnOthers(Permissions.RECON_APPROVE, "finance", why)).as(approver)
                    .isEqualTo(Permit.ALLOWED);
        }
        assertThat(Permits.of(me("finance")).mayOnOthers(Permissions.RECON_APPROVE, "someone", why).whyNot())
                .isEqualTo("Your role may not approve reconciliations.");
    }

    @Test
    void answersFollowTheUsersPermissionsWhenTheyChange() {
        SimpleObjectProperty<Me> user = new SimpleObjectProperty<>(me("support"));
        Permits permits = new Permits(user);
        ObservableValue<Permit> export = permits.permitOf(Permissions.AUDIT_EXPORT);
        assertThat(export.getValue().allowed()).isFalse();

        user.set(me("auditor"));

        assertThat(export.getValue()).isEqualTo(Permit.ALLOWED);
        assertThat(permits.username()).isEqualTo("auditor");
    }
}
