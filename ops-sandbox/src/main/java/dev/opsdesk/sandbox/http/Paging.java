package dev.opsdesk.sandbox.http;

import dev.opsdesk.sandbox.service.ApiException;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The list conventions: {@code limit} (1–500, default 50) and an opaque {@code cursor}, which is the base64url of
 * a kind prefix plus the last key of the previous page. Both are checked; a bad one is a {@code 400 validation}.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    public static final int MAX_CURSOR_LENGTH = 512;

    private Paging() {
    }

    public static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.validation("limit", "Must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    /** The key the cursor carries (null when there is no cursor: the first page). */
    public static String cursor(Context ctx, String kind) {
        String raw = ctx.queryParam("cursor");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String prefix = kind + ":";
        String decoded = null;
        if (raw.length() <= MAX_CURSOR_LENGTH) {
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(raw);
                decoded = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (IllegalArgumentException | CharacterCodingException e) {
                decoded = null;
            }
        }
        if (decoded == null || !decoded.startsWith(prefix) || decoded.length() == prefix.length()) {
            throw ApiException.validation("cursor",
                    "Not a cursor this list handed out; use the nextCursor of the previous page, or none.");
        }
        return decoded.substring(prefix.length());
    }

    public static String nextCursor(String kind, String lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + lastKey).getBytes(StandardCharsets.UTF_8));
    }
}
