package dev.opsdesk.sandbox.inventory;

import java.time.Duration;
import java.time.Instant;

/**
 * The derived facts of one SKU x warehouse, computed the same way by every write (seed, movement, sync, adjustment),
 * which stores them so that filters and sorts can use indexes.
 * <ul>
 *   <li>{@code drift}: max − min of the three quantities;</li>
 *   <li>{@code driftSince}: when the pair stopped agreeing (kept while it keeps drifting, null when it agrees);</li>
 *   <li>{@code stuckAfter}: {@code driftSince} plus the shortest interval of the integrations whose number disagrees
 *       with the platform's — by then a sync that would close the drift was due; before it the drift is
 *       <em>settling</em>, after it <em>stuck</em>;</li>
 *   <li>{@code oversold}: the platform offers more than the warehouse system says is on the shelf, or has sold below
 *       zero.</li>
 * </ul>
 */
public record Drift(int drift, Instant driftSince, Instant stuckAfter, boolean oversold) {

    /** The sync state of a pair at {@code now}. */
    public enum State {
        IN_SYNC, SETTLING, STUCK;

        public static java.util.Optional<State> parse(String name) {
            return java.util.Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
        }
    }

    /**
     * @param previousSince the pair's {@code driftSince} before this change (null if it agreed)
     * @param changedAt     when this change happened (the start of a drift that begins now)
     */
    public static Drift of(int platform, int erp, int wms, Instant previousSince, Instant changedAt,
                           Duration erpInterval, Duration wmsInterval) {
        int max = Math.max(platform, Math.max(erp, wms));
        int min = Math.min(platform, Math.min(erp, wms));
        int drift = max - min;
        boolean oversold = platform < 0 || platform > wms;
        if (drift == 0) {
            return new Drift(0, null, null, oversold);
        }
        Instant since = previousSince != null ? previousSince : changedAt;
        // drift > 0, so at least one of ERP and WMS disagrees with the platform.
        Duration window = wms != platform && (erp == platform || wmsInterval.compareTo(erpInterval) < 0)
                ? wmsInterval : erpInterval;
        return new Drift(drift, since, since.plus(window), oversold);
    }

    public static State state(int drift, Instant stuckAfter, Instant now) {
        if (drift == 0) {
            return State.IN_SYNC;
        }
        return stuckAfter != null && stuckAfter.isBefore(now) ? State.STUCK : State.SETTLING;
    }
}
