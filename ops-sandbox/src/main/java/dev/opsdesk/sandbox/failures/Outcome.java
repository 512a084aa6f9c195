package dev.opsdesk.sandbox.failures;

import java.util.Arrays;
import java.util.Optional;

/** How one attempt went. {@code SKIPPED}: nothing to do (already applied, not replayable, not allowed). */
public enum Outcome {
    SUCCEEDED,
    FAILED,
    SKIPPED;

    public static Optional<Outcome> parse(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equals(name)).findFirst();
    }
}
