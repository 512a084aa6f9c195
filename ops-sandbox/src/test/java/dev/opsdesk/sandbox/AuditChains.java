package dev.opsdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdesk.sandbox.audit.AuditLog;
import dev.opsdesk.sandbox.audit.Canonical;
import dev.opsdesk.sandbox.db.tables.records.AuditEventRecord;
import java.time.Instant;
import java.util.List;

/** The audit chain checked as a client verifies it. */
final class AuditChains {

    private AuditChains() {
    }

    /** Gapless from #1, each event linking to and hashing over the one before, in time order. */
    static void assertVerifies(List<AuditEventRecord> all) {
        String prev = Canonical.GENESIS;
        Instant lastAt = Instant.EPOCH;
        for (int i = 0; i < all.size(); i++) {
            AuditEventRecord e = all.get(i);
            assertThat(e.getSequence()).isEqualTo(i + 1L);
            assertThat(e.getPrevHash()).as("#%s links to #%s", e.getSequence(), i).isEqualTo(prev);
            assertThat(Canonical.sha256Hex(AuditLog.canonical(e.getSequence(), e.getAt().toInstant(), e.getActor(),
                    e.getActorType(), e.getAction(), e.getEntityType(), e.getEntityId(), e.getOrderNumber(),
                    e.getWarehouse(), e.getSku(), e.getRequestId(), e.getCorrelationId(), e.getDetails(),
                    e.getPrevHash()))).as("hash of #%s", e.getSequence()).isEqualTo(e.getHash());
            assertThat(e.getAt().toInstant()).as("time order at #%s", e.getSequence()).isAfterOrEqualTo(lastAt);
            prev = e.getHash();
            lastAt = e.getAt().toInstant();
        }
    }
}
