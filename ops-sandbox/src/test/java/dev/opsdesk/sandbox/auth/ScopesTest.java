package dev.opsdesk.sandbox.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The scopes of the role table as the one evaluator reads them, including those no section uses yet (warehouses,
 * reconciliation kinds, not-own): per record, and as the SQL a list is narrowed with.
 */
class ScopesTest {

    private static final Field<String> QUEUE = DSL.field(DSL.name("queue"), String.class);
    private static final Field<String> WAREHOUSE = DSL.field(DSL.name("warehouse"), String.class);
    private static final Field<String> OWNER = DSL.field(DSL.name("owner"), String.class);
    private static final Field<String> ORDER = DSL.field(DSL.name("order_number"), String.class);
    private static final Field<String> KIND = DSL.field(DSL.name("kind"), String.class);
    private static final Scopes.Columns ALL_COLUMNS = new Scopes.Columns(QUEUE, WAREHOUSE, OWNER, ORDER, KIND);

    private static Scopes user(String name, RoleName role, String... warehouses) {
        return Scopes.ofRoles(name, List.of(role), List.of(warehouses));
    }

    private static String sql(Scopes.Filter filter) {
        return DSL.using(SQLDialect.H2).renderInlined(filter.condition(ALL_COLUMNS));
    }

    @Test
    void queueScopesLetThroughTheirQueuesOnly() {
        Scopes support = user("sam", RoleName.SUPPORT);
        assertThat(support.may(Permission.FAILURES_READ, Target.inQueue("PAYMENT_CALLBACK"))).isTrue();
        assertThat(support.may(Permission.FAILURES_READ, Target.inQueue("INVENTORY_SYNC"))).isFalse();
        assertThat(sql(support.filter(Permission.FAILURES_READ))).contains("\"queue\" = 'PAYMENT_CALLBACK'");
        Scopes ops = user("olga", RoleName.OPS);
        assertThat(ops.may(Permission.FAILURES_REPLAY, Target.inQueue("PAYMENT_CALLBACK"))).isFalse();
        assertThat(ops.may(Permission.FAILURES_REPLAY, Target.inQueue("FULFILLMENT_EXPORT"))).isTrue();
        assertThat(ops.filter(Permission.FAILURES_READ).everything()).isTrue();
    }

    @Test
    void aPermissionNotHeldLetsNothingThrough() {
        Scopes warehouse = user("wim", RoleName.WAREHOUSE, "WH-1");
        assertThat(warehouse.may(Permission.FAILURES_READ, Target.inQueue("PAYMENT_CALLBACK"))).isFalse();
        assertThat(warehouse.filter(Permission.FAILURES_READ).nothing()).isTrue();
        assertThat(sql(warehouse.filter(Permission.FAILURES_READ))).isEqualTo("false");
        assertThat(warehouse.queues(Permission.FAILURES_READ, Queue.class)).isEmpty();
    }

    @Test
    void warehouseScopesFollowTheUsersBoundWarehouses() {
        Scopes wim = user("wim", RoleName.WAREHOUSE, "WH-1", "WH-2");
        assertThat(wim.may(Permission.INVENTORY_ADJUST, Target.inWarehouse("WH-2"))).isTrue();
        assertThat(wim.may(Permission.INVENTORY_ADJUST, Target.inWarehouse("WH-3"))).isFalse();
        assertThat(wim.may(Permission.INVENTORY_ADJUST, Target.NONE)).as("a record of no warehouse").isFalse();
        assertThat(wim.filter(Permission.INVENTORY_READ).warehouses()).containsExactlyInAnyOrder("WH-1", "WH-2");
        assertThat(sql(wim.filter(Permission.INVENTORY_READ))).contains("\"warehouse\" in (");
        // Unbound warehouse staff may read no warehouse at all.
        Scopes unbound = user("una", RoleName.WAREHOUSE);
        assertThat(unbound.may(Permission.INVENTORY_READ, Target.inWarehouse("WH-1"))).isFalse();
        assertThat(user("olga", RoleName.OPS).may(Permission.INVENTORY_READ, Target.inWarehouse("WH-9"))).isTrue();
    }

