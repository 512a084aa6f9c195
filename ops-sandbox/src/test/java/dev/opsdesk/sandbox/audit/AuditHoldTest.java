package dev.opsdesk.sandbox.audit;

import static dev.opsdesk.sandbox.db.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdesk.sandbox.db.tables.records.AuditEventRecord;
import dev.opsdesk.sandbox.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While a new sandbox writes its seeded history, live events (a sign-in's) are held and appended after it: only
 * those whose transaction committed, in commit order, with their request ids, and published when appended.
 */
class AuditHoldTest {

    private static final Instant SEEDED_AT = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant LIVE_AT = Instant.parse("2026-11-21T09:00:00Z");

    private Database database;
    private DSLContext live;
    private final List<AuditQueries.Event> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        database = Database.open(null);
        live = database.dsl();
        AuditPublisher.install(live, published::add);
    }

    @AfterEach
    void close() {
        AuditContext.end();
        database.close();
    }

    private static AuditEntry entry(Instant at, String action) {
        return AuditEntry.byUser(at, "olga", action, "user", "olga");
    }

    private List<AuditEventRecord> chain() {
        return live.selectFrom(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQUENCE).fetch();
    }

    @Test
    void heldEventsFollowTheSeededHistoryInCommitOrderAndRolledBackOnesNever() {
        AuditLog.Hold hold = AuditLog.hold(live);
        AuditContext.begin("req-1");
        live.transaction(tx -> assertThat(AuditLog.append(tx.dsl(), entry(LIVE_AT, "session.signed_in"))).isZero());
        assertThatThrownBy(() -> live.transaction(tx -> {
            AuditLog.append(tx.dsl(), entry(LIVE_AT, "session.rolled_back"));
            throw new IllegalStateException("no");
        })).hasMessageContaining("no");
        AuditContext.begin("req-2");
        live.transaction(tx -> AuditLog.append(tx.dsl(), entry(LIVE_AT.plusSeconds(1), "session.signed_out")));
        AuditContext.end();
        assertThat(chain()).as("nothing appended while held").isEmpty();
        assertThat(hold.size()).isEqualTo(2);

        // The seeder writes through a DSLContext of its own: not held.
        DSLContext seeder = database.separateDsl();
        seeder.transaction(tx -> AuditLog.append(tx.dsl(), entry(SEEDED_AT, "order.created"),
                entry(SEEDED_AT.plusSeconds(5), "payment.captured")));
        assertThat(published).as("the seeded history is not news").isEmpty();

        hold.release();
        List<AuditEventRecord> chain = chain();
        assertThat(chain).extracting(AuditEventRecord::getAction)
                .containsExactly("order.created", "payment.captured", "session.signed_in", "session.signed_out");
        assertThat(chain).extracting(AuditEventRecord::getRequestId).containsExactly(null, null, "req-1", "req-2");
        assertThat(chain).extracting(AuditEventRecord::getSequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(chain.get(2).getPrevHash()).isEqualTo(chain.get(1).getHash());
        assertThat(published).extracting(AuditQueries.Event::action)
                .containsExactly("session.signed_in", "session.signed_out");

        live.transaction(tx -> assertThat(AuditLog.append(tx.dsl(), entry(LIVE_AT, "session.signed_in")))
                .as("released: appended at once").isEqualTo(5));
    }

    @Test
    void aTransactionThatCommitsAfterTheReleaseIsAppendedRightAfterIt() {
        AuditLog.Hold hold = AuditLog.hold(live);
        live.transaction(tx -> {
            AuditLog.append(tx.dsl(), entry(LIVE_AT, "session.signed_in"));
            hold.release(); // from another thread in life; here between the append and the commit
            assertThat(chain()).isEmpty();
        });
        assertThat(chain()).extracting(AuditEventRecord::getAction).containsExactly("session.signed_in");
    }

    @Test
    void holdingNeedsAPublisherToTellACommitFromARollback() {
        assertThatThrownBy(() -> AuditLog.hold(database.separateDsl())).isInstanceOf(IllegalStateException.class);
    }
}
