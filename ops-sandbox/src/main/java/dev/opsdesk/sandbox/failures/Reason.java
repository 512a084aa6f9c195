package dev.opsdesk.sandbox.failures;

import java.util.Arrays;
import java.util.Optional;

/** Why something failed; the names are the contract's. */
public enum Reason {
    SIGNATURE_INVALID,
    TIMESTAMP_OUT_OF_TOLERANCE,
    ORDER_NOT_FOUND,
    AMOUNT_MISMATCH,
    DOWNSTREAM_TIMEOUT,
    SCHEMA_INVALID,
    ERP_REJECTED,
    WMS_UNAVAILABLE,
    UNKNOWN_SKU,
    CARRIER_REJECTED;

    public static Optional<Reason> parse(String name) {
        return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
    }

    /** Reasons that quarantine a callback: its origin was never proven, so it is never replayed. */
    public boolean quarantines() {
        return this == SIGNATURE_INVALID || this == TIMESTAMP_OUT_OF_TOLERANCE;
    }
}
