package dev.opsdesk.client.audit;

import dev.opsdesk.client.AuditService;
import dev.opsdesk.client.model.AuditCheckpoint;
import dev.opsdesk.client.model.AuditEvent;
import dev.opsdesk.client.model.AuditFilter;
import dev.opsdesk.client.model.Page;
import dev.opsdesk.client.model.PageRequest;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Integrity checks of a server's audit trail through the API: re-computing the chain over a range, and checking that
 * the server's history still contains a checkpoint verified earlier. Needs an unlimited {@code audit.read} scope: a
 * scoped reader sees only part of the trail, which cannot be chained.
 */
public final class TrailCheck {

    /** The outcome of comparing a kept checkpoint with the server's trail now. */
    public record CheckpointComparison(boolean extendsKept, AuditCheckpoint current, String message) {
    }

    private final AuditService audit;

    public TrailCheck(AuditService audit) {
        this.audit = audit;
    }

    /** Verifies events {@code from..to} (to null: up to the current checkpoint). */
    public ChainVerifier.Result verify(long from, Long to, ChainVerifier.Progress progress,
                                       BooleanSupplier cancelled) {
        if (from < 1) {
            throw new IllegalArgumentException("Sequences start at 1");
        }
        long last = to != null ? to : audit.checkpoint().sequence();
        String anchor = ChainVerifier.GENESIS;
        if (from > 1) {
            AuditEvent before = event(from - 1);
            anchor = before == null ? null : before.hash();
        }
        var events = audit.all(AuditFilter.none().withSequences(from, last), AuditService.Direction.OLDEST_FIRST)
                .iterator();
        return new ChainVerifier().verify(events, from, anchor, last, progress, cancelled);
    }

    /** One event by sequence (null if there is none, or the caller may not see it). */
    public AuditEvent event(long sequence) {
        Page<AuditEvent> page = audit.list(AuditFilter.none().withSequences(sequence, sequence),
                AuditService.Direction.OLDEST_FIRST, PageRequest.first(1));
        List<AuditEvent> items = page.items();
        return items.isEmpty() ? null : items.get(0);
    }

    /** Whether the trail now still holds {@code keptHash} at {@code keptSequence}, i.e. it only grew since. */
    public CheckpointComparison compare(long keptSequence, String keptHash) {
        AuditCheckpoint current = audit.checkpoint();
        if (current.sequence() < keptSequence) {
            return new CheckpointComparison(false, current, "The trail now ends at #" + current.sequence()
                    + ", before #" + keptSequence + " which was verified earlier: events were removed.");
        }
        AuditEvent kept = event(keptSequence);
        if (!ChainVerifier.extendsCheckpoint(keptSequence, keptHash, kept)) {
            return new CheckpointComparison(false, current, "Event #" + keptSequence + " no longer has the hash"
                    + " verified earlier: the history up to it was rewritten.");
        }
        return new CheckpointComparison(true, current, "The trail still contains the checkpoint #" + keptSequence
                + " verified earlier and has grown to #" + current.sequence() + ".");
    }
}
