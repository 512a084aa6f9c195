package dev.opsdesk.sandbox.failures;

import java.util.Arrays;
import java.util.Optional;

/** Why a failure was closed; {@code REPLAYED} is set by a replay that took (or found) its effect. */
public enum ResolutionCode {
    REPLAYED,
    FIXED_MANUALLY,
    DUPLICATE,
    NOT_AN_ISSUE,
    WONT_FIX,
    CUSTOMER_CONTACTED;

    public static Optional<ResolutionCode> parse(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
    }
}
