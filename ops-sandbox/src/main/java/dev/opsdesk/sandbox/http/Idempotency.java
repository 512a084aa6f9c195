package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.auth.Tokens;
import dev.opsdesk.sandbox.service.ApiException;
import dev.opsdesk.sandbox.service.IdempotencyStore;
import dev.opsdesk.sandbox.service.IdempotencyStore.Claimed;
import dev.opsdesk.sandbox.service.IdempotencyStore.Completed;
import dev.opsdesk.sandbox.service.IdempotencyStore.InFlight;
import dev.opsdesk.sandbox.service.IdempotencyStore.Mismatch;
import dev.opsdesk.sandbox.service.IdempotencyStore.StoredResponse;
import dev.opsdesk.sandbox.service.ProblemType;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The idempotency convention for requests with a side effect. A handler wraps its work:
 * <pre>{@code idempotency.run(ctx, principal.userId(), () -> Idempotency.Response.json(201, created));}</pre>
 * Without an {@code Idempotency-Key} the request is refused (400 {@code idempotency-key-missing}); the first
 * request with a key runs and its response is stored; a repeat with the same method, path and body gets that
 * response again with {@code Idempotent-Replayed: true}; a repeat with another body gets 422
 * ({@code idempotency-key-mismatch}), and one while the first still runs 409 ({@code idempotency-key-in-use}).
 * If the work throws, the key is released and nothing is stored, so the client can retry with the same key.
 */
public final class Idempotency {

    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore store;

    public Idempotency(IdempotencyStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** What a wrapped handler answers. {@code body} null means no body (e.g. 204). */
    public record Response(int status, String contentType, String body) {

        public static Response json(int status, Object body) {
            return new Response(status, Json.CONTENT_TYPE, Json.write(body));
        }

        public static Response noContent() {
            return new Response(204, null, null);
        }
    }

    @FunctionalInterface
    public interface Action {
        Response run();
    }

    public void run(Context ctx, String userId, Action action) {
        String key = ctx.header(KEY_HEADER);
        if (key == null || key.isEmpty()) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_MISSING,
                    "This request needs an Idempotency-Key header; send a new UUID for each new request.");
        }
        if (!isValidKey(key)) {
            throw ApiException.validation(KEY_HEADER,
                    "Must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters.");
        }
        String fingerprint = fingerprint(ctx);
        var claim = store.claim(userId, key, fingerprint);
        if (claim instanceof Mismatch) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_MISMATCH,
                    "This Idempotency-Key was already used for a different request; use a new key for a new request.");
        }
        if (claim instanceof InFlight) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key is still being processed; try again in a moment.");
        }
        if (claim instanceof Completed completed) {
            StoredResponse stored = completed.response();
            ctx.header(REPLAYED_HEADER, "true");
            write(ctx, new Response(stored.status(), stored.contentType(), stored.body()));
            return;
        }
        assert claim instanceof Claimed;
        Response response;
        try {
            response = Objects.requireNonNull(action.run(), "action returned no response");
        } catch (RuntimeException | Error e) {
            store.release(userId, key);
            throw e;
        }
        store.complete(userId, key, new StoredResponse(response.status(), response.contentType(), response.body()));
        write(ctx, response);
    }

    static boolean isValidKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 of method, path (with query) and body: what makes two requests "the same". */
    static String fingerprint(Context ctx) {
        String target = ctx.method().name() + ' ' + ctx.path()
                + (ctx.queryString() == null ? "" : "?" + ctx.queryString()) + '\n';
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(target.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(ctx.bodyAsBytes());
        return Tokens.sha256Hex(bytes.toByteArray());
    }

    private static void write(Context ctx, Response response) {
        ctx.status(response.status());
        if (response.body() != null) {
            ctx.contentType(response.contentType()).result(response.body());
        }
    }
}
