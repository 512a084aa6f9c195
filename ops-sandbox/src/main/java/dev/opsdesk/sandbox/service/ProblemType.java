package dev.opsdesk.sandbox.service;

import java.net.URI;

/** The kinds of problem the ops API reports; each has a stable type URI, an HTTP status and a title. */
public enum ProblemType {
    VALIDATION("validation", 400, "The request is not valid"),
    UNAUTHENTICATED("unauthenticated", 401, "Not signed in"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    CONFLICT("conflict", 409, "Conflict"),
    IDEMPOTENCY_KEY_MISSING("idempotency-key-missing", 400, "Idempotency key missing"),
    IDEMPOTENCY_KEY_MISMATCH("idempotency-key-mismatch", 422, "Idempotency key reused for a different request"),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", 409, "Idempotency key in use"),
    FAILURE_NOT_REPLAYABLE("failure-not-replayable", 409, "Failure not replayable"),
    REPLAY_IN_PROGRESS("replay-in-progress", 409, "Replay in progress"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    STOCK_CHANGED("stock-changed", 409, "Stock changed meanwhile"),
    DUPLICATE_FILE("duplicate-file", 409, "File already imported"),
    UPLOAD_GAP("upload-gap", 409, "Upload has a gap"),
    UPLOAD_INCOMPLETE("upload-incomplete", 409, "Upload not complete"),
    FILE_HASH_MISMATCH("file-hash-mismatch", 422, "File does not match its SHA-256"),
    RUN_LOCKED("run-locked", 409, "Run approved and locked"),
    INVALID_TRANSITION("invalid-transition", 409, "Not allowed in this state"),
    OPEN_EXCEPTIONS("open-exceptions", 409, "Exceptions still open"),
    FOUR_EYES("four-eyes", 403, "Four eyes required"),
    COUNT_INCOMPLETE("count-incomplete", 409, "Lines not counted"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    SERVER_ERROR("server-error", 500, "Server error");

    private static final String BASE = "https://opsdesk.dev/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
