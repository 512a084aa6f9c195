package dev.opsdesk.sandbox.failures;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a failure stands. {@code OPEN} waits for someone, {@code REPLAYING} a replay holds it, {@code RESOLVED} took
 * effect or was fixed by hand, {@code DISMISSED} closed without effect, {@code DEAD} quarantined (never verified).
 */
public enum FailureStatus {
    OPEN,
    REPLAYING,
    RESOLVED,
    DISMISSED,
    DEAD;

    public static Optional<FailureStatus> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }

    /** Whether a replay may be started from this status (a running one is a conflict of another kind). */
    public boolean replayable() {
        return this == OPEN || this == REPLAYING;
    }
}
