package dev.opsdesk.sandbox.reconciliation;

import java.util.List;

/** One page of a list and the key to continue after (null on the last page), for the HTTP layer's cursor. */
public record Slice<T>(List<T> items, String nextKey) {
}
