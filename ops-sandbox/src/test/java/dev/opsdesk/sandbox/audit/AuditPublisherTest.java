package dev.opsdesk.sandbox.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdesk.sandbox.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Audit events reach the live stream when, and only when, their transaction commits. */
class AuditPublisherTest {

    private Database database;
    private DSLContext dsl;
    private final List<AuditQueries.Event> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        database = Database.open(null);
        dsl = database.dsl();
        AuditPublisher.install(dsl, published::add);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static AuditEntry entry(String action) {
        return AuditEntry.byUser(Instant.parse("2026-11-21T09:00:00Z"), "olga", action, "failure", "F-1");
    }

    @Test
    void eventsArePublishedAfterTheirTransactionCommitsAsTheListReadsThem() {
        dsl.transaction(tx -> {
            AuditLog.append(tx.dsl(), entry("failure.noted"), entry("failure.assigned"));
            assertThat(published).as("not before the commit").isEmpty();
        });
        assertThat(published).extracting(AuditQueries.Event::action)
                .containsExactly("failure.noted", "failure.assigned");
        AuditQueries.Page stored = new AuditQueries(dsl).page(new AuditQuery(null, null, null, null, null, null,
                null, null, null, null, null, null, dev.opsdesk.sandbox.auth.Scopes.Filter.EVERYTHING), true, null, 10);
        assertThat(published).containsExactlyElementsOf(stored.items());
    }

    @Test
    void eventsOfARolledBackTransactionAreNeverPublished() {
        assertThatThrownBy(() -> dsl.transaction(tx -> {
            AuditLog.append(tx.dsl(), entry("failure.resolved"));
            throw new IllegalStateException("changed my mind");
        })).hasMessageContaining("changed my mind");
        dsl.transaction(tx -> AuditLog.append(tx.dsl(), entry("failure.noted")));
        assertThat(published).extracting(AuditQueries.Event::action).containsExactly("failure.noted");
        assertThat(published.get(0).sequence()).as("the rolled-back sequence is reused").isEqualTo(1);
    }

    @Test
    void aNestedTransactionsEventsWaitForTheOutermostCommit() {
        dsl.transaction(outer -> {
            outer.dsl().transaction(inner -> AuditLog.append(inner.dsl(), entry("failure.noted")));
            assertThat(published).as("the outer transaction is still open").isEmpty();
        });
        assertThat(published).hasSize(1);
    }
}
