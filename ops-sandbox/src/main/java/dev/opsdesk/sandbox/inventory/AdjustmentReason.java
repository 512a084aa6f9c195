package dev.opsdesk.sandbox.inventory;

import java.util.Arrays;
import java.util.Optional;

/** Why stock was adjusted by hand. */
public enum AdjustmentReason {
    DAMAGED, LOST, FOUND, RECOUNT, RETURN_TO_STOCK, CORRECTION;

    public static Optional<AdjustmentReason> parse(String name) {
        return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }
}
