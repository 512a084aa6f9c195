package dev.opsdesk.desktop.ui;

import dev.opsdesk.client.model.Failure;
import dev.opsdesk.client.model.Permissions;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The failure queues, in the usual order and in words. Shared: the Failures section lists them,
 * the Overview counts them, Inventory links to its queue — and each says them the same way.
 */
public final class Queues {

    public static final List<String> ALL = List.of(Failure.PAYMENT_CALLBACK, Failure.INVENTORY_SYNC,
            Failure.FULFILLMENT_EXPORT);

    private static final Map<String, String> LABELS = Map.of(
            Failure.PAYMENT_CALLBACK, "Payment callbacks",
            Failure.INVENTORY_SYNC, "Inventory sync",
            Failure.FULFILLMENT_EXPORT, "Fulfillment export");

    private static final Map<String, String> NOUNS = Map.of(
            Failure.PAYMENT_CALLBACK, "payment callbacks",
            Failure.INVENTORY_SYNC, "inventory sync failures",
            Failure.FULFILLMENT_EXPORT, "fulfillment export failures");

    private Queues() {
    }

    /** "Payment callbacks": a tab, a tile, a cell. */
    public static String label(String queue) {
        return LABELS.getOrDefault(queue, humanize(queue));
    }

    /** "payment callbacks", "inventory sync failures": for sentences. */
    public static String noun(String queue) {
        return NOUNS.getOrDefault(queue, humanize(queue).toLowerCase(Locale.ROOT));
    }

    /** The queues the user may read, in the usual order. */
    public static List<String> readable(Permits permits) {
        return permits.allowed(Permissions.FAILURES_READ, Permits.Dimension.QUEUE, ALL);
    }

    private static String humanize(String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
