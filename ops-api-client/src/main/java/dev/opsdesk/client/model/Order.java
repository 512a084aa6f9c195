package dev.opsdesk.client.model;

import java.time.Instant;
import java.util.List;

/** An order with its payments: the business context of a payment failure. */
public record Order(String orderNumber, String status, Money total, String customerEmail, Instant createdAt,
                    List<Payment> payments) {

    public Order {
        payments = payments == null ? List.of() : List.copyOf(payments);
    }

    /** One payment of an order. {@code state} is AUTHORIZED, CAPTURED, FAILED or REFUNDED. */
    public record Payment(String reference, String provider, Money amount, String state, Instant capturedAt) {
    }
}
