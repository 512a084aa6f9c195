package dev.opsdesk.client.model;

/** Which page to fetch: a page size (1–500) and the cursor of the previous page (null for the first). */
public record PageRequest(int limit, String cursor) {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    public PageRequest next(String nextCursor) {
        return new PageRequest(limit, nextCursor);
    }
}
