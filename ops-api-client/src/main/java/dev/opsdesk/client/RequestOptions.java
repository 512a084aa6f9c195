package dev.opsdesk.client;

import java.util.UUID;

/**
 * Per-call options. For a request with a side effect, create the options once per logical
 * action (one click) and pass the same instance again if the user retries that action, so the
 * server can recognise the repeat by its {@code Idempotency-Key}.
 *
 * @param idempotencyKey the key sent as {@code Idempotency-Key}; never null
 * @param requestId      sent as {@code X-Request-Id}; null lets the client generate one per attempt
 */
public record RequestOptions(String idempotencyKey, String requestId) {

    public RequestOptions {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 255) {
            throw new IllegalArgumentException("idempotencyKey must have 1 to 255 characters");
        }
    }

    /** Options with a fresh random idempotency key. */
    public static RequestOptions newAction() {
        return new RequestOptions(UUID.randomUUID().toString(), null);
    }

    public static RequestOptions withKey(String idempotencyKey) {
        return new RequestOptions(idempotencyKey, null);
    }

    public RequestOptions withRequestId(String id) {
        return new RequestOptions(idempotencyKey, id);
    }
}
