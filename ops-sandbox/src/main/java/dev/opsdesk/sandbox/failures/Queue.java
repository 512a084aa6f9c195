package dev.opsdesk.sandbox.failures;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The failure queues; the names are the contract's. Each has a service-level target: how old an open failure may
 * get before it is past its SLA. A payment callback keeps a customer waiting for their order, so it is the
 * shortest; a fulfillment export delays a shipment by hours, not minutes.
 */
public enum Queue {
    PAYMENT_CALLBACK(Duration.ofMinutes(30)),
    INVENTORY_SYNC(Duration.ofHours(2)),
    FULFILLMENT_EXPORT(Duration.ofHours(4));

    private final Duration slaTarget;

    Queue(Duration slaTarget) {
        this.slaTarget = slaTarget;
    }

    /** How old an open failure of this queue may get. */
    public Duration slaTarget() {
        return slaTarget;
    }

    public static Optional<Queue> parse(String name) {
        return Arrays.stream(values()).filter(q -> q.name().equals(name)).findFirst();
    }
}