    @Test
    void reconKindScopesCombineWithWarehouses() {
        Scopes wim = user("wim", RoleName.WAREHOUSE, "WH-1");
        assertThat(wim.may(Permission.RECON_PREPARE, Target.reconciliation("STOCK_COUNT", "WH-1", "wim"))).isTrue();
        assertThat(wim.may(Permission.RECON_PREPARE, Target.reconciliation("STOCK_COUNT", "WH-2", "wim"))).isFalse();
        assertThat(wim.may(Permission.RECON_READ, Target.reconciliation("SETTLEMENT", "WH-1", "fay"))).isFalse();
        assertThat(sql(wim.filter(Permission.RECON_READ))).contains("\"kind\" = 'STOCK_COUNT'")
                .contains("\"warehouse\" = 'WH-1'");
        Scopes finance = user("fay", RoleName.FINANCE);
        assertThat(finance.may(Permission.RECON_READ, Target.reconciliation("SETTLEMENT", null, "fay"))).isTrue();
    }

    @Test
    void notOwnNeverCoversTheHoldersOwnRecords() {
        Scopes approver = user("ada", RoleName.APPROVER);
        assertThat(approver.may(Permission.RECON_APPROVE, Target.reconciliation("SETTLEMENT", null, "fay"))).isTrue();
        assertThat(approver.may(Permission.RECON_APPROVE, Target.reconciliation("SETTLEMENT", null, "ada"))).isFalse();
        assertThat(sql(approver.filter(Permission.RECON_APPROVE))).contains("\"owner\" <> 'ada'");
        Scopes admin = user("root", RoleName.ADMIN);
        assertThat(admin.may(Permission.RECON_APPROVE, Target.reconciliation("STOCK_COUNT", "WH-1", "root")))
                .as("not even an administrator approves their own").isFalse();
    }

    @Test
    void auditScopesAreOrdersOrOwnActionsAndWarehouses() {
        Scopes support = user("sam", RoleName.SUPPORT);
        assertThat(support.may(Permission.AUDIT_READ, Target.auditEvent("olga", null, "ORD-1"))).isTrue();
        assertThat(support.may(Permission.AUDIT_READ, Target.auditEvent("sam", "WH-1", null))).isFalse();
        assertThat(sql(support.filter(Permission.AUDIT_READ))).contains("\"order_number\" is not null");

        Scopes wim = user("wim", RoleName.WAREHOUSE, "WH-1");
        assertThat(wim.may(Permission.AUDIT_READ, Target.auditEvent("wim", null, null))).isTrue();
        assertThat(wim.may(Permission.AUDIT_READ, Target.auditEvent("olga", "WH-1", null))).isTrue();
        assertThat(wim.may(Permission.AUDIT_READ, Target.auditEvent("olga", "WH-2", "ORD-1"))).isFalse();
        assertThat(sql(wim.filter(Permission.AUDIT_READ))).contains("\"owner\" = 'wim'")
                .contains("\"warehouse\" = 'WH-1'");
        assertThat(wim.filter(Permission.AUDIT_READ).withoutOwn().everything()).isTrue();
        assertThat(user("fay", RoleName.FINANCE).filter(Permission.AUDIT_READ).everything()).isTrue();
    }

    @Test
    void twoRolesGrantTheWiderScope() {
        Scopes both = Scopes.ofRoles("bo", List.of(RoleName.SUPPORT, RoleName.OPS), List.of());
        assertThat(both.may(Permission.FAILURES_READ, Target.inQueue("INVENTORY_SYNC"))).isTrue();
        assertThat(both.queues(Permission.FAILURES_REPLAY, Queue.class))
                .isEqualTo(Set.of(Queue.PAYMENT_CALLBACK, Queue.INVENTORY_SYNC, Queue.FULFILLMENT_EXPORT));
    }

    @Test
    void aScopeOnAColumnTheRecordsLackIsAMistakeNotAPass() {
        Scopes support = user("sam", RoleName.SUPPORT);
        Scopes.Columns noQueue = new Scopes.Columns(null, WAREHOUSE, OWNER, ORDER, KIND);
        assertThatThrownBy(() -> support.filter(Permission.FAILURES_READ).condition(noQueue))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("queue");
    }

    /** A stand-in for a feature's queue enum. */
    enum Queue { PAYMENT_CALLBACK, INVENTORY_SYNC, FULFILLMENT_EXPORT }
}
