package dev.opsdesk.sandbox.http;

import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids: the client's when well-formed (1–64 of [A-Za-z0-9._-]), else a fresh random one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** The client's id if valid, else a new one. */
    public static String accept(String fromClient) {
        return isValid(fromClient) ? fromClient : generate();
    }

    /** A random version-4 UUID, e.g. {@code 3f2b8c1e-9a4d-4e0b-8f6a-1c2d3e4f5a6b}. */
    public static String generate() {
        return UUID.randomUUID().toString();
    }
}
