package dev.opsdesk.desktop.inventory;

import dev.opsdesk.client.model.Inventory;
import dev.opsdesk.desktop.ui.Formats;

import java.time.Instant;
import java.util.Map;

/** The section's words: sync states, integration statuses, the age of a number. */
public final class InventoryTexts {

    private static final Map<String, String> STATES = Map.of(
            "IN_SYNC", "In sync",
            "SETTLING", "Settling",
            "STUCK", "Stuck");

    private static final Map<String, String> REASONS = Map.of(
            "DAMAGED", "Damaged",
            "LOST", "Lost",
            "FOUND", "Found",
            "RECOUNT", "Recount",
            "RETURN_TO_STOCK", "Return to stock",
            "CORRECTION", "Correction");

    private InventoryTexts() {
    }

    /** "Settling" for SETTLING (an enum or its name). */
    public static String state(Object state) {
        return state == null ? "" : STATES.getOrDefault(state.toString(), state.toString());
    }

    public static String reason(String code) {
        return REASONS.getOrDefault(code, code);
    }

    public static Map<String, String> reasons() {
        return REASONS;
    }

    /** What a sync state means, for a tooltip. */
    public static String stateHint(Inventory.StockPair p, Instant now) {
        return switch (p.state()) {
            case IN_SYNC -> "All three systems agree.";
            case SETTLING -> "The systems disagree, but a sync that would close it is still due"
                    + (p.stuckAfter() == null ? "." : " (stuck unless closed within " + Formats.age(now, p.stuckAfter())
                    + ").");
            case STUCK -> "The systems disagree and the sync that should have closed it did not come"
                    + (p.driftSince() == null ? "." : " (drifting since " + Formats.ago(p.driftSince(), now) + ").");
        };
    }

    /** A system's number with its age: "12 · 3 h ago", marked when stale. */
    public static String numberTip(String system, Inventory.SystemStock s, Instant now, Formats formats) {
        return system + ": " + s.quantity() + ", synced " + Formats.ago(s.syncedAt(), now) + " ("
                + formats.absolute(s.syncedAt()) + ")" + (s.stale() ? " — stale: older than its integration's interval" : "");
    }

    public static String integrationStatus(String status) {
        return switch (status) {
            case "OK" -> "OK";
            case "DEGRADED" -> "Degraded";
            case "DOWN" -> "Down";
            default -> status;
        };
    }
}
