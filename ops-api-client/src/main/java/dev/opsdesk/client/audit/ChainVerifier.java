package dev.opsdesk.client.audit;

import dev.opsdesk.client.model.AuditEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Re-computes the audit hash chain over events in ascending sequence order and reports either "verified up to #N"
 * or the first event where it breaks, and how:
 * <ul>
 *   <li>{@link Break#MISSING}: a sequence number is absent (an event was deleted);</li>
 *   <li>{@link Break#REORDERED}: an event is intact but sits at another sequence than it was recorded at (events
 *       were swapped or moved);</li>
 *   <li>{@link Break#CHANGED}: an event's content no longer matches its hash, or its hash was re-computed after a
 *       change so that the next event no longer links to it.</li>
 * </ul>
 * Free of I/O: feed it any iterator (the client's paging iterator, a file).
 */
public final class ChainVerifier {

    /** The hash before the first event. */
    public static final String GENESIS = "0".repeat(64);

    /** How far either side of its position a moved event is looked for. */
    private static final int MOVE_WINDOW = 1_000;

    public enum Break { MISSING, REORDERED, CHANGED }

    /** Progress: events checked so far and the last sequence checked. */
    @FunctionalInterface
    public interface Progress {
        void update(long checked, long lastSequence);
    }

    /**
     * @param verifiedUpTo the last sequence verified (the whole range when {@code ok})
     * @param brokenAt     the first sequence where the chain breaks (null when ok)
     * @param kind         how it breaks (null when ok)
     * @param message      for people
     * @param lastHash     the hash of event {@code verifiedUpTo} (null if none verified)
     */
    public record Result(boolean ok, long checked, long verifiedUpTo, Long brokenAt, Break kind, String message,
                         String lastHash) {
    }

    private final MessageDigest sha256;

    public ChainVerifier() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Lower-case hex SHA-256 of the event's canonical form. */
    public String hashOf(AuditEvent e) {
        return HexFormat.of().formatHex(sha256.digest(CanonicalForm.bytes(e)));
    }

    /**
     * Verifies {@code events}, which must start at {@code firstSequence} (1 for the whole trail).
     *
     * @param anchorHash the hash of event {@code firstSequence - 1} as previously verified, or {@link #GENESIS} when
     *                   starting at 1; null to take the first event's {@code prevHash} on trust (a range check)
     * @param toSequence the last sequence expected (events past it are not read); null: to the end of the iterator
     * @param cancelled  checked between events; when it says true, {@link CancellationException} is thrown
     */
    public Result verify(Iterator<AuditEvent> events, long firstSequence, String anchorHash, Long toSequence,
                         Progress progress, BooleanSupplier cancelled) {
        long expected = firstSequence;
        String prevHash = anchorHash;
        long checked = 0;
        String lastHash = null;
        AuditEvent previous = null;
        while (events.hasNext()) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new CancellationException("Verification cancelled at #" + expected);
            }
            AuditEvent e = events.next();
            if (toSequence != null && e.sequence() > toSequence) {
                break;
            }
            if (e.sequence() > expected) {
                return broken(checked, expected, Break.MISSING, "Event #" + expected + " is missing: after #"
                        + (expected - 1) + " comes #" + e.sequence() + ".", lastHash);
            }
            if (e.sequence() < expected) {
                return broken(checked, e.sequence(), Break.REORDERED, "Event #" + e.sequence()
                        + " appears again after #" + (expected - 1) + ": the trail is out of order.", lastHash);
            }
            String actual = hashOf(e);
            boolean intact = actual.equals(e.hash());
            boolean linked = prevHash == null || prevHash.equals(e.prevHash());
            if (!intact) {
                Long movedFrom = recordedAt(e);
                if (movedFrom != null) {
                    return broken(checked, e.sequence(), Break.REORDERED, "Event #" + e.sequence()
                            + " holds the event recorded as #" + movedFrom + ": events were moved or swapped.",
                            lastHash);
                }
                return broken(checked, e.sequence(), Break.CHANGED, "Event #" + e.sequence()
                        + " was changed after it was recorded: its content no longer matches its hash.", lastHash);
            }
            if (!linked) {
                // Intact itself, but it does not follow the event before: that one was rewritten (hash and all).
                long at = previous == null ? e.sequence() : previous.sequence();
                return broken(checked, at, Break.CHANGED, previous == null
                        ? "Event #" + e.sequence() + " does not follow the last verified event: the history before"
                                + " it was rewritten."
                        : "Event #" + at + " was rewritten (its hash re-computed): event #" + e.sequence()
                                + " still links to the original.", previous == null ? null : previous.prevHash());
            }
            prevHash = e.hash();
            lastHash = e.hash();
            previous = e;
            checked++;
            expected++;
            if (progress != null && (checked & 1023) == 0) {
                progress.update(checked, e.sequence());
            }
        }
        if (toSequence != null && expected <= toSequence) {
            return broken(checked, expected, Break.MISSING, "The trail ends at #" + (expected - 1) + "; events up to #"
                    + toSequence + " were expected.", lastHash);
        }
        if (progress != null) {
            progress.update(checked, expected - 1);
        }
        return new Result(true, checked, expected - 1, null, null, checked == 0 ? "Nothing to verify."
                : "Verified #" + firstSequence + " to #" + (expected - 1) + " (" + checked + " events).", lastHash);
    }

    /** The sequence this intact event was recorded at, if it is near its position; null if none matches. */
    private Long recordedAt(AuditEvent e) {
        for (int d = 1; d <= MOVE_WINDOW; d++) {
            for (long k : new long[] {e.sequence() + d, e.sequence() - d}) {
                if (k >= 1 && HexFormat.of().formatHex(sha256.digest(CanonicalForm.bytes(e, k))).equals(e.hash())) {
                    return k;
                }
            }
        }
        return null;
    }

    private static Result broken(long checked, long at, Break kind, String message, String lastHash) {
        return new Result(false, checked, at - 1, at, kind, message, lastHash);
    }

    /** Whether {@code current} still has {@code hash} at {@code sequence} (a checkpoint extends an earlier one). */
    public static boolean extendsCheckpoint(long keptSequence, String keptHash, AuditEvent eventAtKeptSequence) {
        return eventAtKeptSequence != null && eventAtKeptSequence.sequence() == keptSequence
                && Objects.equals(keptHash, eventAtKeptSequence.hash());
    }
}
