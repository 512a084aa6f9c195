package dev.opsdesk.sandbox.failures;

import java.util.Arrays;
import java.util.Optional;

/** The failure queues; the names are the contract's. */
public enum Queue {
    PAYMENT_CALLBACK,
    INVENTORY_SYNC,
    FULFILLMENT_EXPORT;

    public static Optional<Queue> parse(String name) {
        return Arrays.stream(values()).filter(q -> q.name().equals(name)).findFirst();
    }
}
